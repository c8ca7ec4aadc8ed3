import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AccessKind, AccessRecord, NewAccess } from './access-log.record';

type Row = Record<string, unknown>;

function toAccess(r: Row): AccessRecord {
  return {
    // bigserial comes back from pg as a string; it stays one (ids are compared, never added).
    id: r.id as string,
    dossierCode: r.dossier_code as string,
    officerId: r.officer_id as string,
    officerRoles: r.officer_roles as string[],
    what: r.what as AccessKind,
    documentId: r.document_id as string | null,
    clientIp: r.client_ip as string | null,
    at: r.at as Date,
  };
}

/** Every query of the access log (append-only: a trigger refuses updates and deletes). */
@Injectable()
export class AccessLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async add(a: NewAccess): Promise<AccessRecord> {
    const rows: Row[] = await this.dataSource.query(
      `INSERT INTO processing.case_access_log (dossier_code, officer_id, officer_roles, what, document_id, client_ip, at)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7, clock_timestamp()))
       RETURNING id, dossier_code, officer_id, officer_roles, what, document_id, client_ip, at`,
      [a.dossierCode, a.officerId, a.officerRoles, a.what, a.documentId, a.clientIp, a.at ?? null],
    );
    return toAccess(rows[0]);
  }

  /** A dossier's reads, newest first; `before` (an id from the previous page) continues the list. */
  async list(dossierCode: string, page: { limit: number; before?: string }): Promise<AccessRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT id, dossier_code, officer_id, officer_roles, what, document_id, client_ip, at
         FROM processing.case_access_log
        WHERE dossier_code = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC
        LIMIT $3`,
      [dossierCode, page.before ?? null, page.limit],
    );
    return rows.map(toAccess);
  }
}
