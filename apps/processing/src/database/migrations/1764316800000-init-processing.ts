import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesV1 } from '@dvc/messaging';

export class InitProcessing1764316800000 implements MigrationInterface {
  name = 'InitProcessing1764316800000';

  async up(qr: QueryRunner): Promise<void> {
    await messagingTablesV1.up(qr, 'processing');
    await qr.query(`
      CREATE TABLE processing.cases (
        id                   uuid PRIMARY KEY,
        dossier_code         text NOT NULL UNIQUE,
        procedure_code       text NOT NULL,
        procedure_version    integer NOT NULL,
        level                smallint NOT NULL,
        processing_time      integer NOT NULL,
        processing_time_unit text NOT NULL,
        payment_method       text NOT NULL,
        delivery_method      text NOT NULL,
        delivery_address     jsonb,
        fee                  jsonb NOT NULL,
        status               text NOT NULL,
        national_status_code smallint NOT NULL,
        submitted_at         timestamptz NOT NULL,
        received_at          timestamptz NOT NULL DEFAULT now(),
        accepted_at          timestamptz,
        due_at               timestamptz,
        result_issued_at     timestamptz
      )`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE processing.cases');
    await messagingTablesV1.down(qr, 'processing');
  }
}
