import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PortalEntity } from './entities/portal.entity';
import { PortalErrors } from './portal.errors';

export interface AuthenticatedPortal {
  id: string;
  name: string;
}

/** How long a key check is remembered: a revocation takes effect within this time on every replica. */
const CACHE_MS = 10_000;

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

@Injectable()
export class PortalService {
  private readonly cache = new Map<string, { portal: AuthenticatedPortal | null; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Issues a portal and its API key. The key is random (256 bits), so a plain SHA-256 of it is
   * enough to store; the key itself is shown once, here, and never again.
   */
  async create(name: string, adminId: string): Promise<{ portal: PortalEntity; apiKey: string }> {
    const apiKey = `dvc_${randomBytes(32).toString('base64url')}`;
    const portal = this.dataSource.getRepository(PortalEntity).create({
      id: randomUUID(),
      name: name.trim(),
      keyHash: hashKey(apiKey),
      keyPrefix: apiKey.slice(0, 10),
      createdAt: new Date(),
      createdBy: adminId,
      revokedAt: null,
    });
    try {
      await this.dataSource.getRepository(PortalEntity).insert(portal);
    } catch (err) {
      if ((err as { code?: string }).code === '23505') throw PortalErrors.nameTaken(name);
      throw err;
    }
    return { portal, apiKey };
  }

  async revoke(id: string): Promise<PortalEntity> {
    const repo = this.dataSource.getRepository(PortalEntity);
    const portal = await repo.findOneBy({ id });
    if (!portal) throw PortalErrors.notFound(id);
    if (!portal.revokedAt) {
      portal.revokedAt = new Date();
      await repo.update({ id }, { revokedAt: portal.revokedAt });
    }
    this.cache.clear();
    return portal;
  }

  list(): Promise<PortalEntity[]> {
    return this.dataSource.getRepository(PortalEntity).find({ order: { createdAt: 'ASC' } });
  }

  async authenticate(apiKey: string | undefined): Promise<AuthenticatedPortal> {
    if (!apiKey) throw PortalErrors.keyMissing();
    const hash = hashKey(apiKey);
    const now = Date.now();
    let hit = this.cache.get(hash);
    if (!hit || hit.until < now) {
      const row = await this.dataSource.getRepository(PortalEntity).findOneBy({ keyHash: hash });
      hit = { portal: row && !row.revokedAt ? { id: row.id, name: row.name } : null, until: now + CACHE_MS };
      if (this.cache.size > 1000) this.cache.clear();
      this.cache.set(hash, hit);
    }
    if (!hit.portal) throw PortalErrors.keyInvalid();
    return hit.portal;
  }
}
