import type { FiledDocument, PayloadOf } from '@dvc/contracts';
import type { Attachment } from '../attachment/attachment.repository';
import { CONTENT_TYPES } from '../attachment/file-signature';
import { labelDeclaration } from '../procedure/declaration-labels';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import type { Dossier } from './dossier.repository';

/** Dossiers filed through a portal: the national portal's channel code for online filing. */
const ONLINE_CHANNEL = 2;

/** A supplement's file with no required document of its code (a portal may name its parts freely). */
const SUPPLEMENT_DOCUMENT = 'Tài liệu bổ sung';

/**
 * The dossier.submitted payload of a stored dossier, the procedure version it was filed under and
 * every attachment filed with it.
 */
export function toDossierSubmittedPayload(
  dossier: Dossier,
  procedure: ProcedureVersion,
  attachments: Attachment[] = [],
): PayloadOf<'dossier.submitted'> {
  return {
    dossierCode: dossier.code,
    procedureCode: procedure.code,
    procedureVersion: procedure.version,
    procedureName: procedure.name,
    fieldCode: procedure.fieldCode,
    // Only levels 3 and 4 accept online filing; submission refuses the others first.
    level: procedure.level as 3 | 4,
    processingTime: procedure.processingTime,
    processingTimeUnit: procedure.processingTimeUnit,
    channel: ONLINE_CHANNEL,
    applicant: dossier.applicant,
    paymentMethod: dossier.paymentMethod,
    deliveryMethod: dossier.deliveryMethod,
    ...(dossier.deliveryAddress ? { deliveryAddress: dossier.deliveryAddress } : {}),
    fee: { amount: dossier.fee.amount, items: dossier.fee.items },
    submittedAt: dossier.submittedAt.toISOString(),
    declaration: labelDeclaration(procedure.declarationSchema, dossier.declaration),
    documents: toFiledDocuments(attachments, procedure),
  };
}

/** Attachments by reference, named as the procedure version names its documents (thành phần hồ sơ). */
export function toFiledDocuments(attachments: Attachment[], procedure: ProcedureVersion): FiledDocument[] {
  const names = new Map(procedure.requiredDocuments.map((d) => [d.code, d.name]));
  return attachments.map((a) => {
    // A supplement's file may come without a code: 'BS' (bổ sung) keeps the reference valid.
    const documentCode = a.documentCode || 'BS';
    return {
      attachmentId: a.id,
      documentCode,
      documentName: names.get(documentCode) ?? SUPPLEMENT_DOCUMENT,
      filename: a.filename,
      contentType: CONTENT_TYPES[a.fileType as keyof typeof CONTENT_TYPES] ?? 'application/octet-stream',
      size: a.sizeBytes,
      sha256: a.sha256,
    };
  });
}
