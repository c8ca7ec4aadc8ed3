import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { IssuedFile } from '@dvc/contracts';
import { type DocumentSigner, isEncryptedPdf, newVerificationCode, stampResult } from '@dvc/documents';
import type { FieldProblem } from '@dvc/kernel';
import { isUuid } from '@dvc/persistence';
import { OBJECT_STORAGE, type ObjectStorage } from '@dvc/storage';
import { ProcessingConfig } from '../../config/processing.config';
import { DOCUMENT_SIGNER, signerName } from '../../files/document-signer';
import type { CaseActor } from '../case-actor';
import { CaseErrors } from '../case.errors';
import type { CaseRecord } from '../case.record';
import { CaseRepository } from '../case.repository';
import { CASE_ACTIONS, mayTake } from '../workflow/case-workflow';
import { checkResultFile, type CheckedResultFile } from './result-file-check';
import { ResultErrors, ResultProblems } from './result.errors';
import type { ResultFileRecord, ResultUploadRecord } from './result.record';
import { ResultRepository } from './result.repository';

/** A file of a request, in memory (multer's memory storage, limited to RESULT_MAX_BYTES). */
export interface IncomingResultFile {
  originalname: string;
  buffer: Buffer;
}

/** An upload waiting for its issue_result, as the officer who uploaded it sees it. */
export interface ResultUploadView {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/** What issue_result announces: every file, and the code and signer printed on each PDF. */
export interface IssuedResult {
  files: IssuedFile[];
  verificationCode: string;
  signedBy: string;
}

/** An issued result file as officers list it. */
export interface ResultFileView extends IssuedFile {
  resultId: string;
  verificationCode: string;
  signedBy: string | null;
  issuedBy: string;
  issuedAt: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The result files of a case: uploaded (checked from their bytes, stored as sent), then at
 * issue_result stamped with the verification code and its QR, signed by the agency, stored again
 * and recorded in the action's transaction; images are kept as uploaded, unsigned.
 */
@Injectable()
export class ResultsService {
  constructor(
    private readonly config: ProcessingConfig,
    private readonly results: ResultRepository,
    private readonly cases: CaseRepository,
    @Inject(OBJECT_STORAGE) readonly storage: ObjectStorage,
    @Inject(DOCUMENT_SIGNER) private readonly signer: DocumentSigner,
  ) {}

  /**
   * Files for a later issue_result of this case, by the officers who may issue it. Every file is
   * checked before any is stored: one bad file refuses the request and nothing is kept.
   */
  async upload(dossierCode: string, officer: CaseActor, files: IncomingResultFile[]): Promise<ResultUploadView[]> {
    if (!mayTake('issue_result', officer.roles))
      throw CaseErrors.notYourAction('issue_result', CASE_ACTIONS.issue_result.by);
    if (files.length === 0) throw ResultErrors.fileRequired();
    if (!(await this.cases.find(dossierCode))) throw CaseErrors.notFound(dossierCode);
    const checked: CheckedResultFile[] = [];
    const problems: FieldProblem[] = [];
    for (const f of files) {
      const { file, problem } = checkResultFile('files', f.originalname, f.buffer, isEncryptedPdf);
      if (file) checked.push(file);
      else problems.push(problem);
    }
    if (problems.length) throw ResultErrors.invalidFiles(problems);
    await this.forgetExpiredUploads();
    const rows: ResultUploadRecord[] = [];
    for (const f of checked) {
      const stored = await this.storage.put(f.bytes);
      rows.push({
        id: randomUUID(),
        dossierCode,
        name: f.name,
        contentType: f.contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
        uploadedBy: officer.id,
        uploadedAt: new Date(),
        issuedFileId: null,
      });
    }
    await this.results.addUploads(rows);
    return rows.map((r) => ({
      fileId: r.id,
      name: r.name,
      contentType: r.contentType,
      size: r.size,
      sha256: r.sha256,
    }));
  }

