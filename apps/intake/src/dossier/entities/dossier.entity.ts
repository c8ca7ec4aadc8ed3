import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Applicant, DeliveryMethod, FeeItem, PaymentMethod, PostalAddress } from '@dvc/contracts';

@Entity({ schema: 'intake', name: 'dossiers' })
export class DossierEntity {
  @PrimaryColumn('uuid') id: string;
  @Column() code: string;
  @Column('uuid', { name: 'portal_id', nullable: true }) portalId: string | null;
  @Column({ name: 'procedure_code' }) procedureCode: string;
  @Column('int', { name: 'procedure_version' }) procedureVersion: number;
  @Column('jsonb') applicant: Applicant;
  @Column('jsonb') declaration: Record<string, unknown>;
  @Column('jsonb') fee: { amount: number; currency?: 'VND'; items: FeeItem[] };
  @Column({ name: 'payment_method' }) paymentMethod: PaymentMethod;
  @Column({ name: 'delivery_method' }) deliveryMethod: DeliveryMethod;
  @Column('jsonb', { name: 'delivery_address', nullable: true }) deliveryAddress: PostalAddress | null;
  /** SHA-256 of code + secret; the secret itself is shown once, in the submission's answer. */
  @Column('text', { name: 'lookup_secret_hash', nullable: true }) lookupSecretHash: string | null;
  @Column() status: string;
  @Column('smallint', { name: 'national_status_code' }) nationalStatusCode: number;
  @Column('timestamptz', { name: 'status_changed_at' }) statusChangedAt: Date;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
}
