import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';
import type { PortalKeyStore } from '@dvc/auth';

/** Every query of payment's copy of the portal key hashes intake issues (fed by portal.key_issued / portal.key_revoked); the store behind PortalApiKeyGuard. */
@Injectable()
export class PaymentPortalKeyRepository implements PortalKeyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByKeyHash(keyHash: string) {
    const [row] = await this.dataSource.query(
      'SELECT portal_id, name, revoked_at FROM payment.portal_keys WHERE key_hash = $1',
      [keyHash],
    );
    return row ? { id: row.portal_id, name: row.name, revoked: row.revoked_at !== null } : null;
  }

  async issued(em: EntityManager, e: EventEnvelope<'portal.key_issued'>): Promise<void> {
    const d = e.data;
    await em.query(
      `INSERT INTO payment.portal_keys (portal_id, name, key_hash, issued_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (portal_id) DO UPDATE SET name = EXCLUDED.name, key_hash = EXCLUDED.key_hash, issued_at = EXCLUDED.issued_at
       WHERE payment.portal_keys.revoked_at IS NULL`,
      [d.portalId, d.portalName, d.keyHash, d.issuedAt],
    );
  }

  /** A revocation that overtakes its issue still wins: the row is kept, revoked. */
  async revoked(em: EntityManager, e: EventEnvelope<'portal.key_revoked'>): Promise<void> {
    await em.query(
      // $1 typed once (uuid) for both uses: PostgreSQL refuses a parameter deduced as two types (42P08).
      `INSERT INTO payment.portal_keys (portal_id, name, key_hash, issued_at, revoked_at) VALUES ($1::uuid, '', 'revoked:' || $1::uuid::text, $2, $2)
       ON CONFLICT (portal_id) DO UPDATE SET revoked_at = coalesce(payment.portal_keys.revoked_at, EXCLUDED.revoked_at)`,
      [e.data.portalId, e.data.revokedAt],
    );
  }
}
