import { readCsvRecords } from './csv-records';

/** One line of the postal partner's COD remittance: what it collected for a dossier and pays over. */
export interface RemittanceRow {
  line: number;
  /** The partner's order number: our dossier code. */
  dossierCode: string;
  shipmentId: string;
  /** VND collected and remitted. */
  amount: number;
  collectedAt: Date;
}

export const REMITTANCE_COLUMNS = ['order_number', 'shipment_id', 'amount', 'collected_at'] as const;

/**
 * Parses a COD remittance CSV: header `order_number,shipment_id,amount,collected_at` (extra
 * columns ignored), amount in whole VND, collected_at an ISO 8601 time. Every bad line is reported
 * at once, by line number.
 */
export function parseRemittanceFile(content: Buffer | string): { rows: RemittanceRow[]; problems: string[] } {
  const read = readCsvRecords(content, REMITTANCE_COLUMNS);
  if ('problems' in read) return { rows: [], problems: read.problems };
  const { records } = read;
  const problems: string[] = [];
  const rows: RemittanceRow[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    const bad: string[] = [];
    if (!r.order_number) bad.push('order_number');
    if (!/^\d{1,15}$/.test(r.amount ?? '')) bad.push('amount');
    const at = new Date(r.collected_at ?? '');
    if (!r.collected_at || Number.isNaN(at.getTime())) bad.push('collected_at');
    if (bad.length) problems.push(`line ${line}: invalid ${bad.join(', ')}`);
    else
      rows.push({
        line,
        dossierCode: r.order_number,
        shipmentId: r.shipment_id ?? '',
        amount: Number(r.amount),
        collectedAt: at,
      });
  });
  return { rows, problems };
}
