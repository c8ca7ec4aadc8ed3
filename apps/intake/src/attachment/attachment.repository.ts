import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A stored file: uploaded ahead (no dossier yet), part of a dossier, or answering a supplement request. */
export interface Attachment {
  id: string;
  portalId: string;
  dossierId: string | null;
  documentCode: string | null;
  supplementRequestId: string | null;
  filename: string;
  fileType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

const COLUMNS = `id, portal_id, dossier_id, document_code, supplement_request_id, filename, file_type, size_bytes, sha256, storage_key, created_at`;

type AttachmentRow = {
  id: string;
  portal_id: string;
  dossier_id: string | null;
  document_code: string | null;
  supplement_request_id: string | null;
  filename: string;
  file_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  created_at: Date;
};

const toAttachment = (r: AttachmentRow): Attachment => ({
  id: r.id,
  portalId: r.portal_id,
  dossierId: r.dossier_id,
  documentCode: r.document_code,
  supplementRequestId: r.supplement_request_id,
  filename: r.filename,
  fileType: r.file_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  storageKey: r.storage_key,
  createdAt: r.created_at,
});

@Injectable()
export class AttachmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(rows: Attachment[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (rows.length === 0) return;
    const params: unknown[] = [];
    const values = rows.map(
      (a) =>
        `(${[
          a.id,
          a.portalId,
          a.dossierId,
          a.documentCode,
          a.supplementRequestId,
          a.filename,
          a.fileType,
          a.sizeBytes,
          a.sha256,
          a.storageKey,
          a.createdAt,
        ]
          .map((v) => `$${params.push(v)}`)
          .join(', ')})`,
    );
    await manager.query(`INSERT INTO intake.attachments (${COLUMNS}) VALUES ${values.join(', ')}`, params);
  }

  /** The portal's uploads among `ids` not yet attached to anything, locked until the transaction ends. */
  async lockUnattached(em: EntityManager, portalId: string, ids: string[]): Promise<Attachment[]> {
    const rows: AttachmentRow[] = await em.query(
      `SELECT ${COLUMNS} FROM intake.attachments
        WHERE id = ANY($1::uuid[]) AND portal_id = $2 AND dossier_id IS NULL AND supplement_request_id IS NULL
        FOR UPDATE`,
      [ids, portalId],
    );
    return rows.map(toAttachment);
  }

  /** Attaches an upload to a dossier (and to the supplement request it answers, if any). */
  async attach(
    em: EntityManager,
    id: string,
    link: { dossierId: string; documentCode: string; supplementRequestId: string | null },
  ): Promise<void> {
    await em.query(
      'UPDATE intake.attachments SET dossier_id = $2, document_code = $3, supplement_request_id = $4 WHERE id = $1',
      [id, link.dossierId, link.documentCode, link.supplementRequestId],
    );
  }

  /** An attachment of a dossier with these bytes (any one: they share the content-addressed key), or null. */
  async findBoundBySha256(sha256: string): Promise<Attachment | null> {
    const [row]: AttachmentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM intake.attachments WHERE sha256 = $1 AND dossier_id IS NOT NULL LIMIT 1`,
      [sha256],
    );
    return row ? toAttachment(row) : null;
  }

  /** Content is stored once per hash: the bytes under a key may back several records. */
  async storageKeyInUse(storageKey: string): Promise<boolean> {
    const [{ used }] = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM intake.attachments WHERE storage_key = $1) AS used',
      [storageKey],
    );
    return used;
  }

  /** Forgets uploads no dossier took within `hours`; answers their storage keys. */
  async deleteUnattachedOlderThan(hours: number): Promise<string[]> {
    // DELETE answers [rows, count] through TypeORM's query().
    const [rows]: [{ storage_key: string }[], number] = await this.dataSource.query(
      `DELETE FROM intake.attachments WHERE dossier_id IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING storage_key`,
      [hours],
    );
    return rows.map((r) => r.storage_key);
  }
}
