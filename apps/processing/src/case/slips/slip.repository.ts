import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CitizenSlipKind } from '@dvc/contracts';
import { issuedFileOf } from '../../files/issued-file.record';
import type { SlipRecord } from './slip.record';

type Row = Record<string, unknown>;

const COLUMNS =
  'id, dossier_code, kind, name, content_type, size, sha256, storage_key, signed, signed_by, issued_by, issued_at';

function toSlip(r: Row): SlipRecord {
  return { ...issuedFileOf(r), id: r.id as string, kind: r.kind as CitizenSlipKind };
}

/** Every query of a case's slips. The issue takes the action's transaction; reads use the DataSource. */
@Injectable()
export class SlipRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(em: EntityManager, s: SlipRecord): Promise<void> {
    await em.query(
      `INSERT INTO processing.slips (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        s.id,
        s.dossierCode,
        s.kind,
        s.name,
        s.contentType,
        s.size,
        s.sha256,
        s.storageKey,
        s.signed,
        s.signedBy,
        s.issuedBy,
        s.issuedAt,
      ],
    );
  }

  /** The newest slip of this kind (a second supplement request issues a second slip). */
  async newest(dossierCode: string, kind: CitizenSlipKind): Promise<SlipRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM processing.slips WHERE dossier_code = $1 AND kind = $2
        ORDER BY issued_at DESC, id DESC LIMIT 1`,
      [dossierCode, kind],
    );
    return rows.length ? toSlip(rows[0]) : null;
  }

  async list(dossierCode: string): Promise<SlipRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM processing.slips WHERE dossier_code = $1 ORDER BY issued_at, id`,
      [dossierCode],
    );
    return rows.map(toSlip);
  }

  /** A slip with these bytes (any case): what the internal file endpoint may serve. */
  async bySha256(sha256: string): Promise<SlipRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM processing.slips WHERE sha256 = $1 LIMIT 1`,
      [sha256],
    );
    return rows.length ? toSlip(rows[0]) : null;
  }
}
