import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'intake', name: 'attachments' })
export class AttachmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid', { name: 'portal_id' }) portalId: string;
  @Column('uuid', { name: 'dossier_id', nullable: true }) dossierId: string | null;
  @Column('text', { name: 'document_code', nullable: true }) documentCode: string | null;
  @Column('text', { name: 'supplement_request_id', nullable: true }) supplementRequestId: string | null;
  @Column() filename: string;
  @Column({ name: 'file_type' }) fileType: string;
  @Column('bigint', { name: 'size_bytes', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) sizeBytes: number;
  @Column() sha256: string;
  @Column({ name: 'storage_key' }) storageKey: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
