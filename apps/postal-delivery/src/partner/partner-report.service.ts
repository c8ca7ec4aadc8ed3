import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { createEvent, hasControlCharacter, PartnerStatusReportV1, verifyPartnerSignature } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { DomainError, validateInput } from '@dvc/kernel';
import { PostalDeliveryConfig } from '../config/postal-delivery.config';
import { ShipmentRepository } from '../shipment/shipment.repository';
import { ShipmentService } from '../shipment/shipment.service';
import { judgeReport } from '../shipment/workflow/shipment-workflow';
import { PartnerReportRepository, type StoredReport } from './partner-report.repository';
import { BodyProblems, codDiffers, PartnerErrors } from './partner.errors';

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
    private readonly shipmentRows: ShipmentRepository,
    private readonly stored: PartnerReportRepository,
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
    const missing = [
      !r.partnerId && 'X-Partner-Id',
      !r.timestamp && 'X-Timestamp',
      !r.signature && 'X-Signature',
    ].filter((m): m is string => !!m);
    if (missing.length) throw PartnerErrors.signatureMissing(missing);
    const key = this.keys.get(r.partnerId!);
    if (!key || !verifyPartnerSignature(key, r.timestamp!, r.rawBody, r.signature!))
      throw PartnerErrors.signatureInvalid();
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
      throw PartnerErrors.malformed([BodyProblems.notJson]);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw PartnerErrors.malformed([BodyProblems.notObject]);
    }
    try {
      return await validateInput(PartnerStatusReportV1, json);
    } catch (err) {
      const fields = (err instanceof DomainError ? (err.details?.fields as never[]) : undefined) ?? [];
      throw PartnerErrors.malformed(fields);
    }
  }

  private async apply(
    em: EntityManager,
    partner: string,
    r: IncomingReport,
    report: PartnerStatusReportV1,
  ): Promise<ReportReceipt> {
    // The event id is claimed first, in this transaction: a concurrent copy waits here and then finds it taken.
    const reportId = await this.stored.claim(em, {
      partner,
      channel: r.channel,
      eventId: report.eventId,
      shipmentId: report.shipmentId,
      status: report.status,
      rawBody: r.rawBody.toString('utf8'),
      signedAt: r.timestamp,
    });
    if (!reportId) throw PartnerErrors.replayed(report.eventId);

    const s = await this.shipments.lock(em, report.shipmentId).catch((err: unknown) => {
      throw err instanceof DomainError && err.code === 'SHIPMENT.NOT_FOUND'
        ? PartnerErrors.unknownShipment(report.shipmentId)
        : err;
    });
    const occurredAt = new Date(report.occurredAt);
    const verdict = judgeReport(
      {
        status: s.status,
        lastReportedAt: s.lastReportedAt,
        reached: await this.shipmentRows.reached(em, s.id),
        failedAttempts: s.failedAttempts,
      },
      { status: report.status, occurredAt, attempt: report.attempt },
    );
    const base = { reportId, eventId: report.eventId, shipmentId: s.id, reported: report.status };
    if (verdict.kind === 'impossible')
      throw PartnerErrors.impossible(s.id, s.status, report.status, verdict.allowedNow);
    if (verdict.kind === 'late') {
      await this.stored.markIgnored(em, reportId, 'PARTNER.REPORT_LATE', verdict.why);
      return { ...base, outcome: 'ignored', status: s.status, reason: verdict.why, warnings: [] };
    }

    const warnings: ReportReceipt['warnings'] = [];
    const codAsked = s.codAmount;
    const mismatch = report.status === 'delivered' && report.codCollected !== codAsked;
    if (mismatch) warnings.push(codDiffers(codAsked, report.codCollected!));
    await this.shipmentRows.applyReportedStep(em, s.id, {
      status: report.status,
      reportedAt: occurredAt,
      attempt: report.attempt ?? null,
      recipientName: report.recipientName ?? null,
      codCollected: report.codCollected ?? null,
      codMismatch: mismatch,
    });
    const details = {
      eventId: report.eventId,
      ...(report.reason ? { reason: report.reason } : {}),
      ...(report.attempt ? { attempt: report.attempt } : {}),
      ...(report.status === 'delivered'
        ? { recipientName: report.recipientName, codCollected: report.codCollected }
        : {}),
      ...(mismatch ? { codMismatch: { asked: codAsked, collected: report.codCollected } } : {}),
      ...(report.postOffice ? { postOffice: report.postOffice } : {}),
      ...(report.note ? { note: report.note } : {}),
    };
    await this.shipments.recordStep(em, {
      shipmentId: s.id,
      from: s.status,
      to: report.status,
      occurredAt,
      actor: `partner:${partner}`,
      reportId,
      details,
    });
    if (mismatch) await this.stored.setCode(em, reportId, 'SHIPMENT.COD_AMOUNT_DIFFERS');

    const origin = { source: SOURCE, correlationId: s.dossierCode, causationId: null };
    const code = s.dossierCode;
    const events = [
      this.shipments.statusChanged(s.id, code, report.status, occurredAt, null, report.reason ?? report.note),
    ];
    if (report.status === 'delivered') {
      events.push(
        createEvent(
          'delivery.delivered',
          {
            shipmentId: s.id,
            dossierCode: code,
            recipientName: report.recipientName!,
            codCollected: report.codCollected!,
            deliveredAt: occurredAt.toISOString(),
          },
          origin,
        ),
      );
    } else if (report.status === 'delivery_failed') {
      events.push(
        createEvent(
          'delivery.failed',
          {
            shipmentId: s.id,
            dossierCode: code,
            reason: report.reason!,
            attempt: report.attempt!,
            failedAt: occurredAt.toISOString(),
          },
          origin,
        ),
      );
    } else if (report.status === 'returned_to_sender') {
      events.push(
        createEvent(
          'delivery.returned',
          { shipmentId: s.id, dossierCode: code, returnedAt: occurredAt.toISOString() },
          origin,
        ),
      );
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
    // A value the sanitation rule refused (a NUL) would fail the audit row itself: kept in the raw body only.
    const text = (v: unknown) => (typeof v === 'string' && !hasControlCharacter(v) ? v.slice(0, 200) : null);
    try {
      await this.stored.insertRefused({
        partner: partner ?? text(r.partnerId),
        channel: r.channel,
        eventId: text(parsed.eventId),
        shipmentId: text(parsed.shipmentId),
        status: text(parsed.status),
        code: err.code,
        detail: err.text.en,
        rawBody: r.rawBody.toString('utf8'),
        signedAt: r.timestamp ?? null,
      });
    } catch (e) {
      this.logger.warn({
        msg: 'a refused partner report could not be stored for audit',
        code: err.code,
        error: (e as Error).message,
      });
    }
    this.logger.warn({
      msg: 'partner report refused',
      channel: r.channel,
      code: err.code,
      eventId: text(parsed.eventId),
      shipmentId: text(parsed.shipmentId),
    });
  }

  /** The reports received about a shipment, refused ones included (for officers and audit). */
  reportsOf(shipmentId: string): Promise<StoredReport[]> {
    return this.stored.ofShipment(shipmentId);
  }
}
