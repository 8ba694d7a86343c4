-- Sentence-encoder vectors of a read document's passages (a layout block, or a few lines of a page
-- without layout), for semantic search. A vector is `dimension` little-endian float32 values.
CREATE TABLE passage_vectors (
    document_id bigint           NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page_number bigint           NOT NULL,
    -- The passage's place on its page: the layout block's reading order, or the line group's.
    passage     bigint           NOT NULL,
    x0          double precision NOT NULL,
    y0          double precision NOT NULL,
    x1          double precision NOT NULL,
    y1          double precision NOT NULL,
    text        text             NOT NULL,
    vector      bytea            NOT NULL,
    PRIMARY KEY (document_id, page_number, passage)
);

-- The documents whose passages were embedded, and by which model: one with no text has a row
-- here and none in passage_vectors, so that `docket index` does not take it up again.
CREATE TABLE embedded_documents (
    document_id bigint           PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    model       text             NOT NULL,
    dimension   bigint           NOT NULL,
    embedded_at double precision NOT NULL
);
