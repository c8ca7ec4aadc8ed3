import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Applicant, DeliveryMethod, PaymentMethod, PostalAddress } from '@dvc/contracts';

@Entity({ schema: 'intake', name: 'dossiers' })
export class DossierEntity {
  @PrimaryColumn('uuid') id: string;
  @Column() code: string;
  @Column({ name: 'procedure_code' }) procedureCode: string;
  @Column('int', { name: 'procedure_version' }) procedureVersion: number;
  @Column('jsonb') applicant: Applicant;
  @Column({ name: 'payment_method' }) paymentMethod: PaymentMethod;
  @Column({ name: 'delivery_method' }) deliveryMethod: DeliveryMethod;
  @Column('jsonb', { name: 'delivery_address', nullable: true }) deliveryAddress: PostalAddress | null;
  @Column() status: string;
  @Column('smallint', { name: 'national_status_code' }) nationalStatusCode: number;
  @Column('timestamptz', { name: 'status_changed_at' }) statusChangedAt: Date;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
}
