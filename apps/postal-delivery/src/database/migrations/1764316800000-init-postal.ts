import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesV1 } from '@dvc/messaging';

export class InitPostal1764316800000 implements MigrationInterface {
  name = 'InitPostal1764316800000';

  async up(qr: QueryRunner): Promise<void> {
    await messagingTablesV1.up(qr, 'postal');
    await qr.query(`
      CREATE TABLE postal.shipments (
        id           uuid PRIMARY KEY,
        result_id    text NOT NULL UNIQUE,
        dossier_code text NOT NULL,
        receiver     jsonb NOT NULL,
        documents    jsonb NOT NULL,
        cod_amount   bigint NOT NULL CHECK (cod_amount >= 0),
        status       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await qr.query('CREATE INDEX shipments_dossier_idx ON postal.shipments (dossier_code)');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE postal.shipments');
    await messagingTablesV1.down(qr, 'postal');
  }
}
