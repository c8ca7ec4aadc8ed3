import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, VIETNAM_UTC_OFFSET_MS } from '@dvc/kernel';
import { type Officer } from '@dvc/auth';
import { parseVnpDate } from '../gateway/vnpay/vnpay-signature';
import { VNPAY } from '../gateway/vnpay/vnpay.gateway';
import { parseRemittanceFile } from './cod-remittance-file';
import { parseSettlementFile } from './settlement-file';

export interface ReconciliationReport {
  id: string;
  gateway: string;
  period: { from: string; to: string };
  summary: { rows: number; matched: number; missingOnOurSide: number; missingOnTheirSide: number; amountMismatches: number; codMismatches: number };
  matched: { reference: string; transactionNo: string; type: string; amount: number }[];
  /** The gateway settled it; we have no such paid order or refund. */
  missingOnOurSide: { line: number; reference: string; transactionNo: string; type: string; amount: number; ourStatus: string | null }[];
  /** We recorded it as paid (or refunded) through the gateway; the file does not have it. */
  missingOnTheirSide: { reference: string; transactionNo: string | null; type: string; amount: number; at: string }[];
  amountMismatches: { line: number; reference: string; transactionNo: string; type: string; theirs: number; ours: number }[];
  /** Postal COD collections that differed from the amount due (flagged, not paid). */
  codMismatches: { paymentOrderId: string; dossierCode: string; due: number; collected: number; at: string }[];
}

/** The postal partner's COD remittance against the COD collections we recorded. */
export interface CodRemittanceReport {
  id: string;
  period: { from: string; to: string };
  summary: { rows: number; matched: number; missingOnOurSide: number; missingOnTheirSide: number; amountMismatches: number };
  matched: { dossierCode: string; shipmentId: string; amount: number }[];
  /** Remitted, but we recorded no COD payment for that dossier (e.g. a collection we flagged as wrong). */
  missingOnOurSide: { line: number; dossierCode: string; shipmentId: string; amount: number; ourStatus: string | null; flaggedCollected: number | null }[];
  /** Paid by COD here; the partner's remittance does not have it. */
  missingOnTheirSide: { dossierCode: string; paymentOrderId: string; amount: number; at: string }[];
  amountMismatches: { line: number; dossierCode: string; theirs: number; ours: number }[];
}

export const POSTAL_COD = 'postal_cod';

/** A report's summary: the file's rows, and how many entries each of its lists holds. */
type Summary<R> = { rows: number } & { [K in keyof R as R[K] extends unknown[] ? K : never]: number };

const badFile = (problems: string[]) =>
  new DomainError(
    'PAYMENT.SETTLEMENT_FILE_INVALID',
    { vi: `Tệp đối soát không hợp lệ (${problems.length} lỗi): ${problems.slice(0, 5).join('; ')}.`, en: `The settlement file is not valid (${problems.length} problem(s)): ${problems.slice(0, 5).join('; ')}.` },
    { status: 400, details: { problems } },
  );

/** Whole Vietnamese days around an instant, for a period taken from the file itself. */
const startOfVnDay = (d: Date) => new Date(Math.floor((d.getTime() + VIETNAM_UTC_OFFSET_MS) / 86_400_000) * 86_400_000 - VIETNAM_UTC_OFFSET_MS);

/** Compares a gateway's settlement file with what we recorded, and keeps the report. */
@Injectable()
export class ReconciliationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async reconcile(file: Buffer, officer: Officer, opts: { from?: string; to?: string } = {}): Promise<ReconciliationReport> {
    const { rows, problems } = parseSettlementFile(file, (s) => parseVnpDate(s));
    if (problems.length) throw badFile(problems);
    const { from, to } = this.period(rows.map((r) => r.at.getTime()), opts);

