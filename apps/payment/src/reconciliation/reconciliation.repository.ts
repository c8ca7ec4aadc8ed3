import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A reconciliation as kept: which file, which period, who uploaded it, and the whole report. */
export interface ReconciliationRun {
  id: string;
  /** The gateway, or postal_cod for the partner's COD remittance. */
  source: string;
  fileSha256: string;
  from: Date;
  to: Date;
  uploadedBy: string;
  report: object;
}

/** Every query of reconciliation runs. */
@Injectable()
export class ReconciliationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(run: ReconciliationRun): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO payment.reconciliation_runs (id, gateway, file_sha256, period_from, period_to, uploaded_by, report) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)',
      [run.id, run.source, run.fileSha256, run.from, run.to, run.uploadedBy, JSON.stringify(run.report)],
    );
  }
}
