import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { VIETNAM_UTC_OFFSET_MS } from '@dvc/kernel';
import { type Officer } from '@dvc/auth';
import { parseVnpDate } from '../gateway/vnpay/vnpay-signature';
import { VNPAY } from '../gateway/vnpay/vnpay.gateway';
import type { PaidMethod } from '../payment-order/payment-order.record';
import { PaymentOrderRepository } from '../payment-order/payment-order.repository';
import { RefundRepository } from '../refund/refund.repository';
import { parseRemittanceFile } from './cod-remittance-file';
import { ReconciliationErrors } from './reconciliation.errors';
import { ReconciliationRepository } from './reconciliation.repository';
import { parseSettlementFile } from './settlement-file';

/** A line of the gateway's settlement file, as the report names it. */
interface SettledEntry {
  reference: string;
  transactionNo: string;
  type: string;
}

export interface ReconciliationReport {
  id: string;
  gateway: string;
  period: { from: string; to: string };
  summary: {
    rows: number;
    matched: number;
    missingOnOurSide: number;
    missingOnTheirSide: number;
    amountMismatches: number;
    codMismatches: number;
  };
  matched: (SettledEntry & { amount: number })[];
  /** The gateway settled it; we have no such paid order or refund. */
  missingOnOurSide: (SettledEntry & { line: number; amount: number; ourStatus: string | null })[];
  /** We recorded it as paid (or refunded) through the gateway; the file does not have it. */
  missingOnTheirSide: { reference: string; transactionNo: string | null; type: string; amount: number; at: string }[];
  amountMismatches: (SettledEntry & { line: number; theirs: number; ours: number })[];
  /** Postal COD collections that differed from the amount due (flagged, not paid). */
  codMismatches: { paymentOrderId: string; dossierCode: string; due: number; collected: number; at: string }[];
}

/** The postal partner's COD remittance against the COD collections we recorded. */
export interface CodRemittanceReport {
  id: string;
  period: { from: string; to: string };
  summary: {
    rows: number;
    matched: number;
    missingOnOurSide: number;
    missingOnTheirSide: number;
    amountMismatches: number;
  };
  matched: { dossierCode: string; shipmentId: string; amount: number }[];
  /** Remitted, but we recorded no COD payment for that dossier (e.g. a collection we flagged as wrong). */
  missingOnOurSide: {
    line: number;
    dossierCode: string;
    shipmentId: string;
    amount: number;
    ourStatus: string | null;
    flaggedCollected: number | null;
  }[];
  /** Paid by COD here; the partner's remittance does not have it. */
  missingOnTheirSide: { dossierCode: string; paymentOrderId: string; amount: number; at: string }[];
  amountMismatches: { line: number; dossierCode: string; theirs: number; ours: number }[];
}

export const POSTAL_COD: PaidMethod = 'postal_cod';

/** A report's summary: the file's rows, and how many entries each of its lists holds. */
type Summary<R> = { rows: number } & { [K in keyof R as R[K] extends unknown[] ? K : never]: number };

/** Whole Vietnamese days around an instant, for a period taken from the file itself. */
const startOfVnDay = (d: Date) =>
  new Date(Math.floor((d.getTime() + VIETNAM_UTC_OFFSET_MS) / 86_400_000) * 86_400_000 - VIETNAM_UTC_OFFSET_MS);

