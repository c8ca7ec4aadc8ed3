import { FIELDS, decree42Label, allowedMethods } from './procedure.types';
import type { ProcedureVersion } from './procedure.repository';

/** What portals see of a procedure (the API type, mapped from the stored version). */
export function toProcedureView(p: ProcedureVersion) {
  const methods = allowedMethods(p.level);
  return {
    code: p.code,
    version: p.version,
    name: p.name,
    field: { code: p.fieldCode, ...FIELDS[p.fieldCode] },
    level: p.level,
    decree42: decree42Label(p.level),
    online: p.level >= 2,
    acceptsOnlineFiling: p.level >= 3,
    processingTime: p.processingTime,
    processingTimeUnit: p.processingTimeUnit,
    fees: p.fees.map((f) => ({ ...f, unit: f.unit ?? 'per_dossier', currency: 'VND' })),
    requiredDocuments: p.requiredDocuments,
    declarationSchema: p.declarationSchema,
    result: p.result,
    allowedPaymentMethods: methods.payment,
    allowedDeliveryMethods: methods.delivery,
    source: p.source,
    sourceNote: p.sourceNote,
  };
}
export type ProcedureView = ReturnType<typeof toProcedureView>;
