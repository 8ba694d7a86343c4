-- Where each word came from, for pages that mix sources: a text layer with the OCR of its
-- pictures (a scanned insert, a stamp). NULL means the page's own source. The page keeps its
-- dominant source, so pages.source keeps its CHECK.
ALTER TABLE words ADD COLUMN source TEXT CHECK (source IN ('text-layer', 'ocr', 'plain-text'));
