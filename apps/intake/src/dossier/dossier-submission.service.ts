import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, FeeItem, PaymentMethod } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { type FieldProblem, validateInput } from '@dvc/kernel';
import { type AuthenticatedPortal } from '@dvc/auth';
import { type AddressMessage, checkAddress } from '@dvc/address';
import { checkTaxCode } from '../applicant/vn-identifiers';
import { AttachmentService, CheckedFile, IncomingFile } from '../attachment/attachment.service';
import { AttachmentEntity } from '../attachment/entities/attachment.entity';
import { IdempotencyService, requestHash } from '../idempotency/idempotency.service';
import { validateDeclaration } from '../procedure/declaration-schema';
import { ProcedureVersionEntity } from '../procedure/entities/procedure-version.entity';
import { ProcedureService } from '../procedure/procedure.service';
import { allowedMethods } from '../procedure/procedure.types';
import { DossierCodeAllocator } from './dossier-code';
import { DossierErrors } from './dossier.errors';
import { SubmitDossierDto } from './dto/submit-dossier.dto';
import { DossierEntity } from './entities/dossier.entity';

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

export const hashLookupSecret = (code: string, secret: string) => createHash('sha256').update(`${code}:${secret.toUpperCase().replace(/-/g, '')}`).digest('hex');

