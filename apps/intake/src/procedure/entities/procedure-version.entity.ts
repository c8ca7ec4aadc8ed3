import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FeeRule, FieldCode, RequiredDocument } from '../procedure.types';

/** One version of a procedure. A revision is a new row; dossiers keep the version they were filed under. */
@Entity({ schema: 'intake', name: 'procedure_versions' })
export class ProcedureVersionEntity {
  @PrimaryColumn() code: string;
  @PrimaryColumn('int') version: number;
  @Column() name: string;
  @Column({ name: 'field_code' }) fieldCode: FieldCode;
  @Column('smallint') level: number;
  @Column('int', { name: 'processing_time' }) processingTime: number;
  @Column({ name: 'processing_time_unit' }) processingTimeUnit: 'working_days' | 'working_hours';
  @Column('jsonb', { name: 'fee_items' }) fees: FeeRule[];
  @Column('jsonb', { name: 'required_documents' }) requiredDocuments: RequiredDocument[];
  @Column('jsonb', { name: 'declaration_schema', nullable: true }) declarationSchema: Record<string, unknown> | null;
  @Column() result: string;
  @Column() source: 'public' | 'modeled';
  @Column({ name: 'source_note' }) sourceNote: string;
  @Column({ name: 'search_text', select: false }) searchText: string;
  @Column('int', { name: 'catalog_version', nullable: true }) catalogVersion: number | null;
  @Column({ name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column('timestamptz', { name: 'retired_at', nullable: true }) retiredAt: Date | null;
}
