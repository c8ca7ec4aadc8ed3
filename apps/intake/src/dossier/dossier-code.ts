import type { EntityManager } from 'typeorm';

/**
 * Next dossier code `<agency>-<YYMMDD>-<seq>`. The sequence is one row per day (in Vietnam's
 * time zone), incremented by an upsert: concurrent submissions serialise on that row only, and
 * a rolled-back submission gives its number back.
 */
export async function nextDossierCode(manager: EntityManager, agencyCode: string): Promise<string> {
  const [row] = await manager.query(
    `WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day)
     INSERT INTO intake.dossier_sequences (day, last) SELECT day, 1 FROM today
     ON CONFLICT (day) DO UPDATE SET last = intake.dossier_sequences.last + 1
     RETURNING to_char(day, 'YYMMDD') AS ymd, last`,
  );
  return `${agencyCode}-${row.ymd}-${String(row.last).padStart(4, '0')}`;
}
