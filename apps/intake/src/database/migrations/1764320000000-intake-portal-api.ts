import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal-facing intake: the full procedure record, portals and their API keys, idempotency
 * keys, attachments, the citizen-lookup read model, supplement requests, lookup throttling and
 * the site's visit counters.
 */
export class IntakePortalApi1764320000000 implements MigrationInterface {
  name = 'IntakePortalApi1764320000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE intake.procedure_versions
        ADD COLUMN required_documents jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN declaration_schema jsonb,
        ADD COLUMN result             text NOT NULL DEFAULT '',
        ADD COLUMN source_note        text NOT NULL DEFAULT '',
        ADD COLUMN search_text        text NOT NULL DEFAULT '',
        ADD COLUMN catalog_version    integer,
        ADD COLUMN created_by         text NOT NULL DEFAULT 'migration',
        ADD COLUMN retired_at         timestamptz`);

    await qr.query(`
      CREATE TABLE intake.portals (
        id          uuid PRIMARY KEY,
        name        text NOT NULL UNIQUE,
        key_hash    text NOT NULL UNIQUE,
        key_prefix  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text NOT NULL,
        revoked_at  timestamptz
      )`);

    await qr.query(`
      CREATE TABLE intake.idempotency_keys (
        portal_id       uuid NOT NULL REFERENCES intake.portals (id),
        key             text NOT NULL,
        request_hash    text NOT NULL,
        state           text NOT NULL CHECK (state IN ('in_flight', 'done')),
        response_status smallint,
        response_body   jsonb,
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (portal_id, key)
      )`);

    await qr.query(`
      ALTER TABLE intake.dossiers
        ADD COLUMN portal_id          uuid REFERENCES intake.portals (id),
        ADD COLUMN lookup_secret_hash text,
        ADD COLUMN declaration        jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN fee                jsonb NOT NULL DEFAULT '{"amount":0,"items":[]}',
        ADD COLUMN due_at             timestamptz,
        ADD COLUMN withdrawn_at       timestamptz`);

    await qr.query(`
      CREATE TABLE intake.attachments (
        id            uuid PRIMARY KEY,
        portal_id     uuid NOT NULL REFERENCES intake.portals (id),
        dossier_id    uuid REFERENCES intake.dossiers (id),
        document_code text,
        supplement_request_id text,
        filename      text NOT NULL,
        file_type     text NOT NULL,
        size_bytes    bigint NOT NULL,
        sha256        text NOT NULL,
        storage_key   text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query('CREATE INDEX attachments_dossier_idx ON intake.attachments (dossier_id)');
    await qr.query('CREATE INDEX attachments_storage_key_idx ON intake.attachments (storage_key)');

    // The citizen's view of processing: every status processing reported, in order.
    await qr.query(`
      CREATE TABLE intake.dossier_status_history (
        event_id             uuid PRIMARY KEY,
        dossier_code         text NOT NULL,
        status               text NOT NULL,
        national_status_code smallint NOT NULL,
        occurred_at          timestamptz NOT NULL,
        due_at               timestamptz,
        note                 text
      )`);
    await qr.query(
      'CREATE INDEX dossier_status_history_code_idx ON intake.dossier_status_history (dossier_code, occurred_at)',
    );

    await qr.query(`
      CREATE TABLE intake.supplement_requests (
        request_id   text PRIMARY KEY,
        dossier_code text NOT NULL,
        reason       text NOT NULL,
        items        jsonb NOT NULL,
        requested_at timestamptz NOT NULL,
        supplied_at  timestamptz
      )`);
    await qr.query('CREATE INDEX supplement_requests_code_idx ON intake.supplement_requests (dossier_code)');

    await qr.query(`
      CREATE TABLE intake.lookup_failures (
        dossier_code text NOT NULL,
        client       text NOT NULL,
        failed_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query('CREATE INDEX lookup_failures_code_idx ON intake.lookup_failures (dossier_code, failed_at)');
    await qr.query('CREATE INDEX lookup_failures_client_idx ON intake.lookup_failures (client, failed_at)');

    await qr.query(`
      CREATE TABLE intake.site_sessions (
        session_id text PRIMARY KEY,
        first_seen timestamptz NOT NULL,
        last_seen  timestamptz NOT NULL
      )`);
    await qr.query('CREATE INDEX site_sessions_last_seen_idx ON intake.site_sessions (last_seen)');
    await qr.query(`CREATE TABLE intake.site_counters (name text PRIMARY KEY, value bigint NOT NULL)`);
    await qr.query(`INSERT INTO intake.site_counters (name, value) VALUES ('total_visits', 0)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE intake.site_counters');
    await qr.query('DROP TABLE intake.site_sessions');
    await qr.query('DROP TABLE intake.lookup_failures');
    await qr.query('DROP TABLE intake.supplement_requests');
    await qr.query('DROP TABLE intake.dossier_status_history');
    await qr.query('DROP TABLE intake.attachments');
    await qr.query(`
      ALTER TABLE intake.dossiers
        DROP COLUMN withdrawn_at, DROP COLUMN due_at, DROP COLUMN fee, DROP COLUMN declaration,
        DROP COLUMN lookup_secret_hash, DROP COLUMN portal_id`);
    await qr.query('DROP TABLE intake.idempotency_keys');
    await qr.query('DROP TABLE intake.portals');
    await qr.query(`
      ALTER TABLE intake.procedure_versions
        DROP COLUMN retired_at, DROP COLUMN created_by, DROP COLUMN catalog_version, DROP COLUMN search_text,
        DROP COLUMN source_note, DROP COLUMN result, DROP COLUMN declaration_schema, DROP COLUMN required_documents`);
  }
}
