import type { Applicant, FeeItem, PaymentMethod, PostalAddress } from '@dvc/contracts';
import type { FieldProblem } from '@dvc/kernel';
import { type AddressMessage, checkAddress } from '@dvc/address';
import { checkTaxCode } from '../applicant/vn-identifiers';
import type { Attachment } from '../attachment/attachment.repository';
import type { AttachmentService, CheckedFile, IncomingFile } from '../attachment/attachment.service';
import { validateDeclaration } from '../procedure/declaration-schema';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import { allowedMethods } from '../procedure/procedure.types';
import { DossierErrors, DossierProblems } from './dossier.errors';
import type { SubmitDossierDto } from './dto/submit-dossier.dto';

export interface AssessedFee {
  amount: number;
  currency: 'VND';
  items: FeeItem[];
}

/** A submission that passed every rule needing no database, with what those rules derived. */
export interface CheckedSubmission {
  fee: AssessedFee;
  paymentMethod: PaymentMethod;
  files: CheckedFile[];
  applicant: Applicant;
  deliveryAddress: PostalAddress | null;
  /** Things the applicant should know but that did not stop the filing. */
  warnings: AddressMessage[];
}

type FileChecker = Pick<AttachmentService, 'check'>;

/**
 * Every rule that needs no database: declaration, methods, delivery address, uploaded files and
 * documents, fee. Throws DOSSIER.INVALID with every problem at once.
 */
export function validateSubmission(
  procedure: ProcedureVersion,
  dto: SubmitDossierDto,
  files: IncomingFile[],
  checker: FileChecker,
): CheckedSubmission {
  const declarationProblems = procedure.declarationSchema
    ? validateDeclaration(`${procedure.code}@${procedure.version}`, procedure.declarationSchema, dto.declaration)
    : [];
  const fee = declarationProblems.length
    ? { amount: 0, currency: 'VND' as const, items: [] }
    : assessFee(procedure, dto.declaration);
  const paymentMethod: PaymentMethod = fee.amount === 0 ? 'none' : dto.paymentMethod;
  const address = checkDeliveryAddress(dto);
  const documents = checkDocuments(procedure, dto, files, checker);
  const problems = [
    ...declarationProblems,
    ...methodProblems(procedure, fee, paymentMethod, dto),
    ...address.problems,
    ...documents.problems,
  ];
  if (problems.length) throw DossierErrors.invalid(problems);
  return {
    fee,
    paymentMethod,
    files: documents.files,
    applicant: normaliseApplicant(dto.applicant),
    deliveryAddress: address.value,
    warnings: address.warnings,
  };
}

/**
 * Pre-uploaded files, once claimed in the transaction: each must still be available, and of a
 * type its document accepts. Throws DOSSIER.INVALID.
 */
export function validatePreUploaded(
  procedure: ProcedureVersion,
  dto: SubmitDossierDto,
  preUploaded: Map<string, Attachment>,
): void {
  const refs = dto.attachments ?? [];
  const missing = refs.filter((a) => !preUploaded.has(a.attachmentId));
  if (missing.length)
    throw DossierErrors.invalid(
      missing.map((a) => DossierProblems.uploadNotAvailable(`attachments.${refs.indexOf(a)}.attachmentId`)),
    );
  const typeProblems = refs.flatMap((ref, i) => {
    const doc = procedure.requiredDocuments.find((d) => d.code === ref.documentCode);
    const type = preUploaded.get(ref.attachmentId)!.fileType;
    return !doc || (doc.fileTypes as string[]).includes(type)
      ? []
      : [DossierProblems.documentTypeNotAllowed(`attachments.${i}`, doc)];
  });
  if (typeProblems.length) throw DossierErrors.invalid(typeProblems);
}

