import { Inject, Injectable } from '@nestjs/common';
import type { FileExchangeClient } from '@dvc/storage';
import { AccessLogService } from '../access-log/access-log.service';
import type { CaseActor } from '../case-actor';
import { CaseErrors } from '../case.errors';
import { CaseRepository } from '../case.repository';
import type { FiledDocumentRecord } from './filing.record';
import { FilingErrors } from './filing.errors';
import { FilingRepository } from './filing.repository';

/** The client of intake's `GET /internal/files/:sha256` (ADR 0010), built from INTAKE_URL and INTERNAL_FILES_SECRET. */
export const INTAKE_FILES = Symbol('INTAKE_FILES');

/** Types shown in the browser rather than saved: what browsers display safely on their own. */
const INLINE_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * The dossier as filed, for the officers with a role on the case: the applicant, the labelled
 * declaration, the documents (streamed from intake on request) and the supplements. Every
 * successful read is written to the access log.
 */
@Injectable()
export class FilingService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly filings: FilingRepository,
    private readonly access: AccessLogService,
    @Inject(INTAKE_FILES) private readonly intake: FileExchangeClient,
  ) {}

  async filing(dossierCode: string, officer: CaseActor, clientIp?: string) {
    const c = await this.cases.find(dossierCode);
    if (!c) throw CaseErrors.notFound(dossierCode);
    const [filing, documents, supplements] = await Promise.all([
      this.filings.filing(dossierCode),
      this.filings.documents(dossierCode),
      this.cases.supplements(dossierCode),
    ]);
    const link = (d: FiledDocumentRecord) => documentView(dossierCode, d);
    const view = {
      dossierCode,
      procedure: { code: c.procedureCode, version: c.procedureVersion, name: c.procedureName },
      applicant: c.applicant,
      submittedAt: c.submittedAt.toISOString(),
      // Dossiers filed before dossier.submitted carried the filing have none: the answer says so, empty.
      declaration: (filing?.declaration ?? []).map((e) => ({
        path: e.path,
        labelVi: e.labelVi,
        labelEn: e.labelEn ?? null,
        value: e.value,
      })),
      documents: documents.filter((d) => d.supplementRequestId === null).map(link),
      supplements: supplements.map((s) => {
        const files = documents.filter((d) => d.supplementRequestId === s.requestId);
        return {
          requestId: s.requestId,
          reason: s.reason,
          items: s.items,
          requestedAt: s.requestedAt?.toISOString() ?? null,
          answeredAt: s.answeredAt?.toISOString() ?? null,
          // Answers from before dossier.supplemented carried files: by name and SHA-256 only.
          files: files.length ? files.map(link) : s.documents.map((d) => ({ name: d.name, sha256: d.sha256 })),
        };
      }),
    };
    await this.access.record({ officer, dossierCode, what: 'filing', clientIp });
    return view;
  }

  /**
   * Opens one document of this dossier from intake. Refused alike when the document is unknown or
   * belongs to another dossier, so that the refusal tells nothing about any file.
   */
  async openDocument(dossierCode: string, attachmentId: string, officer: CaseActor, clientIp?: string) {
    const doc = await this.filings.document(dossierCode, attachmentId);
    if (!doc) throw FilingErrors.documentNotFound(dossierCode);
    // Rejects (no header sent yet) when intake is unreachable or refuses; the stream checks the SHA-256.
    const source = await this.intake.open(doc.sha256, { size: doc.size });
    await this.access.record({ officer, dossierCode, what: 'document', documentId: attachmentId, clientIp });
    return {
      source,
      headers: {
        contentType: doc.contentType,
        filename: doc.filename,
        disposition: INLINE_TYPES.has(doc.contentType) ? ('inline' as const) : ('attachment' as const),
      },
    };
  }
}

function documentView(dossierCode: string, d: FiledDocumentRecord) {
  return {
    attachmentId: d.attachmentId,
    code: d.documentCode,
    name: d.documentName,
    filename: d.filename,
    size: d.size,
    contentType: d.contentType,
    sha256: d.sha256,
    download: `/v1/cases/${encodeURIComponent(dossierCode)}/documents/${encodeURIComponent(d.attachmentId)}`,
  };
}
