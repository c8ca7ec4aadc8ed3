-- One database, one schema per service, one login role per service that owns its schema and
-- has no rights on the others. Idempotent: safe to run on every start-up.
-- Run as a superuser inside the target database (tools/db-bootstrap.ts, or the postgres image's
-- /docker-entrypoint-initdb.d). Passwords here are the local defaults; production sets its own.

DO $$
DECLARE
  svc record;
BEGIN
  FOR svc IN SELECT * FROM (VALUES
      ('dvc_intake', 'intake'),
      ('dvc_processing', 'processing'),
      ('dvc_payment', 'payment'),
      ('dvc_postal', 'postal')) AS t(role_name, schema_name)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = svc.role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', svc.role_name, svc.role_name);
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc.schema_name, svc.role_name);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc.schema_name, svc.role_name);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc.schema_name);
    EXECUTE format('ALTER ROLE %I IN DATABASE %I SET search_path = %I', svc.role_name, current_database(), svc.schema_name);
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', current_database(), svc.role_name);
  END LOOP;
  -- Nobody else connects or creates objects in public: each service keeps to its schema.
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  REVOKE CREATE ON SCHEMA public FROM PUBLIC;
END
$$;
