import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Online payment: order references, status history, raw gateway callbacks, gateway
 * transactions, webhook replay keys, receipts with a gap-free yearly series, refunds, the
 * portal key copy and reconciliation runs.
 */
export class PaymentGateways1764330000000 implements MigrationInterface {
  name = 'PaymentGateways1764330000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`CREATE SEQUENCE payment.order_reference_seq`);
    // The reference is what the gateway knows the order by (vnp_TxnRef): short, unique, not guessable from the fee id.
    await qr.query(`
      ALTER TABLE payment.payment_orders
        ADD COLUMN reference        text NOT NULL UNIQUE DEFAULT ('DVC' || lpad(nextval('payment.order_reference_seq')::text, 10, '0')),
        ADD COLUMN level            smallint NOT NULL DEFAULT 4 CHECK (level IN (3, 4)),
        ADD COLUMN items            jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN gateway          text,
        ADD COLUMN expires_at       timestamptz,
        ADD COLUMN last_checkout_at timestamptz,
        ADD COLUMN last_queried_at  timestamptz,
        ADD COLUMN paid_at          timestamptz,
        ADD COLUMN paid_method      text CHECK (paid_method IN ('online', 'office', 'postal_cod')),
        ADD COLUMN paid_amount      bigint CHECK (paid_amount >= 0),
        ADD COLUMN transaction_no   text,
        ADD COLUMN refunded_amount  bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0),
        ADD COLUMN refundable_since timestamptz,
        ADD COLUMN cod_collected    bigint,
        ADD COLUMN cod_mismatch_at  timestamptz,
        ADD COLUMN updated_at       timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT payment_orders_status_check CHECK (status IN ('pending', 'paid', 'failed', 'expired', 'cancelled', 'refunded', 'partially_refunded')),
        ADD CONSTRAINT payment_orders_refund_le_paid CHECK (refunded_amount <= coalesce(paid_amount, 0))`);
    await qr.query(
      `CREATE INDEX payment_orders_open_online_idx ON payment.payment_orders (expires_at) WHERE status IN ('pending', 'failed') AND method = 'online'`,
    );

