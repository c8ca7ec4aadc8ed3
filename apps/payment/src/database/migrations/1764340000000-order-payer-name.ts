import { MigrationInterface, QueryRunner } from 'typeorm';

/** The applicant's name from fee.assessed, so that an online receipt names its payer too. */
export class OrderPayerName1764340000000 implements MigrationInterface {
  name = 'OrderPayerName1764340000000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE payment.payment_orders ADD COLUMN payer_name text');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('ALTER TABLE payment.payment_orders DROP COLUMN payer_name');
  }
}
