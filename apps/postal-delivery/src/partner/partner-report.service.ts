import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, PartnerStatusReportV1, verifyPartnerSignature } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { DomainError, validateInput } from '@dvc/kernel';
import { PostalDeliveryConfig } from '../config/postal-delivery.config';
import { ShipmentService } from '../shipment/shipment.service';
import { judgeReport } from '../shipment/workflow/shipment-workflow';
import { codDiffers, PartnerErrors } from './partner.errors';

export interface IncomingReport {
  channel: 'http' | 'amqp';
  partnerId?: string;
  timestamp?: string;
  signature?: string;
  rawBody: Buffer;
}

export interface ReportReceipt {
  outcome: 'applied' | 'ignored';
  reportId: string;
  eventId: string;
  shipmentId: string;
  reported: string;
  /** The shipment's status after this report. */
  status: string;
  /** Why an ignored report was ignored (late or duplicate). */
  reason?: string;
  warnings: { code: string; vi: string; en: string }[];
}

const SOURCE = 'postal-delivery';

/**
 * Status reports from the postal partner, over HTTP or AMQP: signature, freshness (HTTP), shape,
 * replay (event id), then the workflow table. Every report is stored: applied or ignored ones in
 * the transaction of their effect (their event id then blocks a replay), refused ones afterwards
 * with the reason, for audit.
 */
