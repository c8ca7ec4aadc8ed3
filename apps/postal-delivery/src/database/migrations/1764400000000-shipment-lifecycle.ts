import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The full shipment: sender, parcel, service level, the address check, COD collected and settled,
 * the status history and the partner's reports (kept for audit, refused ones included).
 */
export class ShipmentLifecycle1764400000000 implements MigrationInterface {
  name = 'ShipmentLifecycle1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      ALTER TABLE postal.shipments
        ADD COLUMN sender jsonb,
        ADD COLUMN parcel jsonb,
        ADD COLUMN service_level text NOT NULL DEFAULT 'standard',
        ADD COLUMN address_check jsonb NOT NULL DEFAULT '{"status":"ok","warnings":[],"errors":[]}',
        ADD COLUMN needs_address_fix boolean NOT NULL DEFAULT false,
        ADD COLUMN requested_at timestamptz,
        ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN recipient_name text,
        ADD COLUMN cod_collected bigint,
        ADD COLUMN cod_mismatch boolean NOT NULL DEFAULT false,
        ADD COLUMN cod_settled_at timestamptz,
        ADD COLUMN cod_payment_order_id text,
        ADD COLUMN last_reported_at timestamptz,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT shipments_status_check CHECK (status IN ('created', 'accepted_by_post_office', 'picked_up', 'in_transit',
          'out_for_delivery', 'delivered', 'delivery_failed', 'returning', 'returned_to_sender', 'cancelled'))`);
    await qr.query('CREATE INDEX shipments_address_fix_idx ON postal.shipments (created_at) WHERE needs_address_fix');
    await qr.query(`
      CREATE TABLE postal.partner_reports (
        id                  bigserial PRIMARY KEY,
        partner             text,
        channel             text NOT NULL CHECK (channel IN ('http', 'amqp')),
        event_id            text,
        -- partner:eventId of every verified report: a second copy is a replay.
        event_key           text UNIQUE,
        shipment_id         text,
        status              text,
        outcome             text NOT NULL CHECK (outcome IN ('applied', 'ignored', 'refused')),
        code                text,
        detail              text,
        raw_body            text NOT NULL,
        signed_at           text,
        received_at         timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query('CREATE INDEX partner_reports_shipment_idx ON postal.partner_reports (shipment_id, received_at)');
    await qr.query(`
      CREATE TABLE postal.shipment_history (
        id          bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES postal.shipments (id),
        from_status text,
        to_status   text NOT NULL,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        actor       text NOT NULL,
        report_id   bigint REFERENCES postal.partner_reports (id),
        details     jsonb NOT NULL DEFAULT '{}'
      )`);
    await qr.query('CREATE INDEX shipment_history_shipment_idx ON postal.shipment_history (shipment_id, id)');
    // Shipments opened before this migration get their first history row.
    await qr.query(`INSERT INTO postal.shipment_history (shipment_id, from_status, to_status, occurred_at, actor)
                    SELECT id, NULL, 'created', created_at, 'system' FROM postal.shipments`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE postal.shipment_history');
    await qr.query('DROP TABLE postal.partner_reports');
    await qr.query('DROP INDEX postal.shipments_address_fix_idx');
    await qr.query(`
      ALTER TABLE postal.shipments
        DROP CONSTRAINT shipments_status_check,
        DROP COLUMN sender, DROP COLUMN parcel, DROP COLUMN service_level, DROP COLUMN address_check,
        DROP COLUMN needs_address_fix, DROP COLUMN requested_at, DROP COLUMN failed_attempts, DROP COLUMN recipient_name,
        DROP COLUMN cod_collected, DROP COLUMN cod_mismatch, DROP COLUMN cod_settled_at, DROP COLUMN cod_payment_order_id,
        DROP COLUMN last_reported_at, DROP COLUMN updated_at`);
  }
}
