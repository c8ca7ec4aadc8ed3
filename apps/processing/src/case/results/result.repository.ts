import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ResultFileRecord, ResultUploadRecord } from './result.record';
import { issuedFileOf, storedFileOf } from '../../files/issued-file.record';

type Row = Record<string, unknown>;

const UPLOAD_COLUMNS =
  'id, dossier_code, name, content_type, size, sha256, storage_key, uploaded_by, uploaded_at, issued_file_id';
const FILE_COLUMNS = `file_id, dossier_code, result_id, position, name, content_type, size, sha256, storage_key, signed,
  verification_code, signed_by, issued_by, issued_at`;

function toUpload(r: Row): ResultUploadRecord {
  return {
    ...storedFileOf(r),
    id: r.id as string,
    uploadedBy: r.uploaded_by as string,
    uploadedAt: r.uploaded_at as Date,
    issuedFileId: r.issued_file_id as string | null,
  };
}

function toFile(r: Row): ResultFileRecord {
  return {
    ...issuedFileOf(r),
    fileId: r.file_id as string,
    resultId: r.result_id as string,
    position: r.position as number,
    verificationCode: r.verification_code as string,
  };
}

/**
 * Every query of a case's result: the files uploaded ahead of issue_result and the issued files.
 * Writes of the issue take the action's transaction; reads for officers use the DataSource.
 */
@Injectable()
export class ResultRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async addUploads(rows: ResultUploadRecord[]): Promise<void> {
    for (const u of rows) {
      await this.dataSource.query(
        `INSERT INTO processing.result_uploads (${UPLOAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)`,
        [u.id, u.dossierCode, u.name, u.contentType, u.size, u.sha256, u.storageKey, u.uploadedBy, u.uploadedAt],
      );
    }
  }

  /**
   * The uploads of this dossier an issue may still take (not taken, not expired), locked until the
   * caller's transaction ends so that two issues cannot take the same upload.
   */
  async lockPendingUploads(
    em: EntityManager,
    dossierCode: string,
    ids: string[],
    uploadedAfter: Date,
  ): Promise<ResultUploadRecord[]> {
    if (ids.length === 0) return [];
    const rows: Row[] = await em.query(
      `SELECT ${UPLOAD_COLUMNS} FROM processing.result_uploads
        WHERE id = ANY($1::uuid[]) AND dossier_code = $2 AND issued_file_id IS NULL AND uploaded_at > $3
        FOR UPDATE`,
      [ids, dossierCode, uploadedAfter],
    );
    return rows.map(toUpload);
  }

  async markUploadIssued(em: EntityManager, uploadId: string, fileId: string): Promise<void> {
    await em.query('UPDATE processing.result_uploads SET issued_file_id = $2 WHERE id = $1', [uploadId, fileId]);
  }

  /** Uploads no issue took before `olderThan`; returns their storage keys (the bytes may back other records). */
  async forgetPendingUploads(olderThan: Date): Promise<string[]> {
    const [rows]: [{ storage_key: string }[], number] = await this.dataSource.query(
      `DELETE FROM processing.result_uploads WHERE issued_file_id IS NULL AND uploaded_at <= $1 RETURNING storage_key`,
      [olderThan],
    );
    return rows.map((r) => r.storage_key);
  }

  async addFiles(em: EntityManager, files: ResultFileRecord[]): Promise<void> {
    for (const f of files) {
      await em.query(
        `INSERT INTO processing.result_files (${FILE_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          f.fileId,
          f.dossierCode,
          f.resultId,
          f.position,
          f.name,
          f.contentType,
          f.size,
          f.sha256,
          f.storageKey,
          f.signed,
          f.verificationCode,
          f.signedBy,
          f.issuedBy,
          f.issuedAt,
        ],
      );
    }
  }

  /** The case's issued files, in the order the officer gave them. */
  async files(dossierCode: string): Promise<ResultFileRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${FILE_COLUMNS} FROM processing.result_files WHERE dossier_code = $1 ORDER BY result_id, position`,
      [dossierCode],
    );
    return rows.map(toFile);
  }

  async file(dossierCode: string, fileId: string): Promise<ResultFileRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${FILE_COLUMNS} FROM processing.result_files WHERE dossier_code = $1 AND file_id = $2::uuid`,
      [dossierCode, fileId],
    );
    return rows.length ? toFile(rows[0]) : null;
  }

  /** An issued file with these bytes (any case): what the internal file endpoint may serve. */
  async fileBySha256(sha256: string): Promise<ResultFileRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${FILE_COLUMNS} FROM processing.result_files WHERE sha256 = $1 LIMIT 1`,
      [sha256],
    );
    return rows.length ? toFile(rows[0]) : null;
  }

  /** Whether any record (issued file or upload) still refers to these bytes. */
  async storageKeyInUse(storageKey: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM processing.result_files WHERE storage_key = $1
       UNION ALL SELECT 1 FROM processing.result_uploads WHERE storage_key = $1
       UNION ALL SELECT 1 FROM processing.slips WHERE storage_key = $1 LIMIT 1`,
      [storageKey],
    );
    return rows.length > 0;
  }
}
