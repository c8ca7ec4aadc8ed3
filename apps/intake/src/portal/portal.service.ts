import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { hashPortalKey, type PortalKeyStore } from '@dvc/auth';
import { PortalErrors } from './portal.errors';
import { Portal, PortalRepository } from './portal.repository';

/**
 * Intake issues and revokes portal keys. Each change is announced (portal.key_issued /
 * portal.key_revoked, in the same transaction) so that the other portal-facing services keep
 * their own copy of the key hashes instead of reading intake's schema.
 */
@Injectable()
export class PortalService implements PortalKeyStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly repository: PortalRepository,
  ) {}

  /** The key is random (256 bits) and shown once, here, and never again. */
  async create(name: string, adminId: string): Promise<{ portal: Portal; apiKey: string }> {
    const apiKey = `dvc_${randomBytes(32).toString('base64url')}`;
    const portal: Portal = {
      id: randomUUID(),
      name: name.trim(),
      keyHash: hashPortalKey(apiKey),
      keyPrefix: apiKey.slice(0, 10),
      createdAt: new Date(),
      createdBy: adminId,
      revokedAt: null,
    };
    try {
      await this.dataSource.transaction(async (em) => {
        await this.repository.insert(em, portal);
        await this.outbox.add(
          em,
          createEvent(
            'portal.key_issued',
            {
              portalId: portal.id,
              portalName: portal.name,
              keyHash: portal.keyHash,
              issuedAt: portal.createdAt.toISOString(),
            },
            { source: 'intake', correlationId: portal.id },
          ),
        );
      });
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw PortalErrors.nameTaken(name);
      throw err;
    }
    return { portal, apiKey };
  }

  async revoke(id: string): Promise<Portal> {
    return this.dataSource.transaction(async (em) => {
      const portal = await this.repository.lock(em, id);
      if (!portal) throw PortalErrors.notFound(id);
      if (!portal.revokedAt) {
        portal.revokedAt = new Date();
        await this.repository.markRevoked(em, id, portal.revokedAt);
        await this.outbox.add(
          em,
          createEvent(
            'portal.key_revoked',
            { portalId: id, revokedAt: portal.revokedAt.toISOString() },
            { source: 'intake', correlationId: id },
          ),
        );
      }
      return portal;
    });
  }

  list(): Promise<Portal[]> {
    return this.repository.list();
  }

  async findByKeyHash(keyHash: string) {
    const row = await this.repository.findByKeyHash(keyHash);
    return row ? { id: row.id, name: row.name, revoked: row.revokedAt !== null } : null;
  }
}
