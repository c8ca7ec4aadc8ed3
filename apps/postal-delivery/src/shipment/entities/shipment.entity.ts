import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentRef, PartnerParcel, PartnerParty, PostalAddress, ServiceLevel, ShipmentStatus } from '@dvc/contracts';

const bigintNumber = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/** Outcome of the address check when the shipment was opened (or its address corrected). */
export interface ShipmentAddressCheck {
  status: 'ok' | 'mapped' | 'needs_fix';
  /** The province as the applicant wrote it, when it was mapped or not found. */
  provinceAsWritten?: string;
  warnings: { code: string; vi: string; en: string }[];
  errors: { field: string; code: string; vi: string; en: string }[];
}

@Entity({ schema: 'postal', name: 'shipments' })
export class ShipmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'result_id' }) resultId: string;
  @Column({ name: 'dossier_code' }) dossierCode: string;
  @Column('jsonb') receiver: PostalAddress;
  @Column('jsonb') documents: DocumentRef[];
  @Column('bigint', { name: 'cod_amount', transformer: bigintNumber }) codAmount: number;
  @Column('text') status: ShipmentStatus;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('jsonb', { nullable: true }) sender: PartnerParty | null;
  @Column('jsonb', { nullable: true }) parcel: PartnerParcel | null;
  @Column('text', { name: 'service_level' }) serviceLevel: ServiceLevel;
  @Column('jsonb', { name: 'address_check' }) addressCheck: ShipmentAddressCheck;
  @Column({ name: 'needs_address_fix' }) needsAddressFix: boolean;
  @Column('timestamptz', { name: 'requested_at', nullable: true }) requestedAt: Date | null;
  @Column('int', { name: 'failed_attempts' }) failedAttempts: number;
  @Column('text', { name: 'recipient_name', nullable: true }) recipientName: string | null;
  @Column('bigint', { name: 'cod_collected', nullable: true, transformer: bigintNumber }) codCollected: number | null;
  @Column({ name: 'cod_mismatch' }) codMismatch: boolean;
  @Column('timestamptz', { name: 'cod_settled_at', nullable: true }) codSettledAt: Date | null;
  @Column('text', { name: 'cod_payment_order_id', nullable: true }) codPaymentOrderId: string | null;
  @Column('timestamptz', { name: 'last_reported_at', nullable: true }) lastReportedAt: Date | null;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
