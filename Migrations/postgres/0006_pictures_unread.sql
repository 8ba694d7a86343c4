-- Pictures on a text-layer page that were left unread when the time for reading the page's
-- pictures ran out.
ALTER TABLE pages ADD COLUMN pictures_unread integer NOT NULL DEFAULT 0;
