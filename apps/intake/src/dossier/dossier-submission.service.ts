import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, FeeItem, PaymentMethod } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { validateInput } from '@dvc/kernel';
import { type AuthenticatedPortal } from '@dvc/auth';
import type { AddressMessage } from '@dvc/address';
import { Attachment, AttachmentRepository } from '../attachment/attachment.repository';
import { AttachmentService, IncomingFile } from '../attachment/attachment.service';
import { IdempotencyService, requestHash } from '../idempotency/idempotency.service';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import { ProcedureService } from '../procedure/procedure.service';
import { DossierCodeAllocator } from './dossier-code';
import { CheckedSubmission, validatePreUploaded, validateSubmission } from './dossier-submission.validation';
import { toDossierSubmittedPayload } from './dossier-submitted.mapper';
import { DossierErrors } from './dossier.errors';
import { Dossier, DossierRepository } from './dossier.repository';
import { SubmitDossierDto } from './dto/submit-dossier.dto';
import { hashLookupSecret, newLookupSecret } from './lookup-secret';

export interface SubmissionReceipt {
  code: string;
  /** Shown once: with the code, it lets the applicant look the dossier up. */
  lookupSecret: string;
  status: 'submitted';
  nationalStatusCode: 1;
  procedureCode: string;
  procedureVersion: number;
  fee: { amount: number; currency: 'VND'; items: FeeItem[] };
  paymentMethod: PaymentMethod;
  deliveryMethod: string;
  attachments: { documentCode: string | null; filename: string; sha256: string }[];
  submittedAt: string;
  /** Things the applicant should know but that did not stop the filing (a former province name mapped to its successor). */
  warnings?: AddressMessage[];
}

/** What one submission is about, once validated and given its code. */
interface Submission {
  portal: AuthenticatedPortal;
  key: string;
  hash: string;
  code: string;
  procedure: ProcedureVersion;
  dto: SubmitDossierDto;
  checked: CheckedSubmission;
}

