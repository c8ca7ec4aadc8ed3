import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Applicant, DeliveryMethod, Fee, PaymentMethod, PostalAddress } from '@dvc/contracts';
import type { CaseState } from '../workflow/case-workflow';

@Entity({ schema: 'processing', name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'dossier_code' }) dossierCode: string;
  @Column({ name: 'procedure_code' }) procedureCode: string;
  @Column('int', { name: 'procedure_version' }) procedureVersion: number;
  @Column('smallint') level: number;
  @Column('int', { name: 'processing_time' }) processingTime: number;
  @Column({ name: 'processing_time_unit' }) processingTimeUnit: 'working_days' | 'working_hours';
  @Column({ name: 'payment_method' }) paymentMethod: PaymentMethod;
  @Column({ name: 'delivery_method' }) deliveryMethod: DeliveryMethod;
  @Column('jsonb', { name: 'delivery_address', nullable: true }) deliveryAddress: PostalAddress | null;
  @Column('jsonb') fee: Fee;
  @Column() status: CaseState;
  @Column('smallint', { name: 'national_status_code' }) nationalStatusCode: number;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('timestamptz', { name: 'accepted_at', nullable: true }) acceptedAt: Date | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { name: 'result_issued_at', nullable: true }) resultIssuedAt: Date | null;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt: Date | null;
  /** Set while a supplement request stops the legal clock. */
  @Column('timestamptz', { name: 'clock_paused_at', nullable: true }) clockPausedAt: Date | null;
  @Column('int', { name: 'supplement_requests' }) supplementRequests: number;
  @Column('text', { name: 'assignee_id', nullable: true }) assigneeId: string | null;
  @Column('timestamptz', { name: 'fee_paid_at', nullable: true }) feePaidAt: Date | null;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt: Date | null;
  @Column('text', { nullable: true }) timeliness: 'early' | 'on_time' | 'late' | null;
  @Column('jsonb', { nullable: true }) applicant: Applicant | null;
  @Column('text', { name: 'procedure_name', nullable: true }) procedureName: string | null;
  @Column('text', { name: 'field_code', nullable: true }) fieldCode: string | null;
  /** Office hours from acceptance to completion, set when the case finishes. */
  @Column('numeric', { name: 'working_hours', nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  workingHours: number | null;
  /** National portal channel: 1 in person, 2 online, 3 public postal service. */
  @Column('smallint') channel: number;
}
