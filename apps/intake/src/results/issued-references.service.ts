import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';
import { ResultFileRepository } from './result-file.repository';
import { SlipRepository } from './slip.repository';

/**
 * Keeps the references of processing's results and slips, in the bus's inbox transaction (a
 * redelivered event is absorbed by the inbox before it gets here; a re-issued file id by the
 * repositories).
 */
@Injectable()
export class IssuedReferencesService {
  constructor(
    private readonly results: ResultFileRepository,
    private readonly slips: SlipRepository,
  ) {}

  /** A result issued without files (a paper result) leaves nothing for the citizen to download. */
  async recordResult(em: EntityManager, event: EventEnvelope<'result.issued'>): Promise<void> {
    const r = event.data;
    if (!r.files?.length) return;
    await this.results.add(
      em,
      r.files.map((f) => ({
        fileId: f.fileId,
        dossierCode: r.dossierCode,
        resultId: r.resultId,
        name: f.name,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        signed: f.signed,
        verificationCode: r.verificationCode ?? null,
        signedBy: r.signedBy ?? null,
        issuedAt: new Date(r.issuedAt),
      })),
    );
  }

  async recordSlip(em: EntityManager, event: EventEnvelope<'slip.issued'>): Promise<void> {
    const s = event.data;
    await this.slips.add(em, {
      fileId: s.file.fileId,
      dossierCode: s.dossierCode,
      kind: s.kind,
      name: s.file.name,
      contentType: s.file.contentType,
      size: s.file.size,
      sha256: s.file.sha256,
      issuedAt: new Date(s.issuedAt),
    });
  }
}