@Injectable()
export class DossierSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly idempotency: IdempotencyService,
    private readonly attachments: AttachmentService,
    private readonly attachmentRows: AttachmentRepository,
    private readonly dossiers: DossierRepository,
    private readonly codes: DossierCodeAllocator,
    private readonly procedures: ProcedureService,
  ) {}

  /**
   * A portal's submission: validated whole (every problem reported at once), then the dossier,
   * its attachments, its dossier.submitted event and the idempotent answer commit together, in
   * one transaction. A refused submission leaves nothing behind: no row, no event, no key, no file.
   */
  async submit(
    portal: AuthenticatedPortal,
    idempotencyKey: string | undefined,
    body: unknown,
    files: IncomingFile[] = [],
  ): Promise<{ status: number; body: SubmissionReceipt }> {
    const key = this.idempotency.checkKey(idempotencyKey);
    const dto = await validateInput(SubmitDossierDto, body);
    const hash = requestHash({
      body: dto,
      files: files.map((f) => ({
        field: f.fieldname,
        name: f.originalname,
        sha256: createHash('sha256').update(f.buffer).digest('hex'),
      })),
    });

    // Everything that needs no transaction comes first, so a refusal costs no connection, and the
    // code is allocated before the transaction: allocating inside it would wait for a second pooled
    // connection while holding one, which deadlocks the pool under load. (A replay wastes a number:
    // codes are unique, not gap-free.)
    const procedure = await this.currentProcedure(dto.procedureCode);
    const checked = validateSubmission(procedure, dto, files, this.attachments);
    const code = await this.codes.next();
    return this.persist({ portal, key, hash, code, procedure, dto, checked });
  }

  private async currentProcedure(code: string): Promise<ProcedureVersion> {
    const p = await this.procedures.current(code);
    if (!p) throw DossierErrors.procedureNotFound(code);
    if (p.level < 3) throw DossierErrors.notOnline(p.code, p.level);
    return p;
  }

  /** Claims the idempotency key, then stores the dossier, its documents, its event and the answer, in one transaction. */
  private async persist(s: Submission): Promise<{ status: number; body: SubmissionReceipt }> {
    let stored: Attachment[] = [];
    try {
      return await this.dataSource.transaction(async (em) => {
        const claim = await this.idempotency.claim(em, s.portal.id, s.key, s.hash);
        if (claim.kind === 'replay') return { status: claim.status, body: claim.body as SubmissionReceipt };

        const preUploaded = await this.attachments.claimable(
          em,
          s.portal.id,
          (s.dto.attachments ?? []).map((a) => a.attachmentId),
        );
        validatePreUploaded(s.procedure, s.dto, preUploaded);

        stored = await this.attachments.store(s.portal.id, s.checked.files);
        const lookupSecret = newLookupSecret();
        const dossier = newDossier(s, lookupSecret, new Date());
        await this.dossiers.insert(em, dossier);
        const documents = await this.attachDocuments(em, dossier, stored, s.dto, preUploaded);
        await this.outbox.add(
          em,
          createEvent('dossier.submitted', toDossierSubmittedPayload(dossier, s.procedure, documents), {
            source: 'intake',
            correlationId: dossier.code,
          }),
        );
        const receipt = receiptOf(dossier, s.checked, lookupSecret, documents);
        await this.idempotency.complete(em, s.portal.id, s.key, s.hash, 202, receipt);
        return { status: 202, body: receipt };
      });
    } catch (err) {
      await this.attachments.discard(stored).catch(() => undefined);
      throw err;
    }
  }

  /** Files sent with the submission are inserted, pre-uploaded ones attached; answers them all, in that order. */
  private async attachDocuments(
    em: EntityManager,
    dossier: Dossier,
    stored: Attachment[],
    dto: SubmitDossierDto,
    preUploaded: Map<string, Attachment>,
  ): Promise<Attachment[]> {
    for (const row of stored) row.dossierId = dossier.id;
    await this.attachmentRows.insert(stored, em);
    for (const ref of dto.attachments ?? []) {
      await this.attachmentRows.attach(em, ref.attachmentId, {
        dossierId: dossier.id,
        documentCode: ref.documentCode,
        supplementRequestId: null,
      });
    }
    return [
      ...stored,
      ...(dto.attachments ?? []).map((a) => ({ ...preUploaded.get(a.attachmentId)!, documentCode: a.documentCode })),
    ];
  }
}

function newDossier(s: Submission, lookupSecret: string, now: Date): Dossier {
  return {
    id: randomUUID(),
    code: s.code,
    portalId: s.portal.id,
    procedureCode: s.procedure.code,
    procedureVersion: s.procedure.version,
    applicant: s.checked.applicant,
    declaration: s.dto.declaration,
    fee: s.checked.fee,
    paymentMethod: s.checked.paymentMethod,
    deliveryMethod: s.dto.deliveryMethod,
    deliveryAddress: s.checked.deliveryAddress,
    lookupSecretHash: hashLookupSecret(s.code, lookupSecret),
    status: 'submitted',
    nationalStatusCode: 1,
    statusChangedAt: now,
    submittedAt: now,
    dueAt: null,
    withdrawnAt: null,
  };
}

/** The submission's answer, stored as the idempotent reply. */
function receiptOf(
  dossier: Dossier,
  checked: CheckedSubmission,
  lookupSecret: string,
  documents: Attachment[],
): SubmissionReceipt {
  return {
    code: dossier.code,
    lookupSecret,
    status: 'submitted',
    nationalStatusCode: 1,
    procedureCode: dossier.procedureCode,
    procedureVersion: dossier.procedureVersion,
    fee: checked.fee,
    paymentMethod: dossier.paymentMethod,
    deliveryMethod: dossier.deliveryMethod,
    attachments: documents.map((a) => ({ documentCode: a.documentCode, filename: a.filename, sha256: a.sha256 })),
    submittedAt: dossier.submittedAt.toISOString(),
    ...(checked.warnings.length ? { warnings: checked.warnings } : {}),
  };
}
