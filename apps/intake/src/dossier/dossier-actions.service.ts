import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createEvent } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { type FieldProblem, validateInput } from '@dvc/kernel';
import { type AuthenticatedPortal } from '@dvc/auth';
import { AttachmentRepository } from '../attachment/attachment.repository';
import { AttachmentService, IncomingFile } from '../attachment/attachment.service';
import { ProcedureService } from '../procedure/procedure.service';
import { DossierAccessService, LookupCredentials } from './dossier-access.service';
import { toFiledDocuments } from './dossier-submitted.mapper';
import { DossierErrors, DossierProblems } from './dossier.errors';
import { DossierRepository } from './dossier.repository';
import { SupplementDossierDto, WithdrawDossierDto } from './dto/dossier-actions.dto';

/** Local statuses after which the applicant can no longer withdraw. */
const FINAL_FOR_WITHDRAWAL = new Set([
  'result_issued',
  'result_returned',
  'completed',
  'rejected',
  'refused',
  'stopped',
  'withdrawn',
  'withdrawal_requested',
]);

/** What the applicant does after filing, through the portal: withdraw, or answer a supplement request. */
@Injectable()
export class DossierActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: DossierAccessService,
    private readonly outbox: OutboxWriter,
    private readonly attachments: AttachmentService,
    private readonly dossiers: DossierRepository,
    private readonly attachmentRows: AttachmentRepository,
    private readonly procedures: ProcedureService,
  ) {}

  async withdraw(code: string, cred: LookupCredentials, body: unknown) {
    const dto = await validateInput(WithdrawDossierDto, body);
    await this.access.open(code, cred);
    return this.dataSource.transaction(async (em) => {
      const d = await this.dossiers.lockByCode(em, code);
      if (!d) throw DossierErrors.notFound();
      if (d.withdrawnAt || FINAL_FOR_WITHDRAWAL.has(d.status)) throw DossierErrors.cannotWithdraw(d.status);
      const now = new Date();
      await this.dossiers.markWithdrawalRequested(em, d.id, now);
      await this.outbox.add(
        em,
        createEvent(
          'dossier.withdrawn',
          { dossierCode: code, reason: dto.reason, withdrawnAt: now.toISOString() },
          { source: 'intake', correlationId: code },
        ),
      );
      return { code, status: 'withdrawal_requested', withdrawnAt: now.toISOString() };
    });
  }

  async supplement(
    portal: AuthenticatedPortal,
    code: string,
    cred: LookupCredentials,
    body: unknown,
    files: IncomingFile[] = [],
  ) {
    const dto = await validateInput(SupplementDossierDto, body);
    const opened = await this.access.open(code, cred);
    // The dossier's own version names its documents; revisions never apply to a filed dossier.
    const procedure = await this.procedures.find(opened.procedureCode, opened.procedureVersion);
    const problems: FieldProblem[] = [];
    const checked = files.flatMap((f, i) => {
      const { file, problem } = this.attachments.check(f, `files.${i}`);
      if (problem) problems.push(problem);
      return file ? [file] : [];
    });
    if (checked.length + (dto.attachments?.length ?? 0) === 0) {
      problems.push(DossierProblems.noSupplementDocuments());
    }
    if (problems.length) throw DossierErrors.invalid(problems);

    const stored = await this.attachments.store(portal.id, checked);
    try {
      return await this.dataSource.transaction(async (em) => {
        const request = await this.dossiers.lockSupplementRequest(em, code, dto.requestId);
        if (!request) throw DossierErrors.noSuchSupplementRequest(dto.requestId);
        if (request.suppliedAt) throw DossierErrors.alreadySupplemented(dto.requestId);
        const preUploaded = await this.attachments.claimable(
          em,
          portal.id,
          (dto.attachments ?? []).map((a) => a.attachmentId),
        );
        const missing = (dto.attachments ?? []).filter((a) => !preUploaded.has(a.attachmentId));
        if (missing.length) {
          throw DossierErrors.invalid(
            missing.map((_, i) => DossierProblems.supplementUploadNotAvailable(`attachments.${i}.attachmentId`)),
          );
        }
        const dossier = (await this.dossiers.findByCode(code, em))!;
        for (const row of stored) Object.assign(row, { dossierId: dossier.id, supplementRequestId: dto.requestId });
        await this.attachmentRows.insert(stored, em);
        for (const ref of dto.attachments ?? []) {
          await this.attachmentRows.attach(em, ref.attachmentId, {
            dossierId: dossier.id,
            documentCode: ref.documentCode,
            supplementRequestId: dto.requestId,
          });
        }
        const now = new Date();
        await this.dossiers.markSupplied(em, dto.requestId, now);
        const filed = [
          ...stored,
          ...(dto.attachments ?? []).map((a) => ({
            ...preUploaded.get(a.attachmentId)!,
            documentCode: a.documentCode,
          })),
        ];
        const documents = filed.map((a) => ({ name: a.filename, sha256: a.sha256 }));
        await this.outbox.add(
          em,
          createEvent(
            'dossier.supplemented',
            {
              dossierCode: code,
              requestId: dto.requestId,
              documents,
              supplementedAt: now.toISOString(),
              files: toFiledDocuments(filed, procedure),
            },
            { source: 'intake', correlationId: code },
          ),
        );
        return { code, requestId: dto.requestId, suppliedAt: now.toISOString(), documents };
      });
    } catch (err) {
      await this.attachments.discard(stored).catch(() => undefined);
      throw err;
    }
  }
}
