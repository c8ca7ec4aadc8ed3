import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';
import { ShipmentEntity } from './entities/shipment.entity';

export interface ShipmentView {
  id: string;
  dossierCode: string;
  resultId: string;
  receiver: ShipmentEntity['receiver'];
  codAmount: number;
  status: string;
  createdAt: string;
}

/** Walking skeleton: one shipment per result sent by post. The postal issue adds the partner feed. */
@Injectable()
export class ShipmentService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** On result.issued; a result collected at the office needs no shipment. */
  async openShipment(em: EntityManager, event: EventEnvelope<'result.issued'>): Promise<void> {
    const d = event.data;
    if (d.deliveryMethod !== 'postal' || !d.deliveryAddress) return;
    // The unique result_id keeps exactly one shipment per result whatever the bus does.
    await em.query(
      `INSERT INTO postal.shipments (id, result_id, dossier_code, receiver, documents, cod_amount, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'created') ON CONFLICT (result_id) DO NOTHING`,
      [randomUUID(), d.resultId, d.dossierCode, JSON.stringify(d.deliveryAddress), JSON.stringify(d.documents), d.codAmount],
    );
  }

  async findByDossier(dossierCode: string): Promise<ShipmentView[]> {
    const rows = await this.dataSource.getRepository(ShipmentEntity).find({ where: { dossierCode }, order: { createdAt: 'ASC' } });
    return rows.map((s) => ({
      id: s.id,
      dossierCode: s.dossierCode,
      resultId: s.resultId,
      receiver: s.receiver,
      codAmount: s.codAmount,
      status: s.status,
      createdAt: s.createdAt.toISOString(),
    }));
  }
}
