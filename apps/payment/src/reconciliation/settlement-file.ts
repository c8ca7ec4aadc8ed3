import { readCsvRecords } from './csv-records';

/** One line of a gateway settlement file. */
export interface SettlementRow {
  line: number;
  reference: string;
  transactionNo: string;
  /** VND. */
  amount: number;
  type: 'payment' | 'refund';
  at: Date;
}

export const SETTLEMENT_COLUMNS = ['txn_ref', 'transaction_no', 'amount', 'type', 'pay_date'] as const;

/**
 * Parses a settlement CSV: header `txn_ref,transaction_no,amount,type,pay_date` (extra columns
 * ignored), amount in whole VND, type payment|refund, pay_date yyyyMMddHHmmss at GMT+7 (VNPay's
 * format). Every bad line is reported at once, by line number.
 */
export function parseSettlementFile(
  content: Buffer | string,
  parseDate: (s: string) => Date | null,
): { rows: SettlementRow[]; problems: string[] } {
  const read = readCsvRecords(content, SETTLEMENT_COLUMNS);
  if ('problems' in read) return { rows: [], problems: read.problems };
  const { records } = read;
  const problems: string[] = [];
  const rows: SettlementRow[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const bad: string[] = [];
    if (!r.txn_ref) bad.push('txn_ref');
    if (!/^\d{1,15}$/.test(r.amount ?? '')) bad.push('amount');
    if (r.type !== 'payment' && r.type !== 'refund') bad.push('type');
    const at = parseDate(r.pay_date ?? '');
    if (!at) bad.push('pay_date');
    if (bad.length) problems.push(`line ${line}: invalid ${bad.join(', ')}`);
    else
      rows.push({
        line,
        reference: r.txn_ref,
        transactionNo: r.transaction_no ?? '',
        amount: Number(r.amount),
        type: r.type as 'payment' | 'refund',
        at: at!,
      });
  });
  return { rows, problems };
}
