-- The languages Tesseract reads the job's scanned pages in, as its codes joined with '+' ('deu+eng').
ALTER TABLE jobs ADD COLUMN language text NOT NULL DEFAULT 'eng';