/** Compares a gateway's settlement file with what we recorded, and keeps the report. */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly orders: PaymentOrderRepository,
    private readonly refundRows: RefundRepository,
    private readonly runs: ReconciliationRepository,
  ) {}

  async reconcile(
    file: Buffer,
    officer: Officer,
    opts: { from?: string; to?: string } = {},
  ): Promise<ReconciliationReport> {
    const { rows, problems } = parseSettlementFile(file, (s) => parseVnpDate(s));
    if (problems.length) throw ReconciliationErrors.fileInvalid(problems);
    const { from, to } = this.period(
      rows.map((r) => r.at.getTime()),
      opts,
    );

    const refs = [...new Set(rows.map((r) => r.reference))];
    const byRef = new Map((await this.orders.findByReferences(refs)).map((o) => [o.reference, o]));
    const refunds = await this.refundRows.throughGateway(VNPAY);
    const refundByRef = new Map(refunds.map((r) => [r.gatewayRef, r]));

    const report: Omit<ReconciliationReport, 'id' | 'summary'> = {
      gateway: VNPAY,
      period: { from: from.toISOString(), to: to.toISOString() },
      matched: [],
      missingOnOurSide: [],
      missingOnTheirSide: [],
      amountMismatches: [],
      codMismatches: [],
    };
    const seenPayments = new Set<string>();
    const seenRefunds = new Set<string>();
    for (const r of rows) {
      const o = byRef.get(r.reference);
      const entry = { reference: r.reference, transactionNo: r.transactionNo, type: r.type };
      // Found on our side with `ours` as the amount we hold: matched, or the amounts differ.
      const compare = (ours: number) =>
        ours === r.amount
          ? report.matched.push({ ...entry, amount: r.amount })
          : report.amountMismatches.push({ line: r.line, ...entry, theirs: r.amount, ours });
      const missing = () =>
        report.missingOnOurSide.push({ line: r.line, ...entry, amount: r.amount, ourStatus: o?.status ?? null });
      if (r.type === 'payment') {
        const ours =
          o && o.paidMethod === 'online' && o.gateway === VNPAY && o.transactionNo === r.transactionNo ? o : undefined;
        if (!ours) {
          missing();
          continue;
        }
        seenPayments.add(ours.id);
        compare(ours.paidAmount ?? 0);
      } else {
        const ours = refundByRef.get(r.transactionNo);
        if (!ours || ours.reference !== r.reference) {
          missing();
          continue;
        }
        seenRefunds.add(r.transactionNo);
        compare(ours.amount);
      }
    }
    for (const o of await this.orders.paidInPeriod('online', VNPAY, from, to)) {
      if (!seenPayments.has(o.id))
        report.missingOnTheirSide.push({
          reference: o.reference,
          transactionNo: o.transactionNo,
          type: 'payment',
          amount: o.paidAmount ?? 0,
          at: o.paidAt!.toISOString(),
        });
    }
    for (const r of refunds) {
      if (r.createdAt >= from && r.createdAt < to && !seenRefunds.has(r.gatewayRef)) {
        report.missingOnTheirSide.push({
          reference: r.reference,
          transactionNo: r.gatewayRef,
          type: 'refund',
          amount: r.amount,
          at: r.createdAt.toISOString(),
        });
      }
    }
    const cod = await this.orders.codMismatchesInPeriod(from, to);
    report.codMismatches = cod.map((o) => ({
      paymentOrderId: o.id,
      dossierCode: o.dossierCode,
      due: o.amount,
      collected: o.codCollected ?? 0,
      at: o.codMismatchAt!.toISOString(),
    }));

    return this.keep(VNPAY, file, from, to, officer, rows.length, report);
  }

  /**
   * The postal partner collects COD and remits it later: its remittance file (CSV) against the
   * orders we recorded as paid by COD (the exact amount), for the period the file covers.
   */
  async reconcileCodRemittance(
    file: Buffer,
    officer: Officer,
    opts: { from?: string; to?: string } = {},
  ): Promise<CodRemittanceReport> {
    const { rows, problems } = parseRemittanceFile(file);
    if (problems.length) throw ReconciliationErrors.fileInvalid(problems);
    const { from, to } = this.period(
      rows.map((r) => r.collectedAt.getTime()),
      opts,
    );
    const codes = [...new Set(rows.map((r) => r.dossierCode))];
    const orders = await this.orders.findByDossiers(codes);
    const report: Omit<CodRemittanceReport, 'id' | 'summary'> = {
      period: { from: from.toISOString(), to: to.toISOString() },
      matched: [],
      missingOnOurSide: [],
      missingOnTheirSide: [],
      amountMismatches: [],
    };
    const seen = new Set<string>();
    for (const r of rows) {
      const mine = orders.filter((o) => o.dossierCode === r.dossierCode);
      const paid = mine.find((o) => o.paidMethod === POSTAL_COD);
      if (!paid) {
        const flagged = mine.find((o) => o.codCollected !== null);
        report.missingOnOurSide.push({
          line: r.line,
          dossierCode: r.dossierCode,
          shipmentId: r.shipmentId,
          amount: r.amount,
          ourStatus: mine[0]?.status ?? null,
          flaggedCollected: flagged ? flagged.codCollected : null,
        });
        continue;
      }
      seen.add(paid.id);
      const ours = paid.paidAmount ?? 0;
      if (ours !== r.amount)
        report.amountMismatches.push({ line: r.line, dossierCode: r.dossierCode, theirs: r.amount, ours });
      else report.matched.push({ dossierCode: r.dossierCode, shipmentId: r.shipmentId, amount: r.amount });
    }
    for (const o of await this.orders.paidInPeriod(POSTAL_COD, null, from, to)) {
      if (!seen.has(o.id))
        report.missingOnTheirSide.push({
          dossierCode: o.dossierCode,
          paymentOrderId: o.id,
          amount: o.paidAmount ?? 0,
          at: o.paidAt!.toISOString(),
        });
    }
    return this.keep(POSTAL_COD, file, from, to, officer, rows.length, report);
  }

  /** The period a file covers: given, or the whole Vietnamese days of its first and last lines. */
  private period(times: number[], opts: { from?: string; to?: string }): { from: Date; to: Date } {
    const from = opts.from
      ? new Date(opts.from)
      : times.length
        ? startOfVnDay(new Date(Math.min(...times)))
        : new Date(0);
    const to = opts.to
      ? new Date(opts.to)
      : times.length
        ? new Date(startOfVnDay(new Date(Math.max(...times))).getTime() + 86_400_000)
        : new Date();
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
      throw ReconciliationErrors.fileInvalid(['from/to must be ISO times with from before to']);
    return { from, to };
  }

  /** Adds the id and the summary (the file's rows and the length of each list), and keeps the report. */
  private async keep<R extends object>(
    source: string,
    file: Buffer,
    from: Date,
    to: Date,
    officer: Officer,
    rows: number,
    report: R,
  ): Promise<R & { id: string; summary: Summary<R> }> {
    const counts = Object.fromEntries(
      Object.entries(report)
        .filter(([, v]) => Array.isArray(v))
        .map(([k, v]) => [k, (v as unknown[]).length]),
    );
    const full = { id: randomUUID(), ...report, summary: { rows, ...counts } as Summary<R> };
    await this.runs.insert({
      id: full.id,
      source,
      fileSha256: createHash('sha256').update(file).digest('hex'),
      from,
      to,
      uploadedBy: officer.id,
      report: full,
    });
    return full;
  }
}
