import { MigrationInterface, QueryRunner } from 'typeorm';
import { messagingTablesV1 } from '@dvc/messaging';

export class InitIntake1764316800000 implements MigrationInterface {
  name = 'InitIntake1764316800000';

  async up(qr: QueryRunner): Promise<void> {
    await messagingTablesV1.up(qr, 'intake');
    // Each revision of a procedure is a new row: a dossier keeps the version it was filed under.
    await qr.query(`
      CREATE TABLE intake.procedure_versions (
        code                 text NOT NULL,
        version              integer NOT NULL,
        name                 text NOT NULL,
        field_code           text NOT NULL,
        level                smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
        processing_time      integer NOT NULL CHECK (processing_time >= 0),
        processing_time_unit text NOT NULL CHECK (processing_time_unit IN ('working_days', 'working_hours')),
        fee_items            jsonb NOT NULL DEFAULT '[]',
        source               text NOT NULL CHECK (source IN ('public', 'modeled')),
        created_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (code, version)
      )`);
    await qr.query(`
      CREATE TABLE intake.dossier_sequences (
        day  date PRIMARY KEY,
        last integer NOT NULL
      )`);
    await qr.query(`
      CREATE TABLE intake.dossiers (
        id                   uuid PRIMARY KEY,
        code                 text NOT NULL UNIQUE,
        procedure_code       text NOT NULL,
        procedure_version    integer NOT NULL,
        applicant            jsonb NOT NULL,
        payment_method       text NOT NULL,
        delivery_method      text NOT NULL,
        delivery_address     jsonb,
        status               text NOT NULL,
        national_status_code smallint NOT NULL,
        status_changed_at    timestamptz NOT NULL,
        submitted_at         timestamptz NOT NULL,
        FOREIGN KEY (procedure_code, procedure_version) REFERENCES intake.procedure_versions (code, version)
      )`);
    // Two placeholder procedures; the catalog's 42 are loaded by their own migration (load-catalog-v1),
    // which retires those it does not list.
    await qr.query(`
      INSERT INTO intake.procedure_versions (code, version, name, field_code, level, processing_time, processing_time_unit, fee_items, source) VALUES
        ('1.005426', 1, 'Quyết định thanh lý tài sản công', 'QLCS', 4, 30, 'working_days', '[]', 'public'),
        ('M.QLCS.HDL', 1, 'Mua hóa đơn lẻ', 'QLCS', 4, 3, 'working_days',
         '[{"code":"HDL","name":"Giá bán hóa đơn lẻ (mô phỏng)","amount":50000}]', 'modeled')`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query('DROP TABLE intake.dossiers');
    await qr.query('DROP TABLE intake.dossier_sequences');
    await qr.query('DROP TABLE intake.procedure_versions');
    await messagingTablesV1.down(qr, 'intake');
  }
}
