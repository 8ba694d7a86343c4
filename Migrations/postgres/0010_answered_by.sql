-- Which answerer decided the answer (checkbox, finding, form_key_value, label, receipt_field,
-- labelled_value, open_question); for "not found", the answerer that found nothing. NULL when no
-- answerer took the question, or for answers stored before Docket recorded it.
ALTER TABLE answers ADD COLUMN answered_by text;

-- A view's new column goes at its end, which CREATE OR REPLACE VIEW allows.
CREATE OR REPLACE VIEW docket_answers AS
SELECT a.document_id, d.original_name AS document_name, a.question, a.answer, a.value, a.value_kind, a.value_unit,
       a.confidence, a.page, a.x0, a.y0, a.x1, a.y1, a.job_id,
       docket_utc_text(a.created_at) AS answered_at, a.answered_by
FROM answers a JOIN documents d ON d.id = a.document_id;