  /**
   * In issue_result's transaction, the case locked: takes the uploads, stamps and signs each PDF,
   * stores the signed bytes and records every file under the result. The bytes are written before
   * the commit; if the action fails they stay unreferenced, which content addressing makes harmless.
   */
  async issue(
    em: EntityManager,
    c: CaseRecord,
    o: { fileIds: string[]; issuedBy: string; at: Date },
  ): Promise<IssuedResult> {
    const ids = [...new Set(o.fileIds)];
    const valid = ids.filter(isUuid);
    const uploads = await this.results.lockPendingUploads(em, c.dossierCode, valid, this.uploadsExpireBefore(o.at));
    const byId = new Map(uploads.map((u) => [u.id, u]));
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length) throw ResultErrors.unknownUploads(unknown);

    const resultId = `${c.dossierCode}:result`;
    const verificationCode = newVerificationCode();
    const signedBy = signerName(this.signer);
    const records: ResultFileRecord[] = [];
    for (const [position, id] of ids.entries()) {
      const u = byId.get(id)!;
      const stored =
        u.contentType === 'application/pdf'
          ? await this.storage.put(await this.stampAndSign(u, c, verificationCode, signedBy, o.at))
          : { key: u.storageKey, size: u.size, sha256: u.sha256 };
      const record: ResultFileRecord = {
        fileId: randomUUID(),
        dossierCode: c.dossierCode,
        resultId,
        position,
        name: u.name,
        contentType: u.contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
        signed: u.contentType === 'application/pdf',
        verificationCode,
        signedBy: u.contentType === 'application/pdf' ? signedBy : null,
        issuedBy: o.issuedBy,
        issuedAt: o.at,
      };
      records.push(record);
      await this.results.markUploadIssued(em, u.id, record.fileId);
    }
    await this.results.addFiles(em, records);
    return {
      files: records.map((r) => ({
        fileId: r.fileId,
        name: r.name,
        contentType: r.contentType,
        size: r.size,
        sha256: r.sha256,
        signed: r.signed,
      })),
      verificationCode,
      signedBy,
    };
  }

  async list(dossierCode: string): Promise<ResultFileView[]> {
    if (!(await this.cases.find(dossierCode))) throw CaseErrors.notFound(dossierCode);
    return (await this.results.files(dossierCode)).map((r) => ({
      fileId: r.fileId,
      resultId: r.resultId,
      name: r.name,
      contentType: r.contentType,
      size: r.size,
      sha256: r.sha256,
      signed: r.signed,
      verificationCode: r.verificationCode,
      signedBy: r.signedBy,
      issuedBy: r.issuedBy,
      issuedAt: r.issuedAt.toISOString(),
    }));
  }

  /** One issued file of the case, for an officer's download (404 for anything else, whatever it is). */
  async file(dossierCode: string, fileId: string): Promise<ResultFileRecord> {
    const found = isUuid(fileId) ? await this.results.file(dossierCode, fileId) : null;
    if (!found) throw ResultErrors.fileNotFound(dossierCode);
    return found;
  }

  private async stampAndSign(
    u: ResultUploadRecord,
    c: CaseRecord,
    verificationCode: string,
    signedBy: string,
    at: Date,
  ): Promise<Buffer> {
    const original = await readAll(await this.storage.open(u.storageKey));
    let stamped: Buffer;
    try {
      stamped = await stampResult(original, {
        verificationCode,
        verifyUrl: `${this.config.PUBLIC_VERIFY_URL}/${verificationCode}`,
        signedBy,
      });
    } catch {
      // A file that starts like a PDF but that no PDF reader can open: the officer must send another.
      throw ResultErrors.invalidFiles([ResultProblems.unreadablePdf('fileIds', u.name)]);
    }
    return this.signer.signPdf(stamped, { reason: `Kết quả giải quyết hồ sơ ${c.dossierCode}`, signedAt: at });
  }

  private uploadsExpireBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.RESULT_UPLOAD_RETENTION_HOURS * 3600_000);
  }

  /** Uploads no issue took in time are forgotten, with their bytes unless another record still uses them. */
  private async forgetExpiredUploads(): Promise<void> {
    for (const key of await this.results.forgetPendingUploads(this.uploadsExpireBefore(new Date()))) {
      if (!(await this.results.storageKeyInUse(key))) await this.storage.remove(key).catch(() => undefined);
    }
  }
}
