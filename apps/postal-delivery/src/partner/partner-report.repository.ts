import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A verified report, claimed by its partner and event id before it takes effect. */
export interface ClaimedReport {
  partner: string;
  channel: 'http' | 'amqp';
  eventId: string;
  shipmentId: string;
  status: string;
  rawBody: string;
  signedAt: string | undefined;
}

/** A report refused before it could be claimed; what could be read of it is kept. */
export interface RefusedReport {
  partner: string | null;
  channel: 'http' | 'amqp';
  eventId: string | null;
  shipmentId: string | null;
  status: string | null;
  code: string;
  detail: string;
  rawBody: string;
  signedAt: string | null;
}

/** A stored report as officers read it. */
export interface StoredReport {
  id: string;
  partner: string | null;
  channel: string;
  eventId: string | null;
  status: string | null;
  outcome: 'applied' | 'ignored' | 'refused';
  code: string | null;
  detail: string | null;
  receivedAt: Date;
}

/** Every query of the partner's stored reports, the replay guard included. */
@Injectable()
export class PartnerReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores the report as applied and returns its id; null when partner:eventId was stored
   * before (a replay). A concurrent copy waits on the unique key until the first one commits.
   */
  async claim(em: EntityManager, r: ClaimedReport): Promise<string | null> {
    const claimed: { id: string }[] = await em.query(
      `INSERT INTO postal.partner_reports (partner, channel, event_id, event_key, shipment_id, status, outcome, raw_body, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'applied', $7, $8) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [r.partner, r.channel, r.eventId, `${r.partner}:${r.eventId}`, r.shipmentId, r.status, r.rawBody, r.signedAt],
    );
    return claimed.length ? String(claimed[0].id) : null;
  }

  async markIgnored(em: EntityManager, id: string, code: string, detail: string): Promise<void> {
    await em.query(`UPDATE postal.partner_reports SET outcome = 'ignored', code = $2, detail = $3 WHERE id = $1`, [
      id,
      code,
      detail,
    ]);
  }

  async setCode(em: EntityManager, id: string, code: string): Promise<void> {
    await em.query('UPDATE postal.partner_reports SET code = $2 WHERE id = $1', [id, code]);
  }

  async insertRefused(r: RefusedReport): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO postal.partner_reports (partner, channel, event_id, shipment_id, status, outcome, code, detail, raw_body, signed_at)
       VALUES ($1, $2, $3, $4, $5, 'refused', $6, $7, $8, $9)`,
      [r.partner, r.channel, r.eventId, r.shipmentId, r.status, r.code, r.detail, r.rawBody, r.signedAt],
    );
  }

  /** The reports about a shipment, in the order received. */
  async ofShipment(shipmentId: string): Promise<StoredReport[]> {
    return this.dataSource.query(
      `SELECT id::text AS id, partner, channel, event_id AS "eventId", status, outcome, code, detail, received_at AS "receivedAt"
         FROM postal.partner_reports WHERE shipment_id = $1 ORDER BY id`,
      [shipmentId],
    );
  }
}
