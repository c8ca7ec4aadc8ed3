import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** One file of a result processing issued, by reference (the bytes stay with processing). */
export interface ResultFile {
  fileId: string;
  dossierCode: string;
  resultId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  signed: boolean;
  verificationCode: string | null;
  signedBy: string | null;
  issuedAt: Date;
}

const COLUMNS = `file_id AS "fileId", dossier_code AS "dossierCode", result_id AS "resultId", name, content_type AS "contentType",
  size_bytes::float8 AS size, sha256, signed, verification_code AS "verificationCode", signed_by AS "signedBy", issued_at AS "issuedAt"`;

/** Every query of the result files intake knows of: kept from result.issued, read by the citizen and the verification. */
@Injectable()
export class ResultFileRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A file already known (a re-issued event names the same fileId) is left as it was. */
  async add(em: EntityManager, files: ResultFile[]): Promise<void> {
    for (const f of files) {
      await em.query(
        `INSERT INTO intake.result_files (file_id, dossier_code, result_id, name, content_type, size_bytes, sha256, signed,
           verification_code, signed_by, issued_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (file_id) DO NOTHING`,
        [
          f.fileId,
          f.dossierCode,
          f.resultId,
          f.name,
          f.contentType,
          f.size,
          f.sha256,
          f.signed,
          f.verificationCode,
          f.signedBy,
          f.issuedAt,
        ],
      );
    }
  }

  /** The dossier's result files, oldest first. */
  async listByDossier(dossierCode: string): Promise<ResultFile[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM intake.result_files WHERE dossier_code = $1 ORDER BY issued_at, name, file_id`,
      [dossierCode],
    );
  }

  async findOfDossier(dossierCode: string, fileId: string): Promise<ResultFile | null> {
    const [row] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM intake.result_files WHERE dossier_code = $1 AND file_id = $2`,
      [dossierCode, fileId],
    );
    return row ?? null;
  }

  /** Every file of the result that carries this verification code. */
  async findByVerificationCode(code: string): Promise<ResultFile[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM intake.result_files WHERE verification_code = $1 ORDER BY name, file_id`,
      [code],
    );
  }

  /** The issued result files with exactly these bytes (usually one). */
  async findBySha256(sha256: string): Promise<ResultFile[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM intake.result_files WHERE sha256 = $1 ORDER BY issued_at`, [
      sha256,
    ]);
  }
}
