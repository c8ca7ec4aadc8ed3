import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A portal front end allowed to file dossiers; its API key is stored only as a SHA-256 hash. */
@Entity({ schema: 'intake', name: 'portals' })
export class PortalEntity {
  @PrimaryColumn('uuid') id: string;
  @Column() name: string;
  @Column({ name: 'key_hash' }) keyHash: string;
  /** The key's first characters, so an operator can tell keys apart in a list. */
  @Column({ name: 'key_prefix' }) keyPrefix: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
  @Column({ name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
