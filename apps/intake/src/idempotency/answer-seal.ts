import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A stored idempotent answer, sealed with AES-256-GCM. The answer to a submission holds the lookup
 * secret (shown once, and again to a portal that retries), so it is never kept in clear: a dump,
 * a backup or a read-only role sees ciphertext only. The row's (portal, key) is the associated
 * data, so a sealed answer copied onto another portal's key does not open.
 */
export interface SealedAnswer {
  /** Format version. */
  v: 1;
  /** Which key sealed it (first 8 hex of a hash of the derived key): a rotated key fails clearly, not as garbage. */
  kid: string;
  /** base64 of iv (12 bytes) | tag (16 bytes) | ciphertext. */
  data: string;
}

export class AnswerKey {
  readonly id: string;
  private readonly key: Buffer;

  /** The AES key is derived from the configured secret (32+ characters), so any strong string will do. */
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'dvc-intake', 'idempotency-answer-v1', 32));
    this.id = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
  }

  seal(body: unknown, aad: string): SealedAnswer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ct = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return { v: 1, kid: this.id, data: Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64') };
  }

  open(sealed: SealedAnswer, aad: string): unknown {
    if (sealed.kid !== this.id) throw new Error(`idempotency answer sealed with key ${sealed.kid}, not ${this.id}`);
    const raw = Buffer.from(sealed.data, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
  }
}

export const isSealed = (body: unknown): body is SealedAnswer =>
  typeof body === 'object' &&
  body !== null &&
  (body as SealedAnswer).v === 1 &&
  typeof (body as SealedAnswer).data === 'string';

/** What a sealed answer is bound to. */
export const answerAad = (portalId: string, key: string) => `${portalId}:${key}`;
