import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 1. The citizen's lookup shows where a result sent by post is: one row per shipment report
 *    (delivery.status_changed), de-duplicated by event id.
 * 2. Portal keys issued before portal.key_* events existed are announced once, through the
 *    outbox, so that payment (which keeps its own copy of the key hashes) accepts them too.
 */
export class DeliveryTrackingAndPortalAnnouncements1764330000000 implements MigrationInterface {
  name = 'DeliveryTrackingAndPortalAnnouncements1764330000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE intake.delivery_status_history (
        event_id     uuid PRIMARY KEY,
        dossier_code text NOT NULL,
        shipment_id  text NOT NULL,
        status       text NOT NULL,
        occurred_at  timestamptz NOT NULL,
        note         text
      )`);
    await qr.query(
      'CREATE INDEX delivery_status_history_dossier_idx ON intake.delivery_status_history (dossier_code, occurred_at)',
    );
    // The envelope as createEvent() builds it (libs/contracts envelope.ts), written straight into the outbox.
    await qr.query(`
      INSERT INTO intake.outbox (id, exchange, routing_key, envelope)
      SELECT e.id, 'dvc.events', e.routing_key,
             jsonb_build_object('id', e.id, 'type', e.type, 'version', 1, 'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                'source', 'intake', 'correlationId', e.portal_id, 'causationId', NULL, 'data', e.data)
        FROM (
          SELECT gen_random_uuid() AS id, 'portal.key_issued.v1' AS routing_key, 'portal.key_issued' AS type, p.id::text AS portal_id, p.created_at AS at,
                 jsonb_build_object('portalId', p.id, 'portalName', p.name, 'keyHash', p.key_hash,
                                    'issuedAt', to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS data
            FROM intake.portals p
          UNION ALL
          SELECT gen_random_uuid(), 'portal.key_revoked.v1', 'portal.key_revoked', p.id::text, p.revoked_at,
                 jsonb_build_object('portalId', p.id, 'revokedAt', to_char(p.revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
            FROM intake.portals p WHERE p.revoked_at IS NOT NULL
        ) e
       ORDER BY e.at, e.type`);
  }

  async down(qr: QueryRunner): Promise<void> {
    // The announcements are facts already published; only the table goes.
    await qr.query('DROP TABLE intake.delivery_status_history');
  }
}
