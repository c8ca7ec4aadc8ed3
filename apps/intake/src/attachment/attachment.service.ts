import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isEncryptedPdf } from '@dvc/documents';
import { OBJECT_STORAGE, type ObjectStorage } from '@dvc/storage';
import { FILE_TYPES, FileType } from '../procedure/procedure.types';
import { AttachmentProblem, AttachmentProblems } from './attachment.errors';
import { Attachment, AttachmentRepository } from './attachment.repository';
import { fileTypeMatches, SNIFF_HEAD_BYTES, sniffFileType } from './file-signature';

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
    private readonly repository: AttachmentRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  /**
   * The type is judged from the bytes, not from the client's Content-Type: the extension must be
   * allowed and the content must really be of that kind.
   */
  check(
    file: IncomingFile,
    field: string,
    allowed: readonly FileType[] = FILE_TYPES,
  ): { file?: CheckedFile; problem?: AttachmentProblem } {
    const name = file.originalname || 'file';
    if (file.buffer.length === 0) return { problem: AttachmentProblems.empty(field, name) };
    const raw = (name.split('.').pop() ?? '').toLowerCase();
    const ext = (EXTENSION_ALIASES[raw] ?? raw) as FileType;
    if (!allowed.includes(ext)) return { problem: AttachmentProblems.typeNotAllowed(field, name, allowed) };
    if (!fileTypeMatches(ext, sniffFileType(file.buffer.subarray(0, SNIFF_HEAD_BYTES)))) {
      return { problem: AttachmentProblems.contentMismatch(field, name) };
    }
    if (ext === 'pdf' && isEncryptedPdf(file.buffer)) return { problem: AttachmentProblems.encryptedPdf(field, name) };
    return { file: { ...file, fileType: ext } };
  }

  /** Stores the bytes (outside any transaction) and returns unsaved rows for them. */
  async store(
    portalId: string,
    files: CheckedFile[],
    link: Partial<Pick<Attachment, 'dossierId' | 'supplementRequestId'>> = {},
  ): Promise<Attachment[]> {
    const rows: Attachment[] = [];
    for (const f of files) {
      const stored = await this.storage.put(f.buffer);
      rows.push({
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
      });
    }
    return rows;
  }

  /** A portal's upload ahead of its submission (POST /v1/attachments). */
  async preUpload(portalId: string, file: IncomingFile): Promise<{ row?: Attachment; problem?: AttachmentProblem }> {
    const { file: checked, problem } = this.check({ ...file, fieldname: '' }, 'file');
    if (!checked) return { problem };
    const [row] = await this.store(portalId, [checked]);
    await this.repository.insert([row]);
    return { row };
  }

  /** Pre-uploaded files the portal may still attach: its own, not yet attached to anything. Locked. */
  async claimable(em: EntityManager, portalId: string, ids: string[]): Promise<Map<string, Attachment>> {
    if (ids.length === 0) return new Map();
    const rows = await this.repository.lockUnattached(em, portalId, ids);
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** After a refusal: bytes stored for it go away unless another record uses the same content. */
  async discard(rows: Attachment[]): Promise<void> {
    await this.removeUnusedBytes(rows.map((r) => r.storageKey));
  }

  /** Uploads no dossier took within `hours` are forgotten, and their bytes unless still used. */
  async forgetUnattached(hours: number): Promise<number> {
    const keys = await this.repository.deleteUnattachedOlderThan(hours);
    await this.removeUnusedBytes(keys);
    return keys.length;
  }

  private async removeUnusedBytes(storageKeys: string[]): Promise<void> {
    for (const key of storageKeys) {
      // Content-addressed: the bytes may still back another attachment.
      if (!(await this.repository.storageKeyInUse(key))) await this.storage.remove(key).catch(() => undefined);
    }
  }
}
