import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError } from '@dvc/kernel';

/** The portal a request came from, once its X-Api-Key was checked. */
export interface AuthenticatedPortal {
  id: string;
  name: string;
}

/** Where a service keeps the portal keys it accepts (intake issues them; others keep a copy fed by portal.key_* events). */
export interface PortalKeyStore {
  findByKeyHash(keyHash: string): Promise<{ id: string; name: string; revoked: boolean } | null>;
}

export const PORTAL_KEY_STORE = Symbol('PORTAL_KEY_STORE');

/** Keys are 256-bit random strings, so a plain SHA-256 is enough to store and to share. */
export const hashPortalKey = (apiKey: string) => createHash('sha256').update(apiKey, 'utf8').digest('hex');

export class PortalAuthError extends DomainError {}

export const PortalAuthErrors = {
  keyMissing: () =>
    new PortalAuthError(
      'PORTAL.API_KEY_MISSING',
      { vi: 'Thiếu khóa API của cổng (header X-Api-Key).', en: "The portal's API key (X-Api-Key header) is missing." },
      { status: 401 },
    ),
  keyInvalid: () =>
    new PortalAuthError(
      'PORTAL.API_KEY_INVALID',
      { vi: 'Khóa API không hợp lệ hoặc đã bị thu hồi.', en: 'The API key is not valid or has been revoked.' },
      { status: 401 },
    ),
};

/** How long a key check is remembered: a revocation takes effect within this time on every replica. */
const CACHE_MS = 10_000;
const CACHE_MAX = 1000;

@Injectable()
export class PortalAuthenticator {
  private readonly cache = new Map<string, { portal: AuthenticatedPortal | null; until: number }>();

  constructor(@Inject(PORTAL_KEY_STORE) private readonly store: PortalKeyStore) {}

  async authenticate(apiKey: string | undefined): Promise<AuthenticatedPortal> {
    if (!apiKey) throw PortalAuthErrors.keyMissing();
    const hash = hashPortalKey(apiKey);
    const now = Date.now();
    let hit = this.cache.get(hash);
    if (!hit || hit.until < now) {
      const row = await this.store.findByKeyHash(hash);
      hit = { portal: row && !row.revoked ? { id: row.id, name: row.name } : null, until: now + CACHE_MS };
      if (this.cache.size > CACHE_MAX) this.cache.clear();
      this.cache.set(hash, hit);
    }
    if (!hit.portal) throw PortalAuthErrors.keyInvalid();
    return hit.portal;
  }

  /** After a revocation on this replica: take effect here at once rather than after the cache time. */
  forgetAll(): void {
    this.cache.clear();
  }
}
