-- The layout of each page: blocks in reading order, tables and their cells, labelled values and
-- checkboxes. Word and line numbers refer to the page's words.number and lines.number; lists of
-- them are JSON arrays.

-- 1 once the page's layout was analysed; pages read before that have no layout rows.
ALTER TABLE pages ADD COLUMN layout_analyzed INTEGER NOT NULL DEFAULT 0;

CREATE TABLE layout_blocks (
    page_id       INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    -- The block's place in the page's reading order, from 0.
    reading_order INTEGER NOT NULL,
    kind          TEXT    NOT NULL CHECK (kind IN ('text', 'heading', 'table', 'form-field')),
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    -- A line that a reader ran across the gutter between two columns is in a block in each.
    line_numbers  TEXT    NOT NULL,
    -- The block's words in reading order.
    word_numbers  TEXT    NOT NULL,
    PRIMARY KEY (page_id, reading_order)
) WITHOUT ROWID;

CREATE TABLE layout_tables (
    page_id      INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    row_count    INTEGER NOT NULL,
    column_count INTEGER NOT NULL,
    -- 1 when the grid came from lines drawn on the page, 0 when from the alignment of words.
    ruled        INTEGER NOT NULL,
    PRIMARY KEY (page_id, number)
) WITHOUT ROWID;

CREATE TABLE table_cells (
    page_id      INTEGER NOT NULL,
    table_number INTEGER NOT NULL,
    row          INTEGER NOT NULL,
    "column"     INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    word_numbers TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    PRIMARY KEY (page_id, table_number, row, "column"),
    FOREIGN KEY (page_id, table_number) REFERENCES layout_tables(page_id, number) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE key_values (
    page_id            INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    number             INTEGER NOT NULL,
    relation           TEXT    NOT NULL CHECK (relation IN ('right', 'below', 'in-box')),
    key_text           TEXT    NOT NULL,
    value_text         TEXT    NOT NULL,
    key_x0 REAL NOT NULL, key_y0 REAL NOT NULL, key_x1 REAL NOT NULL, key_y1 REAL NOT NULL,
    value_x0 REAL NOT NULL, value_y0 REAL NOT NULL, value_x1 REAL NOT NULL, value_y1 REAL NOT NULL,
    key_word_numbers   TEXT    NOT NULL,
    value_word_numbers TEXT    NOT NULL,
    PRIMARY KEY (page_id, number)
) WITHOUT ROWID;

CREATE TABLE checkboxes (
    page_id            INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    number             INTEGER NOT NULL,
    x0 REAL NOT NULL, y0 REAL NOT NULL, x1 REAL NOT NULL, y1 REAL NOT NULL,
    checked            INTEGER NOT NULL,
    -- Share of dark pixels inside the border, 0 to 1.
    fill_ratio         REAL    NOT NULL,
    label              TEXT    NOT NULL,
    label_word_numbers TEXT    NOT NULL,
    label_x0 REAL, label_y0 REAL, label_x1 REAL, label_y1 REAL,
    PRIMARY KEY (page_id, number)
) WITHOUT ROWID;