@Injectable()
export class PartnerReportService {
  private readonly logger = new Logger(PartnerReportService.name);
  private readonly keys: Map<string, string>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly shipments: ShipmentService,
    private readonly config: PostalDeliveryConfig,
  ) {
    this.keys = config.partnerKeys();
  }

  async receive(r: IncomingReport, now = new Date()): Promise<ReportReceipt> {
    let partner: string | undefined;
    try {
      partner = this.authenticate(r, now);
      const report = await this.parse(r.rawBody);
      return await this.dataSource.transaction((em) => this.apply(em, partner!, r, report));
    } catch (err) {
      if (err instanceof DomainError) await this.recordRefusal(r, partner, err);
      throw err;
    }
  }

  /** The partner whose key signed the raw body; the clock check applies to HTTP only (a queued message may wait while we are down). */
  private authenticate(r: IncomingReport, now: Date): string {
    const missing = [!r.partnerId && 'X-Partner-Id', !r.timestamp && 'X-Timestamp', !r.signature && 'X-Signature'].filter((m): m is string => !!m);
    if (missing.length) throw PartnerErrors.signatureMissing(missing);
    const key = this.keys.get(r.partnerId!);
    if (!key || !verifyPartnerSignature(key, r.timestamp!, r.rawBody, r.signature!)) throw PartnerErrors.signatureInvalid();
    if (r.channel === 'http') {
      const tolerance = this.config.POSTAL_SIGNATURE_TOLERANCE_S;
      const signedAt = /^\d{1,12}$/.test(r.timestamp!) ? Number(r.timestamp) : NaN;
      if (!(Math.abs(now.getTime() / 1000 - signedAt) <= tolerance)) throw PartnerErrors.stale(tolerance);
    }
    return r.partnerId!;
  }

  private async parse(rawBody: Buffer): Promise<PartnerStatusReportV1> {
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw PartnerErrors.malformed([{ field: '(body)', code: 'FIELD.IS_JSON', vi: 'Nội dung không phải JSON hợp lệ.', en: 'The body is not valid JSON.' }]);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw PartnerErrors.malformed([{ field: '(body)', code: 'FIELD.IS_OBJECT', vi: 'Phải là một đối tượng JSON.', en: 'The body must be a JSON object.' }]);
    }
    try {
      return await validateInput(PartnerStatusReportV1, json);
    } catch (err) {
      const fields = (err instanceof DomainError ? (err.details?.fields as never[]) : undefined) ?? [];
      throw PartnerErrors.malformed(fields);
    }
  }

  private async apply(em: EntityManager, partner: string, r: IncomingReport, report: PartnerStatusReportV1): Promise<ReportReceipt> {
    // The event id is claimed first, in this transaction: a concurrent copy waits here and then finds it taken.
    const claimed: { id: string }[] = await em.query(
      `INSERT INTO postal.partner_reports (partner, channel, event_id, event_key, shipment_id, status, outcome, raw_body, signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'applied', $7, $8) ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [partner, r.channel, report.eventId, `${partner}:${report.eventId}`, report.shipmentId, report.status, r.rawBody.toString('utf8'), r.timestamp],
    );
    if (claimed.length === 0) throw PartnerErrors.replayed(report.eventId);
    const reportId = String(claimed[0].id);

    const s = await this.shipments.lock(em, report.shipmentId).catch((err: unknown) => {
      throw err instanceof DomainError && err.code === 'SHIPMENT.NOT_FOUND' ? PartnerErrors.unknownShipment(report.shipmentId) : err;
    });
    const occurredAt = new Date(report.occurredAt);
    const verdict = judgeReport(
      { status: s.status, lastReportedAt: s.last_reported_at, reached: await this.shipments.reached(em, s.id), failedAttempts: s.failed_attempts },
      { status: report.status, occurredAt, attempt: report.attempt },
    );
    const base = { reportId, eventId: report.eventId, shipmentId: s.id, reported: report.status };
    if (verdict.kind === 'impossible') throw PartnerErrors.impossible(s.id, s.status, report.status, verdict.allowedNow);
    if (verdict.kind === 'late') {
      await em.query(`UPDATE postal.partner_reports SET outcome = 'ignored', code = 'PARTNER.REPORT_LATE', detail = $2 WHERE id = $1`, [reportId, verdict.why]);
      return { ...base, outcome: 'ignored', status: s.status, reason: verdict.why, warnings: [] };
    }

    const warnings: ReportReceipt['warnings'] = [];
    const codAsked = Number(s.cod_amount);
    const mismatch = report.status === 'delivered' && report.codCollected !== codAsked;
    if (mismatch) warnings.push(codDiffers(codAsked, report.codCollected!));
    await em.query(
      `UPDATE postal.shipments
          SET status = $2, last_reported_at = $3, updated_at = now(),
              failed_attempts = CASE WHEN $2 = 'delivery_failed' THEN $4 ELSE failed_attempts END,
              recipient_name = CASE WHEN $2 = 'delivered' THEN $5 ELSE recipient_name END,
              cod_collected = CASE WHEN $2 = 'delivered' THEN $6 ELSE cod_collected END,
              cod_mismatch = cod_mismatch OR $7
        WHERE id = $1`,
      [s.id, report.status, occurredAt, report.attempt ?? null, report.recipientName ?? null, report.codCollected ?? null, mismatch],
    );
    const details = {
      eventId: report.eventId,
      ...(report.reason ? { reason: report.reason } : {}),
      ...(report.attempt ? { attempt: report.attempt } : {}),
      ...(report.status === 'delivered' ? { recipientName: report.recipientName, codCollected: report.codCollected } : {}),
      ...(mismatch ? { codMismatch: { asked: codAsked, collected: report.codCollected } } : {}),
      ...(report.postOffice ? { postOffice: report.postOffice } : {}),
      ...(report.note ? { note: report.note } : {}),
    };
    await this.shipments.recordStep(em, { id: s.id, from: s.status, to: report.status, occurredAt, actor: `partner:${partner}`, reportId, details });
    if (mismatch) await em.query(`UPDATE postal.partner_reports SET code = 'SHIPMENT.COD_AMOUNT_DIFFERS' WHERE id = $1`, [reportId]);

    const origin = { source: SOURCE, correlationId: s.dossier_code, causationId: null };
    const code = s.dossier_code;
    const events = [this.shipments.statusChanged(s.id, code, report.status, occurredAt, null, report.reason ?? report.note)];
    if (report.status === 'delivered') {
      events.push(createEvent('delivery.delivered', { shipmentId: s.id, dossierCode: code, recipientName: report.recipientName!, codCollected: report.codCollected!, deliveredAt: occurredAt.toISOString() }, origin));
    } else if (report.status === 'delivery_failed') {
      events.push(createEvent('delivery.failed', { shipmentId: s.id, dossierCode: code, reason: report.reason!, attempt: report.attempt!, failedAt: occurredAt.toISOString() }, origin));
    } else if (report.status === 'returned_to_sender') {
      events.push(createEvent('delivery.returned', { shipmentId: s.id, dossierCode: code, returnedAt: occurredAt.toISOString() }, origin));
    }
    await this.outbox.add(em, ...events);
    return { ...base, outcome: 'applied', status: report.status, warnings };
  }

  /** A refused report is kept with its reason; never its signature key, which we never had. */
  private async recordRefusal(r: IncomingReport, partner: string | undefined, err: DomainError): Promise<void> {
    let parsed: Record<string, unknown> = {};
    try {
      const json: unknown = JSON.parse(r.rawBody.toString('utf8'));
      if (typeof json === 'object' && json !== null) parsed = json as Record<string, unknown>;
    } catch {
      // malformed: the raw body is kept as it came
    }
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 200) : null);
    try {
      await this.dataSource.query(
        `INSERT INTO postal.partner_reports (partner, channel, event_id, shipment_id, status, outcome, code, detail, raw_body, signed_at)
         VALUES ($1, $2, $3, $4, $5, 'refused', $6, $7, $8, $9)`,
        [partner ?? text(r.partnerId), r.channel, text(parsed.eventId), text(parsed.shipmentId), text(parsed.status), err.code, err.text.en, r.rawBody.toString('utf8'), r.timestamp ?? null],
      );
    } catch (e) {
      this.logger.warn({ msg: 'a refused partner report could not be stored for audit', code: err.code, error: (e as Error).message });
    }
    this.logger.warn({ msg: 'partner report refused', channel: r.channel, code: err.code, eventId: text(parsed.eventId), shipmentId: text(parsed.shipmentId) });
  }

  /** The reports received about a shipment, refused ones included (for officers and audit). */
  async reportsOf(shipmentId: string): Promise<unknown[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT id::text AS id, partner, channel, event_id AS "eventId", status, outcome, code, detail, received_at AS "receivedAt"
         FROM postal.partner_reports WHERE shipment_id = $1 ORDER BY id`,
      [shipmentId],
    );
    return rows;
  }
}
