import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { FILE_TYPES, FileType } from '../procedure/procedure.types';
import { AttachmentProblem, AttachmentProblems } from './attachment.errors';
import { AttachmentEntity } from './entities/attachment.entity';
import { fileTypeMatches, SNIFF_HEAD_BYTES, sniffFileType } from './file-signature';
import { DOCUMENT_STORAGE, DocumentStorage } from './storage/document-storage';

/** A file received in a request, already in memory (multer's memory storage, size-limited). */
export interface IncomingFile {
  /** Form field name: the required document's code (e.g. TP1) for dossier uploads. */
  fieldname: string;
  originalname: string;
  buffer: Buffer;
}

export interface CheckedFile extends IncomingFile {
  fileType: FileType;
}

const EXTENSION_ALIASES: Record<string, FileType> = { jpeg: 'jpg' };

@Injectable()
export class AttachmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  /**
   * The type is judged from the bytes, not from the client's Content-Type: the extension must be
   * allowed and the content must really be of that kind.
   */
  check(file: IncomingFile, field: string, allowed: readonly FileType[] = FILE_TYPES): { file?: CheckedFile; problem?: AttachmentProblem } {
    const name = file.originalname || 'file';
    if (file.buffer.length === 0) return { problem: AttachmentProblems.empty(field, name) };
    const raw = (name.split('.').pop() ?? '').toLowerCase();
    const ext = (EXTENSION_ALIASES[raw] ?? raw) as FileType;
    if (!allowed.includes(ext)) return { problem: AttachmentProblems.typeNotAllowed(field, name, allowed) };
    if (!fileTypeMatches(ext, sniffFileType(file.buffer.subarray(0, SNIFF_HEAD_BYTES)))) {
      return { problem: AttachmentProblems.contentMismatch(field, name) };
    }
    return { file: { ...file, fileType: ext } };
  }

  /** Stores the bytes (outside any transaction) and returns unsaved rows for them. */
  async store(portalId: string, files: CheckedFile[], link: Partial<Pick<AttachmentEntity, 'dossierId' | 'supplementRequestId'>> = {}): Promise<AttachmentEntity[]> {
    const rows: AttachmentEntity[] = [];
    for (const f of files) {
      const stored = await this.storage.put(f.buffer, { filename: f.originalname });
      rows.push(
        this.dataSource.getRepository(AttachmentEntity).create({
          id: randomUUID(),
          portalId,
          dossierId: link.dossierId ?? null,
          supplementRequestId: link.supplementRequestId ?? null,
          documentCode: f.fieldname || null,
          filename: f.originalname.slice(0, 255),
          fileType: f.fileType,
          sizeBytes: stored.size,
          sha256: stored.sha256,
          storageKey: stored.key,
          createdAt: new Date(),
        }),
      );
    }
    return rows;
  }

  /** A portal's upload ahead of its submission (POST /v1/attachments). */
  async preUpload(portalId: string, file: IncomingFile): Promise<{ row?: AttachmentEntity; problem?: AttachmentProblem }> {
    const { file: checked, problem } = this.check({ ...file, fieldname: '' }, 'file');
    if (!checked) return { problem };
    const [row] = await this.store(portalId, [checked]);
    await this.dataSource.getRepository(AttachmentEntity).insert(row);
    return { row };
  }

  /** Pre-uploaded files the portal may still attach: its own, not yet attached to anything. Locked. */
  async claimable(em: EntityManager, portalId: string, ids: string[]): Promise<Map<string, AttachmentEntity>> {
    if (ids.length === 0) return new Map();
    const rows = await em.find(AttachmentEntity, {
      where: { id: In(ids), portalId, dossierId: IsNull(), supplementRequestId: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** After a refusal: bytes stored for it go away unless another record uses the same content. */
  async discard(rows: AttachmentEntity[]): Promise<void> {
    for (const r of rows) {
      const used = await this.dataSource.getRepository(AttachmentEntity).existsBy({ storageKey: r.storageKey });
      if (!used) await this.storage.remove(r.storageKey).catch(() => undefined);
    }
  }
}
