-- Keys for the HTTP API (`docket keys`, `docket serve`). A key is shown once, as dk_<id>_<secret>;
-- only the SHA-256 of its secret is kept, so a copy of the database does not give the keys away.
-- scope 'read' may GET; 'submit' may also POST and DELETE. A revoked key stays listed.
CREATE TABLE api_keys (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    scope          TEXT    NOT NULL CHECK (scope IN ('read', 'submit')),
    secret_sha256  TEXT    NOT NULL,
    created_at     REAL    NOT NULL,
    revoked_at     REAL
);
