export type SlipKind = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'control';

export interface SlipApplicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
}

interface SlipCommon {
  agencyName: string;
  dossierCode: string;
  procedureName: string;
  applicant: SlipApplicant;
  issuedAt: Date;
  officerName?: string;
  /** Printed as a QR code: where the applicant follows the dossier. */
  trackingUrl: string;
}

export interface ReceiptSlip extends SlipCommon {
  kind: 'receipt';
  documents: { name: string; form?: string; copies?: number }[];
  acceptedAt: Date;
  dueAt: Date;
  returnMethod: 'office' | 'postal';
  returnAddress?: string;
}

export interface SupplementRequestSlip extends SlipCommon {
  kind: 'supplement-request';
  reason: string;
  items: string[];
}

export interface RefusalSlip extends SlipCommon {
  kind: 'refusal';
  reason: string;
}

export interface ApologySlip extends SlipCommon {
  kind: 'apology';
  reason: string;
  originalDueAt: Date;
  newDueAt: Date;
}

export interface ControlSlip extends SlipCommon {
  kind: 'control';
  handovers: {
    step: string;
    from?: string;
    to?: string;
    at: Date;
    dueAt?: Date;
    onTime: boolean | null;
    note?: string;
  }[];
}

export type SlipContent = ReceiptSlip | SupplementRequestSlip | RefusalSlip | ApologySlip | ControlSlip;
