-- The role for `docket sql` on PostgreSQL: it reads the docket_* views and nothing else. It may
-- not read the tables under them (documents' bytes, passwords of queued PDFs, the study-key
-- secret), write anything, or run a query for longer than statement_timeout.
--
-- Run it as the owner of Docket's database (or a superuser), in that database, after Docket has
-- made its schema; again after an upgrade that adds a view. It can be run any number of times:
--   psql "postgres://ADMIN@HOST/DATABASE" -v ON_ERROR_STOP=1 -f deploy/postgres-readonly-role.sql
-- then give the role a way to log in, e.g. ALTER ROLE docket_reader PASSWORD '...'.
--
-- default_transaction_read_only and statement_timeout are the role's defaults, which a session
-- can change: what keeps the role from writing is that it was granted nothing but SELECT on views.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'docket_reader') THEN
        CREATE ROLE docket_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END
$$;

ALTER ROLE docket_reader SET default_transaction_read_only = on;
ALTER ROLE docket_reader SET statement_timeout = '30s';
ALTER ROLE docket_reader SET idle_in_transaction_session_timeout = '5min';

-- In the schema that holds Docket's views: USAGE on it, SELECT on each docket_* view, and on no
-- table (a grant made by hand earlier is taken back).
DO $$
DECLARE
    docket_schema name := (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE c.oid = 'docket_documents'::regclass);
    relation record;
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO docket_reader', current_database());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO docket_reader', docket_schema);
    FOR relation IN
        SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = docket_schema AND c.relkind IN ('r', 'v', 'm', 'p', 'f', 'S')
    LOOP
        EXECUTE format('REVOKE ALL ON %I.%I FROM docket_reader', docket_schema, relation.relname);
        IF relation.relkind = 'v' AND relation.relname LIKE 'docket\_%' THEN
            EXECUTE format('GRANT SELECT ON %I.%I TO docket_reader', docket_schema, relation.relname);
        END IF;
    END LOOP;
END
$$;
