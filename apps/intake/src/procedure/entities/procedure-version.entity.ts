import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FeeItem } from '@dvc/contracts';

@Entity({ schema: 'intake', name: 'procedure_versions' })
export class ProcedureVersionEntity {
  @PrimaryColumn() code: string;
  @PrimaryColumn('int') version: number;
  @Column() name: string;
  @Column({ name: 'field_code' }) fieldCode: string;
  @Column('smallint') level: number;
  @Column('int', { name: 'processing_time' }) processingTime: number;
  @Column({ name: 'processing_time_unit' }) processingTimeUnit: 'working_days' | 'working_hours';
  @Column('jsonb', { name: 'fee_items' }) feeItems: FeeItem[];
  @Column() source: 'public' | 'modeled';
}
