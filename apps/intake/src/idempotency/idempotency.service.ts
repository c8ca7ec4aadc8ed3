import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { IdempotencyErrors } from './idempotency.errors';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;
/** An in-flight claim older than this belongs to a request that died; a retry may take it over. */
const ABANDONED_AFTER_SECONDS = 60;

export type IdempotencyClaim = { kind: 'proceed' } | { kind: 'replay'; status: number; body: unknown };

/** A stable hash of a request: JSON with sorted keys, so key order does not matter. */
export function requestHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]))
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}

/**
 * Exactly-once submissions over an unreliable network. The key is claimed in its own committed
 * transaction, so a concurrent duplicate sees it at once (409) instead of waiting; the answer is
 * stored in the same transaction as the dossier, so a retry gets exactly the first answer; a
 * refused request releases its key, so nothing is kept for it.
 */
@Injectable()
export class IdempotencyService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  checkKey(key: string | undefined): string {
    if (key === undefined || key === '') throw IdempotencyErrors.missing();
    if (!KEY_PATTERN.test(key)) throw IdempotencyErrors.malformed();
    return key;
  }

  async claim(portalId: string, key: string, hash: string): Promise<IdempotencyClaim> {
    const inserted = await this.dataSource.query(
      `INSERT INTO intake.idempotency_keys (portal_id, key, request_hash, state) VALUES ($1, $2, $3, 'in_flight')
       ON CONFLICT DO NOTHING RETURNING 1`,
      [portalId, key, hash],
    );
    if (inserted.length) return { kind: 'proceed' };
    const [row] = await this.dataSource.query(
      `SELECT request_hash, state, response_status, response_body,
              created_at < now() - make_interval(secs => $3) AS abandoned
         FROM intake.idempotency_keys WHERE portal_id = $1 AND key = $2`,
      [portalId, key, ABANDONED_AFTER_SECONDS],
    );
    if (!row) return this.claim(portalId, key, hash); // released between our two statements
    if (row.request_hash !== hash) throw IdempotencyErrors.reused();
    if (row.state === 'done') return { kind: 'replay', status: row.response_status, body: row.response_body };
    if (row.abandoned) {
      const taken = await this.dataSource.query(
        `UPDATE intake.idempotency_keys SET created_at = now()
          WHERE portal_id = $1 AND key = $2 AND state = 'in_flight'
            AND created_at < now() - make_interval(secs => $3) RETURNING 1`,
        [portalId, key, ABANDONED_AFTER_SECONDS],
      );
      if (taken.length) return { kind: 'proceed' };
    }
    throw IdempotencyErrors.inFlight();
  }

  /** Inside the business transaction: the answer commits with the dossier. */
  async complete(em: EntityManager, portalId: string, key: string, status: number, body: unknown): Promise<void> {
    await em.query(
      `UPDATE intake.idempotency_keys SET state = 'done', response_status = $3, response_body = $4 WHERE portal_id = $1 AND key = $2`,
      [portalId, key, status, JSON.stringify(body)],
    );
  }

  async release(portalId: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM intake.idempotency_keys WHERE portal_id = $1 AND key = $2 AND state = 'in_flight'`, [portalId, key]);
  }
}
