import type {
  DocumentRef,
  PartnerParcel,
  PartnerParty,
  PostalAddress,
  ServiceLevel,
  ShipmentStatus,
} from '@dvc/contracts';

/** Outcome of the address check when the shipment was opened (or its address corrected). */
export interface ShipmentAddressCheck {
  status: 'ok' | 'mapped' | 'needs_fix';
  /** The province as the applicant wrote it, when it was mapped or not found. */
  provinceAsWritten?: string;
  warnings: { code: string; vi: string; en: string }[];
  errors: { field: string; code: string; vi: string; en: string }[];
}

/** A shipment as stored; money in whole VND. */
export interface Shipment {
  id: string;
  resultId: string;
  dossierCode: string;
  receiver: PostalAddress;
  documents: DocumentRef[];
  codAmount: number;
  status: ShipmentStatus;
  createdAt: Date;
  sender: PartnerParty | null;
  parcel: PartnerParcel | null;
  serviceLevel: ServiceLevel;
  addressCheck: ShipmentAddressCheck;
  needsAddressFix: boolean;
  requestedAt: Date | null;
  failedAttempts: number;
  recipientName: string | null;
  codCollected: number | null;
  codMismatch: boolean;
  codSettledAt: Date | null;
  codPaymentOrderId: string | null;
  lastReportedAt: Date | null;
  updatedAt: Date;
}

/** One step of a shipment, append-only: who moved it, when it happened, what came with it. */
export interface ShipmentStepRecord {
  shipmentId: string;
  from: ShipmentStatus | null;
  to: ShipmentStatus;
  occurredAt: Date;
  recordedAt: Date;
  actor: string;
  reportId: string | null;
  details: Record<string, unknown>;
}
