import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { IntakeConfig } from '../config/intake.config';
import { answerAad, AnswerKey, isSealed } from './answer-seal';
import { IdempotencyErrors } from './idempotency.errors';
import { IdempotencyRepository } from './idempotency.repository';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,200}$/;

export type IdempotencyClaim = { kind: 'proceed' } | { kind: 'replay'; status: number; body: unknown };

/** A stable hash of a request: JSON with sorted keys, so key order does not matter. */
export function requestHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

/**
 * Exactly-once submissions over an unreliable network, inside the submission's own transaction:
 * a transaction-scoped advisory lock on (portal, key) marks the key in flight (a concurrent
 * duplicate cannot take it and gets 409 at once, and a crash releases it); the stored answer
 * commits with the dossier, so a later retry gets exactly the first answer; a refused request
 * rolls back and leaves no trace of its key. The answer is stored sealed (AES-256-GCM with
 * IDEMPOTENCY_ANSWER_KEY): it holds the lookup secret, which the retry must get again but nobody
 * reading the table may.
 */
@Injectable()
export class IdempotencyService {
  private readonly answerKey: AnswerKey;

  constructor(
    private readonly repository: IdempotencyRepository,
    config: IntakeConfig,
  ) {
    this.answerKey = new AnswerKey(config.IDEMPOTENCY_ANSWER_KEY);
  }

  checkKey(key: string | undefined): string {
    if (key === undefined || key === '') throw IdempotencyErrors.missing();
    if (!KEY_PATTERN.test(key)) throw IdempotencyErrors.malformed();
    return key;
  }

  async claim(em: EntityManager, portalId: string, key: string, hash: string): Promise<IdempotencyClaim> {
    const row = await this.repository.lockAndRead(em, portalId, key);
    if (!row.locked) throw IdempotencyErrors.inFlight();
    if (!row.existing) return { kind: 'proceed' };
    if (row.existing.hash !== hash) throw IdempotencyErrors.reused();
    const stored = row.existing.body;
    // Every row is sealed (the migration sealed those stored before); anything else is not ours to replay.
    if (!isSealed(stored)) throw new Error('idempotency answer stored unsealed');
    return { kind: 'replay', status: row.existing.status, body: this.answerKey.open(stored, answerAad(portalId, key)) };
  }

  /** The answer, in the same transaction as the dossier. */
  async complete(
    em: EntityManager,
    portalId: string,
    key: string,
    hash: string,
    status: number,
    body: unknown,
  ): Promise<void> {
    const sealed = this.answerKey.seal(body, answerAad(portalId, key));
    await this.repository.insertAnswer(em, portalId, key, { hash, status, body: sealed });
  }
}
