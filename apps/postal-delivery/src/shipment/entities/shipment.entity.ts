import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DocumentRef, PostalAddress } from '@dvc/contracts';

@Entity({ schema: 'postal', name: 'shipments' })
export class ShipmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'result_id' }) resultId: string;
  @Column({ name: 'dossier_code' }) dossierCode: string;
  @Column('jsonb') receiver: PostalAddress;
  @Column('jsonb') documents: DocumentRef[];
  @Column('bigint', { name: 'cod_amount', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) codAmount: number;
  @Column() status: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
