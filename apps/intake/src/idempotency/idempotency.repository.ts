import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** The answer stored for a (portal, key): `body` is sealed (answer-seal.ts), never the answer in clear. */
export interface StoredAnswer {
  hash: string;
  status: number;
  body: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Tries the transaction-scoped advisory lock on (portal, key) and reads the stored answer, in
   * one round trip. `locked` is false when another transaction holds the key.
   */
  async lockAndRead(
    em: EntityManager,
    portalId: string,
    key: string,
  ): Promise<{ locked: boolean; existing: StoredAnswer | null }> {
    const [row] = await em.query(
      `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || ':' || $2::text, 0)) AS locked,
              (SELECT json_build_object('hash', request_hash, 'status', response_status, 'body', response_body)
                 FROM intake.idempotency_keys WHERE portal_id = $1::uuid AND key = $2::text) AS existing`,
      [portalId, key],
    );
    return { locked: row.locked, existing: row.existing };
  }

  async insertAnswer(em: EntityManager, portalId: string, key: string, answer: StoredAnswer): Promise<void> {
    await em.query(
      `INSERT INTO intake.idempotency_keys (portal_id, key, request_hash, response_status, response_body) VALUES ($1, $2, $3, $4, $5)`,
      [portalId, key, answer.hash, answer.status, JSON.stringify(answer.body)],
    );
  }

  /** Answers older than `hours`; answers how many went. */
  async deleteOlderThan(hours: number): Promise<number> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM intake.idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [hours],
    );
    return Number(count);
  }
}