/** 15 characters from an alphabet without look-alikes (no 0/O, 1/I/L), grouped for reading aloud. */
function newLookupSecret(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(15);
  const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10, 15)}`;
}

@Injectable()
export class DossierSubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly idempotency: IdempotencyService,
    private readonly attachments: AttachmentService,
    private readonly codes: DossierCodeAllocator,
    private readonly procedures: ProcedureService,
  ) {}

  /**
   * A portal's submission: validated whole (every problem reported at once), then the dossier,
   * its attachments, its dossier.submitted event and the idempotent answer commit together, in
   * one transaction. A refused submission leaves nothing behind: no row, no event, no key, no file.
   */
  async submit(portal: AuthenticatedPortal, idempotencyKey: string | undefined, body: unknown, files: IncomingFile[] = []): Promise<{ status: number; body: SubmissionReceipt }> {
    const key = this.idempotency.checkKey(idempotencyKey);
    const dto = await validateInput(SubmitDossierDto, body);
    const hash = requestHash({ body: dto, files: files.map((f) => ({ field: f.fieldname, name: f.originalname, sha256: createHash('sha256').update(f.buffer).digest('hex') })) });

    // Everything that needs no transaction comes first, so a refusal costs no connection, and the
    // code is allocated before the transaction: allocating inside it would wait for a second pooled
    // connection while holding one, which deadlocks the pool under load. (A replay wastes a number:
    // codes are unique, not gap-free.)
    const procedure = await this.currentProcedure(dto.procedureCode);
    const checked = this.checkEverything(procedure, dto, files);
    const code = await this.codes.next();

    let stored: AttachmentEntity[] = [];
    try {
      return await this.dataSource.transaction(async (em) => {
        const claim = await this.idempotency.claim(em, portal.id, key, hash);
        if (claim.kind === 'replay') return { status: claim.status, body: claim.body as SubmissionReceipt };

        const preUploaded = await this.attachments.claimable(em, portal.id, (dto.attachments ?? []).map((a) => a.attachmentId));
        const missing = (dto.attachments ?? []).filter((a) => !preUploaded.has(a.attachmentId));
        if (missing.length) {
          throw DossierErrors.invalid(
            missing.map((a) => ({
              field: `attachments.${dto.attachments!.indexOf(a)}.attachmentId`,
              code: 'ATTACHMENT.NOT_AVAILABLE',
              vi: 'Không có tệp này, hoặc tệp đã được dùng cho hồ sơ khác.',
              en: 'No such upload, or it is already attached to another dossier.',
            })),
          );
        }
        const preUploadedTypes = (dto.attachments ?? []).map((a) => ({ code: a.documentCode, type: preUploaded.get(a.attachmentId)!.fileType }));
        const typeProblems = this.checkDocumentTypes(procedure, preUploadedTypes, 'attachments');
        if (typeProblems.length) throw DossierErrors.invalid(typeProblems);

        stored = await this.attachments.store(portal.id, checked.files);
        const now = new Date();
        const lookupSecret = newLookupSecret();
        const dossier = em.create(DossierEntity, {
          id: randomUUID(),
          code,
          portalId: portal.id,
          procedureCode: procedure.code,
          procedureVersion: procedure.version,
          applicant: checked.applicant,
          declaration: dto.declaration,
          fee: checked.fee,
          paymentMethod: checked.paymentMethod,
          deliveryMethod: dto.deliveryMethod,
          deliveryAddress: checked.deliveryAddress,
          lookupSecretHash: hashLookupSecret(code, lookupSecret),
          status: 'submitted',
          nationalStatusCode: 1,
          statusChangedAt: now,
          submittedAt: now,
          dueAt: null,
          withdrawnAt: null,
        });
        await em.insert(DossierEntity, dossier as never);
        for (const row of stored) row.dossierId = dossier.id;
        if (stored.length) await em.insert(AttachmentEntity, stored);
        for (const ref of dto.attachments ?? []) {
          await em.update(AttachmentEntity, { id: ref.attachmentId }, { dossierId: dossier.id, documentCode: ref.documentCode });
        }
        const all = [...stored, ...(dto.attachments ?? []).map((a) => ({ ...preUploaded.get(a.attachmentId)!, documentCode: a.documentCode }))];
        await this.outbox.add(
          em,
          createEvent(
            'dossier.submitted',
            {
              dossierCode: code,
              procedureCode: procedure.code,
              procedureVersion: procedure.version,
              procedureName: procedure.name,
              fieldCode: procedure.fieldCode,
              level: procedure.level as 3 | 4,
              processingTime: procedure.processingTime,
              processingTimeUnit: procedure.processingTimeUnit,
              channel: 2,
              applicant: checked.applicant,
              paymentMethod: checked.paymentMethod,
              deliveryMethod: dto.deliveryMethod,
              ...(dossier.deliveryAddress ? { deliveryAddress: dossier.deliveryAddress } : {}),
              fee: { amount: checked.fee.amount, items: checked.fee.items },
              submittedAt: now.toISOString(),
            },
            { source: 'intake', correlationId: code },
          ),
        );
        const receipt: SubmissionReceipt = {
          code,
          lookupSecret,
          status: 'submitted',
          nationalStatusCode: 1,
          procedureCode: procedure.code,
          procedureVersion: procedure.version,
          fee: checked.fee,
          paymentMethod: checked.paymentMethod,
          deliveryMethod: dto.deliveryMethod,
          attachments: all.map((a) => ({ documentCode: a.documentCode, filename: a.filename, sha256: a.sha256 })),
          submittedAt: now.toISOString(),
          ...(checked.warnings.length ? { warnings: checked.warnings } : {}),
        };
        await this.idempotency.complete(em, portal.id, key, hash, 202, receipt);
        return { status: 202, body: receipt };
      });
    } catch (err) {
      await this.attachments.discard(stored).catch(() => undefined);
      throw err;
    }
  }

  private async currentProcedure(code: string): Promise<ProcedureVersionEntity> {
    const p = await this.procedures.current(code);
    if (!p) throw DossierErrors.procedureNotFound(code);
    if (p.level < 3) throw DossierErrors.notOnline(p.code, p.level);
    return p;
  }

  /** Every rule that needs no database: methods, declaration, uploaded files, fee. */
  private checkEverything(procedure: ProcedureVersionEntity, dto: SubmitDossierDto, files: IncomingFile[]) {
    const problems: FieldProblem[] = [];
    const allowed = allowedMethods(procedure.level);

    const declarationProblems = procedure.declarationSchema
      ? validateDeclaration(`${procedure.code}@${procedure.version}`, procedure.declarationSchema, dto.declaration)
      : [];
    problems.push(...declarationProblems);

    const fee = declarationProblems.length ? { amount: 0, currency: 'VND' as const, items: [] } : this.assessFee(procedure, dto.declaration);
    const paymentMethod: PaymentMethod = fee.amount === 0 ? 'none' : dto.paymentMethod;
    if (fee.amount > 0 && !allowed.payment.includes(paymentMethod)) {
      problems.push({
        field: 'paymentMethod',
        code: 'DOSSIER.PAYMENT_METHOD_NOT_ALLOWED',
        vi: `Thủ tục mức độ ${procedure.level} chỉ cho phép nộp phí: ${allowed.payment.join(', ')}.`,
        en: `A level ${procedure.level} procedure allows only these payment methods: ${allowed.payment.join(', ')}.`,
      });
    }
    if (!allowed.delivery.includes(dto.deliveryMethod)) {
      problems.push({
        field: 'deliveryMethod',
        code: 'DOSSIER.DELIVERY_METHOD_NOT_ALLOWED',
        vi: `Thủ tục mức độ ${procedure.level} chỉ cho phép nhận kết quả: ${allowed.delivery.join(', ')}.`,
        en: `A level ${procedure.level} procedure allows only these ways to receive the result: ${allowed.delivery.join(', ')}.`,
      });
    }

    // Since 1 July 2025: street, ward, one of the 34 provinces; a former province is mapped to its successor with a warning.
    let deliveryAddress = dto.deliveryMethod === 'postal' && dto.deliveryAddress ? { ...dto.deliveryAddress } : null;
    const warnings: AddressMessage[] = [];
    if (deliveryAddress) {
      const address = checkAddress(deliveryAddress);
      warnings.push(...address.warnings);
      if (address.ok) deliveryAddress = { ...deliveryAddress, ...address.address };
      else problems.push(...address.errors.map(({ field, ...m }) => ({ field: `deliveryAddress.${field}`, ...m })));
    }

    const checkedFiles: CheckedFile[] = [];
    files.forEach((f) => {
      const doc = procedure.requiredDocuments.find((d) => d.code === f.fieldname);
      // Named after the document, where a portal shows its upload control.
      const field = `documents.${f.fieldname}`;
      if (!doc) {
        problems.push({ field, code: 'ATTACHMENT.UNKNOWN_DOCUMENT', vi: `Thủ tục không có thành phần hồ sơ "${f.fieldname}".`, en: `The procedure has no document "${f.fieldname}".` });
        return;
      }
      const { file, problem } = this.attachments.check(f, field, doc.fileTypes);
      if (problem) problems.push(problem);
      else checkedFiles.push(file!);
    });
    for (const [i, ref] of (dto.attachments ?? []).entries()) {
      if (!procedure.requiredDocuments.some((d) => d.code === ref.documentCode)) {
        problems.push({ field: `attachments.${i}.documentCode`, code: 'ATTACHMENT.UNKNOWN_DOCUMENT', vi: `Thủ tục không có thành phần hồ sơ "${ref.documentCode}".`, en: `The procedure has no document "${ref.documentCode}".` });
      }
    }
    const provided = new Set([...files.map((f) => f.fieldname), ...(dto.attachments ?? []).map((a) => a.documentCode)]);
    for (const doc of procedure.requiredDocuments.filter((d) => d.mandatory && !provided.has(d.code))) {
      problems.push({ field: `documents.${doc.code}`, code: 'ATTACHMENT.MISSING_DOCUMENT', vi: `Thiếu thành phần hồ sơ bắt buộc: ${doc.name}.`, en: `A mandatory document is missing: ${doc.name}.` });
    }
    if (problems.length) throw DossierErrors.invalid(problems);

    const applicant = { ...dto.applicant };
    if (applicant.kind === 'organisation' && applicant.taxCode) {
      const tax = checkTaxCode(applicant.taxCode);
      if (tax.ok) applicant.taxCode = tax.normalised;
    }
    if (applicant.kind === 'individual') delete applicant.taxCode;
    else delete applicant.citizenId;
    return { fee, paymentMethod, files: checkedFiles, applicant, deliveryAddress, warnings };
  }

  private checkDocumentTypes(procedure: ProcedureVersionEntity, provided: { code: string; type: string }[], prefix: string): FieldProblem[] {
    return provided.flatMap((p, i) => {
      const doc = procedure.requiredDocuments.find((d) => d.code === p.code);
      if (!doc || (doc.fileTypes as string[]).includes(p.type)) return [];
      return [{ field: `${prefix}.${i}`, code: 'ATTACHMENT.TYPE_NOT_ALLOWED', vi: `Thành phần "${doc.name}" chỉ nhận tệp ${doc.fileTypes.join(', ')}.`, en: `Document "${doc.code}" accepts only ${doc.fileTypes.join(', ')} files.` }];
    });
  }

  /** The fee from the procedure version the dossier is filed under; per-item fees use the declared quantity. */
  private assessFee(procedure: ProcedureVersionEntity, declaration: Record<string, unknown>) {
    const items: FeeItem[] = procedure.fees.map((f) => {
      const quantity = f.unit === 'per_item' && f.quantityField ? Number(declaration[f.quantityField] ?? 0) : 1;
      return { code: f.code, name: quantity === 1 ? f.name : `${f.name} × ${quantity}`, amount: f.amount * quantity };
    });
    return { amount: items.reduce((s, i) => s + i.amount, 0), currency: 'VND' as const, items };
  }
}

