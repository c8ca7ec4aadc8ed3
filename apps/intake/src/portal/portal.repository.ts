import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A portal front end allowed to file dossiers; its API key is stored only as a SHA-256 hash. */
export interface Portal {
  id: string;
  name: string;
  keyHash: string;
  /** The key's first characters, so an operator can tell keys apart in a list. */
  keyPrefix: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
}

const COLUMNS = `id, name, key_hash AS "keyHash", key_prefix AS "keyPrefix", created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt"`;

@Injectable()
export class PortalRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Rejects with the unique violation (23505) when the name is taken. */
  async insert(em: EntityManager, p: Portal): Promise<void> {
    await em.query(
      `INSERT INTO intake.portals (id, name, key_hash, key_prefix, created_at, created_by, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [p.id, p.name, p.keyHash, p.keyPrefix, p.createdAt, p.createdBy, p.revokedAt],
    );
  }

  /** The portal, locked until the transaction ends, or null. */
  async lock(em: EntityManager, id: string): Promise<Portal | null> {
    const [row] = await em.query(`SELECT ${COLUMNS} FROM intake.portals WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  }

  async markRevoked(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query('UPDATE intake.portals SET revoked_at = $2 WHERE id = $1', [id, at]);
  }

  list(): Promise<Portal[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM intake.portals ORDER BY created_at`);
  }

  async findByKeyHash(keyHash: string): Promise<Portal | null> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM intake.portals WHERE key_hash = $1`, [keyHash]);
    return row ?? null;
  }
}
