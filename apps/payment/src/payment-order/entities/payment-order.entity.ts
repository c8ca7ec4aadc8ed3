import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentMethod } from '@dvc/contracts';

@Entity({ schema: 'payment', name: 'payment_orders' })
export class PaymentOrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'fee_id' }) feeId: string;
  @Column({ name: 'dossier_code' }) dossierCode: string;
  /** VND; bigint comes back from pg as a string, hence the transformer. */
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) amount: number;
  @Column() currency: string;
  @Column() method: PaymentMethod;
  @Column() status: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
