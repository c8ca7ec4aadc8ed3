import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CitizenSlipKind } from '@dvc/contracts';

/** A slip processing issued to the applicant (receipt, supplement request, refusal, apology), by reference. */
export interface Slip {
  fileId: string;
  dossierCode: string;
  kind: CitizenSlipKind;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  issuedAt: Date;
}

const COLUMNS = `file_id AS "fileId", dossier_code AS "dossierCode", kind, name, content_type AS "contentType",
  size_bytes::float8 AS size, sha256, issued_at AS "issuedAt"`;

/** Every query of the slips intake knows of: kept from slip.issued, read by the citizen. */
@Injectable()
export class SlipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(em: EntityManager, s: Slip): Promise<void> {
    await em.query(
      `INSERT INTO intake.slips (file_id, dossier_code, kind, name, content_type, size_bytes, sha256, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (file_id) DO NOTHING`,
      [s.fileId, s.dossierCode, s.kind, s.name, s.contentType, s.size, s.sha256, s.issuedAt],
    );
  }

  /** The newest slip of that kind (a second supplement request or apology replaces the first for the citizen). */
  async newest(dossierCode: string, kind: CitizenSlipKind): Promise<Slip | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM intake.slips WHERE dossier_code = $1 AND kind = $2 ORDER BY issued_at DESC, file_id DESC LIMIT 1`,
      [dossierCode, kind],
    );
    return row ?? null;
  }
}
