import type { CitizenSlipKind } from '@dvc/contracts';
import type { SlipContent } from '@dvc/documents';
import type { CaseRecord } from '../case.record';

/** What the step that issues a slip knows beyond the case itself. */
export interface SlipDetails {
  /** The documents received (the filing's, read by the issuer). */
  receipt: { documents: { name: string; form?: string; copies?: number }[] };
  'supplement-request': { reason: string; items: string[] };
  refusal: { reason: string };
  apology: { reason: string; originalDueAt: Date; newDueAt: Date };
}

/** The part every slip shares that does not come from the case: who issues it, when, where to follow the dossier. */
export interface SlipCommon {
  agencyName: string;
  trackingUrl: string;
  issuedAt: Date;
  officerName?: string;
}

/** The receipt's return address line, from the postal address the applicant gave. */
function addressLine(c: CaseRecord): string | undefined {
  const a = c.deliveryAddress;
  return a ? `${a.recipientName}, ${a.street}, ${a.ward}, ${a.province} (${a.phone})` : undefined;
}

/** What every slip says about the case: agency, dossier, procedure, applicant, issue time, tracking QR. */
export function slipBase(c: CaseRecord, common: SlipCommon) {
  const a = c.applicant;
  const idNumber = a?.citizenId ?? a?.taxCode;
  return {
    agencyName: common.agencyName,
    dossierCode: c.dossierCode,
    procedureName: c.procedureName ?? c.procedureCode,
    applicant: {
      name: a?.name ?? '',
      ...(a?.address ? { address: a.address } : {}),
      ...(a?.phone ? { phone: a.phone } : {}),
      ...(a?.email ? { email: a.email } : {}),
      ...(idNumber ? { idNumber } : {}),
    },
    issuedAt: common.issuedAt,
    ...(common.officerName ? { officerName: common.officerName } : {}),
    trackingUrl: common.trackingUrl,
  };
}

/**
 * The slip's content for renderSlip, from the case and the step's details. The receipt's due date
 * is the legal one set at acceptance: for a case waiting for its fee (awaiting_payment) that is the
 * date if the applicant paid at once (the payment moves it by the time waited); the receipt form
 * has no place for a note saying so, so the slip does not.
 */
export function slipContent<K extends CitizenSlipKind>(
  c: CaseRecord,
  kind: K,
  details: SlipDetails[K],
  common: SlipCommon,
): SlipContent {
  const base = slipBase(c, common);
  switch (kind) {
    case 'receipt': {
      const d = details as SlipDetails['receipt'];
      if (!c.acceptedAt || !c.dueAt)
        throw new Error(`A receipt for ${c.dossierCode} needs its acceptance and due date`);
      const returnAddress = c.deliveryMethod === 'postal' ? addressLine(c) : undefined;
      return {
        ...base,
        kind: 'receipt',
        documents: d.documents,
        acceptedAt: c.acceptedAt,
        dueAt: c.dueAt,
        returnMethod: c.deliveryMethod,
        ...(returnAddress ? { returnAddress } : {}),
      };
    }
    case 'supplement-request': {
      const d = details as SlipDetails['supplement-request'];
      return { ...base, kind: 'supplement-request', reason: d.reason, items: d.items };
    }
    case 'refusal':
      return { ...base, kind: 'refusal', reason: (details as SlipDetails['refusal']).reason };
    case 'apology': {
      const d = details as SlipDetails['apology'];
      return { ...base, kind: 'apology', reason: d.reason, originalDueAt: d.originalDueAt, newDueAt: d.newDueAt };
    }
    default:
      throw new Error(`No slip of kind ${String(kind)}`);
  }
}
