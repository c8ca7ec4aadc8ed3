import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesV1 } from '@dvc/messaging';

export class InitPayment1764316800000 implements MigrationInterface {
  name = 'InitPayment1764316800000';

  async up(qr: QueryRunner): Promise<void> {
    await messagingTablesV1.up(qr, 'payment');
    await qr.query(`
      CREATE TABLE payment.payment_orders (
        id           uuid PRIMARY KEY,
        fee_id       text NOT NULL UNIQUE,
        dossier_code text NOT NULL,
        amount       bigint NOT NULL CHECK (amount >= 0),
        currency     text NOT NULL DEFAULT 'VND',
        method       text NOT NULL,
        status       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query('CREATE INDEX payment_orders_dossier_idx ON payment.payment_orders (dossier_code)');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE payment.payment_orders');
    await messagingTablesV1.down(qr, 'payment');
  }
}
