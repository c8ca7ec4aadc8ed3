import type { PayloadOf } from '@dvc/contracts';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import type { Dossier } from './dossier.repository';

/** Dossiers filed through a portal: the national portal's channel code for online filing. */
const ONLINE_CHANNEL = 2;

/** The dossier.submitted payload of a stored dossier and the procedure version it was filed under. */
export function toDossierSubmittedPayload(
  dossier: Dossier,
  procedure: ProcedureVersion,
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
  };
}
