-- Degrees a page was turned clockwise to be read upright (0, 90, 180 or 270): it was scanned
-- sideways or upside down. Its words' boxes are on the page as it was submitted.
ALTER TABLE pages ADD COLUMN turned_to_read integer NOT NULL DEFAULT 0;
