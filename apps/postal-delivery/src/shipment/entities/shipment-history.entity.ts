import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ShipmentStatus } from '@dvc/contracts';

/** One step of a shipment, append-only: who moved it, when it happened, what came with it. */
@Entity({ schema: 'postal', name: 'shipment_history' })
export class ShipmentHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid', { name: 'shipment_id' }) shipmentId: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: ShipmentStatus | null;
  @Column('text', { name: 'to_status' }) toStatus: ShipmentStatus;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt: Date;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
  @Column('text') actor: string;
  @Column('bigint', { name: 'report_id', nullable: true }) reportId: string | null;
  @Column('jsonb') details: Record<string, unknown>;
}
