import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid, numberOrNull } from '@dvc/persistence';
import type { DocumentRef, PostalAddress, ShipmentStatus } from '@dvc/contracts';
import type { Shipment, ShipmentAddressCheck, ShipmentStepRecord } from './shipment.record';

export type NewShipment = Omit<
  Shipment,
  | 'status'
  | 'failedAttempts'
  | 'recipientName'
  | 'codCollected'
  | 'codMismatch'
  | 'codSettledAt'
  | 'codPaymentOrderId'
  | 'lastReportedAt'
  | 'updatedAt'
>;

export type NewStep = Omit<ShipmentStepRecord, 'recordedAt' | 'reportId'> & { reportId?: string };

/** What a partner's report changes on the shipment (the delivery fields only when delivered). */
export interface ReportedStep {
  status: ShipmentStatus;
  reportedAt: Date;
  attempt: number | null;
  recipientName: string | null;
  codCollected: number | null;
  codMismatch: boolean;
}

function toShipment(r: Record<string, any>): Shipment {
  return {
    id: r.id,
    resultId: r.result_id,
    dossierCode: r.dossier_code,
    receiver: r.receiver,
    documents: r.documents,
    codAmount: Number(r.cod_amount),
    status: r.status,
    createdAt: r.created_at,
    sender: r.sender,
    parcel: r.parcel,
    serviceLevel: r.service_level,
    addressCheck: r.address_check,
    needsAddressFix: r.needs_address_fix,
    requestedAt: r.requested_at,
    failedAttempts: r.failed_attempts,
    recipientName: r.recipient_name,
    codCollected: numberOrNull(r.cod_collected),
    codMismatch: r.cod_mismatch,
    codSettledAt: r.cod_settled_at,
    codPaymentOrderId: r.cod_payment_order_id,
    lastReportedAt: r.last_reported_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Every query of shipments and their history. Writes take the caller's EntityManager (a step
 * commits with its history row and its events); reads outside a transaction use the DataSource.
 */
@Injectable()
export class ShipmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** False when the result has a shipment already (result_id is unique). */
  async insertIfNew(em: EntityManager, s: NewShipment): Promise<boolean> {
    const inserted: { id: string }[] = await em.query(
      `INSERT INTO postal.shipments (id, result_id, dossier_code, receiver, documents, cod_amount, status, sender, parcel, service_level,
                                     address_check, needs_address_fix, requested_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'created', $7, $8, $9, $10, $11, $12, $13, $13)
       ON CONFLICT (result_id) DO NOTHING RETURNING id`,
      [
        s.id,
        s.resultId,
        s.dossierCode,
        JSON.stringify(s.receiver),
        JSON.stringify(s.documents),
        s.codAmount,
        JSON.stringify(s.sender),
        JSON.stringify(s.parcel),
        s.serviceLevel,
        JSON.stringify(s.addressCheck),
        s.needsAddressFix,
        s.requestedAt,
        s.createdAt,
      ],
    );
    return inserted.length > 0;
  }

  /** The shipment locked until the caller's transaction ends; null when there is none. */
  async lock(em: EntityManager, id: string): Promise<Shipment | null> {
    if (!isUuid(id)) return null;
    const [row] = await em.query('SELECT * FROM postal.shipments WHERE id = $1 FOR UPDATE', [id]);
    return row ? toShipment(row) : null;
  }

  async appendStep(em: EntityManager, step: NewStep): Promise<void> {
    await em.query(
      `INSERT INTO postal.shipment_history (shipment_id, from_status, to_status, occurred_at, actor, report_id, details) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        step.shipmentId,
        step.from,
        step.to,
        step.occurredAt,
        step.actor,
        step.reportId ?? null,
        JSON.stringify(step.details),
      ],
    );
  }

  /** The states a shipment has been in, in order. */
  async reached(em: EntityManager, id: string): Promise<ShipmentStatus[]> {
    const rows: { to_status: ShipmentStatus }[] = await em.query(
      `SELECT to_status FROM postal.shipment_history WHERE shipment_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((r) => r.to_status);
  }

  /** payment accepted the cash the postman collected for the dossier. */
  async settleCod(em: EntityManager, dossierCode: string, paidAt: string, paymentOrderId: string): Promise<void> {
    await em.query(
      `UPDATE postal.shipments SET cod_settled_at = $2, cod_payment_order_id = $3, updated_at = now()
        WHERE dossier_code = $1 AND cod_amount > 0 AND cod_settled_at IS NULL`,
      [dossierCode, paidAt, paymentOrderId],
    );
  }

  async markCancelled(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE postal.shipments SET status = 'cancelled', updated_at = now() WHERE id = $1`, [id]);
  }

  /** The corrected address, sent to the partner at `requestedAt`; returns the parcel's documents. */
  async fixAddress(
    em: EntityManager,
    id: string,
    address: PostalAddress,
    check: ShipmentAddressCheck,
    requestedAt: Date,
  ): Promise<DocumentRef[]> {
    await em.query(
      `UPDATE postal.shipments SET receiver = $2, address_check = $3, needs_address_fix = false, requested_at = $4, updated_at = $4 WHERE id = $1`,
      [id, JSON.stringify(address), JSON.stringify(check), requestedAt],
    );
    // TypeORM answers an UPDATE ... RETURNING with [rows, count]: a plain read is clearer.
    const [row] = await em.query('SELECT documents FROM postal.shipments WHERE id = $1', [id]);
    return row.documents;
  }

  async applyReportedStep(em: EntityManager, id: string, r: ReportedStep): Promise<void> {
    await em.query(
      `UPDATE postal.shipments
          SET status = $2, last_reported_at = $3, updated_at = now(),
              failed_attempts = CASE WHEN $2 = 'delivery_failed' THEN $4 ELSE failed_attempts END,
              recipient_name = CASE WHEN $2 = 'delivered' THEN $5 ELSE recipient_name END,
              cod_collected = CASE WHEN $2 = 'delivered' THEN $6 ELSE cod_collected END,
              cod_mismatch = cod_mismatch OR $7
        WHERE id = $1`,
      [id, r.status, r.reportedAt, r.attempt, r.recipientName, r.codCollected, r.codMismatch],
    );
  }

  async find(id: string): Promise<Shipment | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.dataSource.query('SELECT * FROM postal.shipments WHERE id = $1', [id]);
    return row ? toShipment(row) : null;
  }

  async findByDossier(dossierCode: string): Promise<Shipment[]> {
    const rows = await this.dataSource.query(
      'SELECT * FROM postal.shipments WHERE dossier_code = $1 ORDER BY created_at',
      [dossierCode],
    );
    return rows.map(toShipment);
  }

  /** Shipments whose province could not be placed, oldest first. */
  async needingAddressFix(limit = 500): Promise<Shipment[]> {
    const rows = await this.dataSource.query(
      'SELECT * FROM postal.shipments WHERE needs_address_fix ORDER BY created_at LIMIT $1',
      [limit],
    );
    return rows.map(toShipment);
  }

  async history(id: string): Promise<ShipmentStepRecord[]> {
    const rows = await this.dataSource.query(
      'SELECT * FROM postal.shipment_history WHERE shipment_id = $1 ORDER BY id',
      [id],
    );
    return rows.map((h: any) => ({
      shipmentId: h.shipment_id,
      from: h.from_status,
      to: h.to_status,
      occurredAt: h.occurred_at,
      recordedAt: h.recorded_at,
      actor: h.actor,
      reportId: h.report_id,
      details: h.details,
    }));
  }
}