    const refs = [...new Set(rows.map((r) => r.reference))];
    const orders: any[] = await this.dataSource.query('SELECT id, reference, status, paid_method, paid_amount, transaction_no, gateway FROM payment.payment_orders WHERE reference = ANY($1)', [refs]);
    const byRef = new Map(orders.map((o) => [o.reference, o]));
    const refunds: any[] = await this.dataSource.query(
      `SELECT r.gateway_ref, r.amount, r.created_at, o.reference FROM payment.refunds r JOIN payment.payment_orders o ON o.id = r.order_id WHERE r.channel = $1`,
      [VNPAY],
    );
    const refundByRef = new Map(refunds.map((r) => [r.gateway_ref, r]));

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
      if (r.type === 'payment') {
        const ours = o && o.paid_method === 'online' && o.gateway === VNPAY && o.transaction_no === r.transactionNo ? o : undefined;
        if (!ours) {
          report.missingOnOurSide.push({ line: r.line, reference: r.reference, transactionNo: r.transactionNo, type: r.type, amount: r.amount, ourStatus: o?.status ?? null });
          continue;
        }
        seenPayments.add(ours.id);
        if (Number(ours.paid_amount) !== r.amount) report.amountMismatches.push({ line: r.line, reference: r.reference, transactionNo: r.transactionNo, type: r.type, theirs: r.amount, ours: Number(ours.paid_amount) });
        else report.matched.push({ reference: r.reference, transactionNo: r.transactionNo, type: r.type, amount: r.amount });
      } else {
        const ours = refundByRef.get(r.transactionNo);
        if (!ours || ours.reference !== r.reference) {
          report.missingOnOurSide.push({ line: r.line, reference: r.reference, transactionNo: r.transactionNo, type: r.type, amount: r.amount, ourStatus: o?.status ?? null });
          continue;
        }
        seenRefunds.add(r.transactionNo);
        if (Number(ours.amount) !== r.amount) report.amountMismatches.push({ line: r.line, reference: r.reference, transactionNo: r.transactionNo, type: r.type, theirs: r.amount, ours: Number(ours.amount) });
        else report.matched.push({ reference: r.reference, transactionNo: r.transactionNo, type: r.type, amount: r.amount });
      }
    }
    const paidInPeriod: any[] = await this.dataSource.query(
      `SELECT id, reference, transaction_no, paid_amount, paid_at FROM payment.payment_orders
       WHERE paid_method = 'online' AND gateway = $1 AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at`,
      [VNPAY, from, to],
    );
    for (const o of paidInPeriod) {
      if (!seenPayments.has(o.id)) report.missingOnTheirSide.push({ reference: o.reference, transactionNo: o.transaction_no, type: 'payment', amount: Number(o.paid_amount), at: o.paid_at.toISOString() });
    }
    for (const r of refunds) {
      if (r.created_at >= from && r.created_at < to && !seenRefunds.has(r.gateway_ref)) {
        report.missingOnTheirSide.push({ reference: r.reference, transactionNo: r.gateway_ref, type: 'refund', amount: Number(r.amount), at: r.created_at.toISOString() });
      }
    }
    const cod: any[] = await this.dataSource.query(
      `SELECT id, dossier_code, amount, cod_collected, cod_mismatch_at FROM payment.payment_orders WHERE cod_mismatch_at >= $1 AND cod_mismatch_at < $2 ORDER BY cod_mismatch_at`,
      [from, to],
    );
    report.codMismatches = cod.map((o) => ({ paymentOrderId: o.id, dossierCode: o.dossier_code, due: Number(o.amount), collected: Number(o.cod_collected), at: o.cod_mismatch_at.toISOString() }));

    return this.keep(VNPAY, file, from, to, officer, rows.length, report);
  }

  /**
   * The postal partner collects COD and remits it later: its remittance file (CSV) against the
   * orders we recorded as paid by COD (the exact amount), for the period the file covers.
   */
  async reconcileCodRemittance(file: Buffer, officer: Officer, opts: { from?: string; to?: string } = {}): Promise<CodRemittanceReport> {
    const { rows, problems } = parseRemittanceFile(file);
    if (problems.length) throw badFile(problems);
    const { from, to } = this.period(rows.map((r) => r.collectedAt.getTime()), opts);
    const codes = [...new Set(rows.map((r) => r.dossierCode))];
    const orders: any[] = await this.dataSource.query(
      'SELECT id, dossier_code, status, paid_method, paid_amount, cod_collected FROM payment.payment_orders WHERE dossier_code = ANY($1)',
      [codes],
    );
    const report: Omit<CodRemittanceReport, 'id' | 'summary'> = { period: { from: from.toISOString(), to: to.toISOString() }, matched: [], missingOnOurSide: [], missingOnTheirSide: [], amountMismatches: [] };
    const seen = new Set<string>();
    for (const r of rows) {
      const mine = orders.filter((o) => o.dossier_code === r.dossierCode);
      const paid = mine.find((o) => o.paid_method === POSTAL_COD);
      if (!paid) {
        const flagged = mine.find((o) => o.cod_collected !== null);
        report.missingOnOurSide.push({ line: r.line, dossierCode: r.dossierCode, shipmentId: r.shipmentId, amount: r.amount, ourStatus: mine[0]?.status ?? null, flaggedCollected: flagged ? Number(flagged.cod_collected) : null });
        continue;
      }
      seen.add(paid.id);
      if (Number(paid.paid_amount) !== r.amount) report.amountMismatches.push({ line: r.line, dossierCode: r.dossierCode, theirs: r.amount, ours: Number(paid.paid_amount) });
      else report.matched.push({ dossierCode: r.dossierCode, shipmentId: r.shipmentId, amount: r.amount });
    }
    const paidInPeriod: any[] = await this.dataSource.query(
      `SELECT id, dossier_code, paid_amount, paid_at FROM payment.payment_orders WHERE paid_method = $1 AND paid_at >= $2 AND paid_at < $3 ORDER BY paid_at`,
      [POSTAL_COD, from, to],
    );
    for (const o of paidInPeriod) {
      if (!seen.has(o.id)) report.missingOnTheirSide.push({ dossierCode: o.dossier_code, paymentOrderId: o.id, amount: Number(o.paid_amount), at: o.paid_at.toISOString() });
    }
    return this.keep(POSTAL_COD, file, from, to, officer, rows.length, report);
  }

  /** The period a file covers: given, or the whole Vietnamese days of its first and last lines. */
  private period(times: number[], opts: { from?: string; to?: string }): { from: Date; to: Date } {
    const from = opts.from ? new Date(opts.from) : times.length ? startOfVnDay(new Date(Math.min(...times))) : new Date(0);
    const to = opts.to ? new Date(opts.to) : times.length ? new Date(startOfVnDay(new Date(Math.max(...times))).getTime() + 86_400_000) : new Date();
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to) throw badFile(['from/to must be ISO times with from before to']);
    return { from, to };
  }

  /** Adds the id and the summary (the file's rows and the length of each list), and keeps the report. */
  private async keep<R extends object>(source: string, file: Buffer, from: Date, to: Date, officer: Officer, rows: number, report: R): Promise<R & { id: string; summary: Summary<R> }> {
    const counts = Object.fromEntries(Object.entries(report).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown[]).length]));
    const full = { id: randomUUID(), ...report, summary: { rows, ...counts } as Summary<R> };
    await this.dataSource.query(
      'INSERT INTO payment.reconciliation_runs (id, gateway, file_sha256, period_from, period_to, uploaded_by, report) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)',
      [full.id, source, createHash('sha256').update(file).digest('hex'), from, to, officer.id, JSON.stringify(full)],
    );
    return full;
  }
}
