import { parse } from 'csv-parse/sync';

/**
 * The records of a reconciliation CSV keyed by lower-cased header, or why the file cannot be read
 * at all (not CSV, or a required column missing). Extra columns are ignored.
 */
export function readCsvRecords(
  content: Buffer | string,
  columns: readonly string[],
): { records: Record<string, string>[] } | { problems: string[] } {
  let records: Record<string, string>[];
  try {
    records = parse(content, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    });
  } catch (err) {
    return { problems: [`not a CSV file: ${(err as Error).message}`] };
  }
  if (records.length && columns.some((c) => !(c in records[0]))) {
    return { problems: [`the header must name the columns ${columns.join(', ')}`] };
  }
  return { records };
}
