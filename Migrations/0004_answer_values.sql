-- An answer's value normalized for programs: an ISO 8601 date, a decimal amount or number with
-- '.' as the separator, or yes/no/uncertain. NULL when the question asks for free text or the
-- answer's text does not read as the kind of value asked for.
ALTER TABLE answers ADD COLUMN value      TEXT;
-- date, amount, number, yes-no.
ALTER TABLE answers ADD COLUMN value_kind TEXT;
-- The ISO 4217 currency code of an amount, when its text names one unambiguously.
ALTER TABLE answers ADD COLUMN value_unit TEXT;
