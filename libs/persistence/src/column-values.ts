/** A uuid column compared with anything else is an SQL error, not "no such row": test first. */
export const isUuid = (v: string): boolean => /^[0-9a-f-]{36}$/i.test(v);

/** node-postgres returns numeric and bigint columns as strings (they may exceed a JS number). */
export const numberOrNull = (v: string | null): number | null => (v === null ? null : Number(v));
