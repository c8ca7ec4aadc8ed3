import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createEvent } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { type FieldProblem, validateInput } from '@dvc/kernel';
import { type AuthenticatedPortal } from '@dvc/auth';
import { AttachmentService, IncomingFile } from '../attachment/attachment.service';
import { AttachmentEntity } from '../attachment/entities/attachment.entity';
import { DossierAccessService, LookupCredentials } from './dossier-access.service';
import { DossierErrors } from './dossier.errors';
import { SupplementDossierDto, WithdrawDossierDto } from './dto/dossier-actions.dto';
import { DossierEntity } from './entities/dossier.entity';

/** Local statuses after which the applicant can no longer withdraw. */
const FINAL_FOR_WITHDRAWAL = new Set(['result_issued', 'result_returned', 'completed', 'rejected', 'refused', 'stopped', 'withdrawn', 'withdrawal_requested']);

/** What the applicant does after filing, through the portal: withdraw, or answer a supplement request. */
@Injectable()
export class DossierActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: DossierAccessService,
    private readonly outbox: OutboxWriter,
    private readonly attachments: AttachmentService,
  ) {}

  async withdraw(code: string, cred: LookupCredentials, body: unknown) {
    const dto = await validateInput(WithdrawDossierDto, body);
    await this.access.open(code, cred);
    return this.dataSource.transaction(async (em) => {
      const d = await em.findOneOrFail(DossierEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (d.withdrawnAt || FINAL_FOR_WITHDRAWAL.has(d.status)) throw DossierErrors.cannotWithdraw(d.status);
      const now = new Date();
      await em.update(DossierEntity, { id: d.id }, { withdrawnAt: now, status: 'withdrawal_requested', statusChangedAt: now });
      await this.outbox.add(
        em,
        createEvent('dossier.withdrawn', { dossierCode: code, reason: dto.reason, withdrawnAt: now.toISOString() }, { source: 'intake', correlationId: code }),
      );
      return { code, status: 'withdrawal_requested', withdrawnAt: now.toISOString() };
    });
  }

  async supplement(portal: AuthenticatedPortal, code: string, cred: LookupCredentials, body: unknown, files: IncomingFile[] = []) {
    const dto = await validateInput(SupplementDossierDto, body);
    await this.access.open(code, cred);
    const problems: FieldProblem[] = [];
    const checked = files.flatMap((f, i) => {
      const { file, problem } = this.attachments.check(f, `files.${i}`);
      if (problem) problems.push(problem);
      return file ? [file] : [];
    });
    if (checked.length + (dto.attachments?.length ?? 0) === 0) {
      problems.push({ field: 'attachments', code: 'SUPPLEMENT.NO_DOCUMENTS', vi: 'Cần ít nhất một giấy tờ bổ sung.', en: 'At least one document is needed.' });
    }
    if (problems.length) throw DossierErrors.invalid(problems);

    const stored = await this.attachments.store(portal.id, checked);
    try {
      return await this.dataSource.transaction(async (em) => {
        const [request] = await em.query(
          `SELECT request_id, supplied_at FROM intake.supplement_requests WHERE request_id = $1 AND dossier_code = $2 FOR UPDATE`,
          [dto.requestId, code],
        );
        if (!request) throw DossierErrors.noSuchSupplementRequest(dto.requestId);
        if (request.supplied_at) throw DossierErrors.alreadySupplemented(dto.requestId);
        const preUploaded = await this.attachments.claimable(em, portal.id, (dto.attachments ?? []).map((a) => a.attachmentId));
        const missing = (dto.attachments ?? []).filter((a) => !preUploaded.has(a.attachmentId));
        if (missing.length) {
          throw DossierErrors.invalid(missing.map((a, i) => ({ field: `attachments.${i}.attachmentId`, code: 'ATTACHMENT.NOT_AVAILABLE', vi: 'Không có tệp này hoặc tệp đã được dùng.', en: 'No such upload, or it is already used.' })));
        }
        const dossier = await em.findOneByOrFail(DossierEntity, { code });
        for (const row of stored) Object.assign(row, { dossierId: dossier.id, supplementRequestId: dto.requestId });
        if (stored.length) await em.insert(AttachmentEntity, stored);
        for (const ref of dto.attachments ?? []) {
          await em.update(AttachmentEntity, { id: ref.attachmentId }, { dossierId: dossier.id, supplementRequestId: dto.requestId, documentCode: ref.documentCode });
        }
        const now = new Date();
        await em.query('UPDATE intake.supplement_requests SET supplied_at = $2 WHERE request_id = $1', [dto.requestId, now]);
        const documents = [...stored, ...(dto.attachments ?? []).map((a) => preUploaded.get(a.attachmentId)!)].map((a) => ({ name: a.filename, sha256: a.sha256 }));
        await this.outbox.add(
          em,
          createEvent('dossier.supplemented', { dossierCode: code, requestId: dto.requestId, documents, supplementedAt: now.toISOString() }, { source: 'intake', correlationId: code }),
        );
        return { code, requestId: dto.requestId, suppliedAt: now.toISOString(), documents };
      });
    } catch (err) {
      await this.attachments.discard(stored).catch(() => undefined);
      throw err;
    }
  }
}
