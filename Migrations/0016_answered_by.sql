-- Which answerer decided the answer (checkbox, finding, form_key_value, label, receipt_field,
-- labelled_value, open_question); for "not found", the answerer that found nothing. NULL when no
-- answerer took the question, or for answers stored before Docket recorded it.
ALTER TABLE answers ADD COLUMN answered_by TEXT;

DROP VIEW docket_answers;
CREATE VIEW docket_answers AS
SELECT a.document_id, d.original_name AS document_name, a.question, a.answer, a.value, a.value_kind, a.value_unit,
       a.confidence, a.page, a.x0, a.y0, a.x1, a.y1, a.job_id,
       strftime('%Y-%m-%dT%H:%M:%SZ', a.created_at, 'unixepoch') AS answered_at, a.answered_by
FROM answers a JOIN documents d ON d.id = a.document_id;