/** The fee from the procedure version the dossier is filed under; per-item fees use the declared quantity. */
export function assessFee(procedure: ProcedureVersion, declaration: Record<string, unknown>): AssessedFee {
  const items: FeeItem[] = procedure.fees.map((f) => {
    const quantity = f.unit === 'per_item' && f.quantityField ? Number(declaration[f.quantityField] ?? 0) : 1;
    return { code: f.code, name: quantity === 1 ? f.name : `${f.name} × ${quantity}`, amount: f.amount * quantity };
  });
  return { amount: items.reduce((s, i) => s + i.amount, 0), currency: 'VND' as const, items };
}

function methodProblems(
  procedure: ProcedureVersion,
  fee: AssessedFee,
  paymentMethod: PaymentMethod,
  dto: SubmitDossierDto,
): FieldProblem[] {
  const allowed = allowedMethods(procedure.level);
  const problems: FieldProblem[] = [];
  if (fee.amount > 0 && !allowed.payment.includes(paymentMethod))
    problems.push(DossierProblems.paymentMethodNotAllowed(procedure.level, allowed.payment));
  if (!allowed.delivery.includes(dto.deliveryMethod))
    problems.push(DossierProblems.deliveryMethodNotAllowed(procedure.level, allowed.delivery));
  return problems;
}

/** Since 1 July 2025: street, ward, one of the 34 provinces; a former province is mapped to its successor with a warning. */
function checkDeliveryAddress(dto: SubmitDossierDto): {
  value: PostalAddress | null;
  problems: FieldProblem[];
  warnings: AddressMessage[];
} {
  const given = dto.deliveryMethod === 'postal' && dto.deliveryAddress ? { ...dto.deliveryAddress } : null;
  if (!given) return { value: null, problems: [], warnings: [] };
  const address = checkAddress(given);
  if (address.ok) return { value: { ...given, ...address.address }, problems: [], warnings: address.warnings };
  return {
    value: given,
    problems: address.errors.map(({ field, ...m }) => ({ field: `deliveryAddress.${field}`, ...m })),
    warnings: address.warnings,
  };
}

/** Each file and reference names a document of the procedure, in a type it accepts; every mandatory document is there. */
function checkDocuments(
  procedure: ProcedureVersion,
  dto: SubmitDossierDto,
  files: IncomingFile[],
  checker: FileChecker,
): { files: CheckedFile[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const checkedFiles: CheckedFile[] = [];
  for (const f of files) {
    const doc = procedure.requiredDocuments.find((d) => d.code === f.fieldname);
    // Named after the document, where a portal shows its upload control.
    const field = `documents.${f.fieldname}`;
    if (!doc) {
      problems.push(DossierProblems.unknownDocument(field, f.fieldname));
      continue;
    }
    const { file, problem } = checker.check(f, field, doc.fileTypes);
    if (problem) problems.push(problem);
    else checkedFiles.push(file!);
  }
  for (const [i, ref] of (dto.attachments ?? []).entries()) {
    if (!procedure.requiredDocuments.some((d) => d.code === ref.documentCode))
      problems.push(DossierProblems.unknownDocument(`attachments.${i}.documentCode`, ref.documentCode));
  }
  const provided = new Set([...files.map((f) => f.fieldname), ...(dto.attachments ?? []).map((a) => a.documentCode)]);
  for (const doc of procedure.requiredDocuments.filter((d) => d.mandatory && !provided.has(d.code))) {
    problems.push(DossierProblems.missingDocument(doc.code, doc.name));
  }
  return { files: checkedFiles, problems };
}

/** An organisation's tax code in its normal form; only the identifier of the applicant's kind is kept. */
function normaliseApplicant(given: SubmitDossierDto['applicant']): Applicant {
  const applicant = { ...given };
  if (applicant.kind === 'organisation' && applicant.taxCode) {
    const tax = checkTaxCode(applicant.taxCode);
    if (tax.ok) applicant.taxCode = tax.normalised;
  }
  if (applicant.kind === 'individual') delete applicant.taxCode;
  else delete applicant.citizenId;
  return applicant as Applicant;
}
