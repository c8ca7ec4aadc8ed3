import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DeclarationEntry, FiledDocument } from '@dvc/contracts';
import type { FiledDocumentRecord, FilingRecord } from './filing.record';

type Row = Record<string, unknown>;

const DOCUMENT_COLUMNS = `attachment_id, document_code, document_name, filename, content_type, size, sha256,
  supplement_request_id, filed_at`;

function toDocument(r: Row): FiledDocumentRecord {
  return {
    attachmentId: r.attachment_id as string,
    documentCode: r.document_code as string,
    documentName: r.document_name as string,
    filename: r.filename as string,
    contentType: r.content_type as string,
    // bigint comes back from pg as a string; a file is far below 2^53 bytes.
    size: Number(r.size),
    sha256: r.sha256 as string,
    supplementRequestId: r.supplement_request_id as string | null,
    filedAt: r.filed_at as Date,
  };
}

/**
 * Every query of a case's filing: the declaration and the documents filed with the dossier and
 * with its supplements (by reference; intake keeps the bytes). Writes join the consumer's inbox
 * transaction, so a redelivered event is kept once.
 */
@Injectable()
export class FilingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The filing of dossier.submitted; a second copy of the event keeps the first. */
  async addFiling(
    em: EntityManager,
    f: { dossierCode: string; declaration: DeclarationEntry[]; documents: FiledDocument[]; filedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO processing.case_filings (dossier_code, declaration, filed_at) VALUES ($1, $2, $3)
       ON CONFLICT (dossier_code) DO NOTHING`,
      [f.dossierCode, JSON.stringify(f.declaration), f.filedAt],
    );
    await this.addDocuments(em, f.dossierCode, f.documents, null, f.filedAt);
  }

  /** The files answering a supplement request. */
  async addSupplementFiles(
    em: EntityManager,
    s: { dossierCode: string; requestId: string; files: FiledDocument[]; filedAt: Date },
  ): Promise<void> {
    await this.addDocuments(em, s.dossierCode, s.files, s.requestId, s.filedAt);
  }

  private async addDocuments(
    em: EntityManager,
    dossierCode: string,
    docs: FiledDocument[],
    requestId: string | null,
    filedAt: Date,
  ): Promise<void> {
    if (docs.length === 0) return;
    await em.query(
      `INSERT INTO processing.case_filed_documents
         (dossier_code, attachment_id, document_code, document_name, filename, content_type, size, sha256,
          supplement_request_id, position, filed_at)
       SELECT $1, d.attachment_id, d.document_code, d.document_name, d.filename, d.content_type, d.size, d.sha256,
              $2, d.position, $3
         FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::text[], $11::int[])
           AS d (attachment_id, document_code, document_name, filename, content_type, size, sha256, position)
       ON CONFLICT (dossier_code, attachment_id) DO NOTHING`,
      [
        dossierCode,
        requestId,
        filedAt,
        docs.map((d) => d.attachmentId),
        docs.map((d) => d.documentCode),
        docs.map((d) => d.documentName),
        docs.map((d) => d.filename),
        docs.map((d) => d.contentType),
        docs.map((d) => d.size),
        docs.map((d) => d.sha256),
        docs.map((_, i) => i),
      ],
    );
  }

  async filing(dossierCode: string): Promise<FilingRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      'SELECT declaration, filed_at FROM processing.case_filings WHERE dossier_code = $1',
      [dossierCode],
    );
    return rows.length
      ? { declaration: rows[0].declaration as DeclarationEntry[], filedAt: rows[0].filed_at as Date }
      : null;
  }

  /**
   * Every document of the case: the dossier's first, in their order, then each supplement's.
   * Inside a transaction, pass its manager: a second pool connection taken while the first is
   * held would starve the pool under load (every accept waiting for a connection no accept frees).
   */
  async documents(dossierCode: string, em: EntityManager = this.dataSource.manager): Promise<FiledDocumentRecord[]> {
    const rows: Row[] = await em.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM processing.case_filed_documents WHERE dossier_code = $1
        ORDER BY supplement_request_id NULLS FIRST, filed_at, position`,
      [dossierCode],
    );
    return rows.map(toDocument);
  }

  /** One document, only if it was filed for this dossier. */
  async document(dossierCode: string, attachmentId: string): Promise<FiledDocumentRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${DOCUMENT_COLUMNS} FROM processing.case_filed_documents WHERE dossier_code = $1 AND attachment_id = $2`,
      [dossierCode, attachmentId],
    );
    return rows.length ? toDocument(rows[0]) : null;
  }
}