    // Append-only: every status change (and a flag such as a COD mismatch) is a row; nothing updates or deletes them.
    await qr.query(`
      CREATE TABLE payment.payment_status_history (
        id          bigserial PRIMARY KEY,
        order_id    uuid NOT NULL REFERENCES payment.payment_orders (id),
        from_status text,
        to_status   text NOT NULL,
        reason      text NOT NULL,
        actor       text NOT NULL,
        details     jsonb,
        at          timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await qr.query('CREATE INDEX payment_status_history_order_idx ON payment.payment_status_history (order_id, id)');
    await qr.query(`
      CREATE FUNCTION payment.refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'payment_status_history is append-only'; END $$`);
    await qr.query(`
      CREATE TRIGGER payment_status_history_append_only BEFORE UPDATE OR DELETE ON payment.payment_status_history
      FOR EACH ROW EXECUTE FUNCTION payment.refuse_history_change()`);
    await qr.query(`
      INSERT INTO payment.payment_status_history (order_id, from_status, to_status, reason, actor, at)
      SELECT id, NULL, status, 'fee assessed', 'system', created_at FROM payment.payment_orders`);

    // Every callback as received, stored before it is judged; the verdict is filled in afterwards.
    await qr.query(`
      CREATE TABLE payment.gateway_callbacks (
        id           uuid PRIMARY KEY,
        gateway      text NOT NULL,
        channel      text NOT NULL CHECK (channel IN ('ipn', 'return', 'webhook')),
        http_method  text NOT NULL,
        query        text NOT NULL DEFAULT '',
        body         text,
        headers      jsonb NOT NULL DEFAULT '{}',
        remote_addr  text,
        received_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        verdict_code text,
        verdict      jsonb,
        order_id     uuid,
        judged_at    timestamptz
      )`);
    await qr.query('CREATE INDEX gateway_callbacks_order_idx ON payment.gateway_callbacks (order_id)');
    await qr.query('CREATE INDEX gateway_callbacks_received_idx ON payment.gateway_callbacks (received_at)');

    await qr.query(`
      CREATE TABLE payment.gateway_transactions (
        id             uuid PRIMARY KEY,
        order_id       uuid NOT NULL REFERENCES payment.payment_orders (id),
        gateway        text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('payment', 'refund')),
        transaction_no text NOT NULL,
        amount         bigint NOT NULL CHECK (amount >= 0),
        succeeded      boolean NOT NULL,
        response_code  text,
        occurred_at    timestamptz NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (gateway, kind, transaction_no)
      )`);

    await qr.query(`
      CREATE TABLE payment.webhook_events (
        provider    text NOT NULL,
        event_id    text NOT NULL,
        callback_id uuid NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, event_id)
      )`);

    // One counter row per year, incremented inside the payment's transaction: a rolled-back payment gives its number back.
    await qr.query(`CREATE TABLE payment.receipt_counters (year int PRIMARY KEY, last_number int NOT NULL)`);
    await qr.query(`
      CREATE TABLE payment.receipts (
        number             text PRIMARY KEY,
        year               int NOT NULL,
        seq                int NOT NULL,
        order_id           uuid NOT NULL UNIQUE REFERENCES payment.payment_orders (id),
        dossier_code       text NOT NULL,
        payer_name         text,
        amount             bigint NOT NULL CHECK (amount >= 0),
        items              jsonb NOT NULL,
        method             text NOT NULL,
        paid_at            timestamptz NOT NULL,
        issued_at          timestamptz NOT NULL DEFAULT now(),
        cashier_receipt_no text,
        cashier_id         text,
        UNIQUE (year, seq)
      )`);
    // A paper receipt number written at the counter is used once.
    await qr.query(
      'CREATE UNIQUE INDEX receipts_cashier_receipt_no_idx ON payment.receipts (cashier_receipt_no) WHERE cashier_receipt_no IS NOT NULL',
    );

    await qr.query(`
      CREATE TABLE payment.refunds (
        id              uuid PRIMARY KEY,
        order_id        uuid NOT NULL REFERENCES payment.payment_orders (id),
        idempotency_key text NOT NULL UNIQUE,
        amount          bigint NOT NULL CHECK (amount > 0),
        reason          text NOT NULL,
        channel         text NOT NULL,
        gateway_ref     text,
        requested_by    text NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);

    await qr.query(`
      CREATE TABLE payment.portal_keys (
        portal_id  uuid PRIMARY KEY,
        name       text NOT NULL,
        key_hash   text NOT NULL UNIQUE,
        issued_at  timestamptz NOT NULL,
        revoked_at timestamptz
      )`);

    await qr.query(`
      CREATE TABLE payment.reconciliation_runs (
        id          uuid PRIMARY KEY,
        gateway     text NOT NULL,
        file_sha256 text NOT NULL,
        period_from timestamptz,
        period_to   timestamptz,
        uploaded_by text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        report      jsonb NOT NULL
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'reconciliation_runs',
      'portal_keys',
      'refunds',
      'receipts',
      'receipt_counters',
      'webhook_events',
      'gateway_transactions',
      'gateway_callbacks',
      'payment_status_history',
    ]) {
      await qr.query(`DROP TABLE payment.${t}`);
    }
    await qr.query('DROP FUNCTION payment.refuse_history_change()');
    await qr.query('DROP INDEX payment.payment_orders_open_online_idx');
    await qr.query(`
      ALTER TABLE payment.payment_orders
        DROP CONSTRAINT payment_orders_status_check, DROP CONSTRAINT payment_orders_refund_le_paid,
        DROP COLUMN reference, DROP COLUMN level, DROP COLUMN items, DROP COLUMN gateway, DROP COLUMN expires_at,
        DROP COLUMN last_checkout_at, DROP COLUMN last_queried_at, DROP COLUMN paid_at, DROP COLUMN paid_method, DROP COLUMN paid_amount, DROP COLUMN transaction_no,
        DROP COLUMN refunded_amount, DROP COLUMN refundable_since, DROP COLUMN cod_collected, DROP COLUMN cod_mismatch_at, DROP COLUMN updated_at`);
    await qr.query('DROP SEQUENCE payment.order_reference_seq');
  }
}
