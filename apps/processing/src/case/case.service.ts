import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AnyEventEnvelope, createEvent, EventEnvelope } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { CaseErrors } from './case.errors';
import { WorkingCalendar } from '../calendar/working-calendar';
import { IssueResultDto } from './dto/issue-result.dto';
import { CaseEntity } from './entities/case.entity';

export interface CaseView {
  dossierCode: string;
  procedureCode: string;
  status: string;
  nationalStatusCode: number;
  receivedAt: string;
  acceptedAt: string | null;
  dueAt: string | null;
}

/**
 * Walking skeleton of the officers' workflow: a case per submitted dossier, acceptance (which
 * assesses the fee) and the issue of the result. The processing issue replaces the ad-hoc state
 * checks with the state-machine definition, roles and the audit trail.
 */
@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** On dossier.submitted; runs in the consumer's inbox transaction. */
  async openCase(em: EntityManager, event: EventEnvelope<'dossier.submitted'>): Promise<void> {
    const d = event.data;
    const now = new Date();
    // The unique dossier_code backs the inbox: a re-submitted event under a new id opens nothing.
    const inserted: unknown[] = await em.query(
      `INSERT INTO processing.cases
         (id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
          payment_method, delivery_method, delivery_address, fee, status, national_status_code, submitted_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'received', 1, $12, $13)
       ON CONFLICT (dossier_code) DO NOTHING RETURNING id`,
      [
        randomUUID(), d.dossierCode, d.procedureCode, d.procedureVersion, d.level, d.processingTime, d.processingTimeUnit,
        d.paymentMethod, d.deliveryMethod, d.deliveryAddress ? JSON.stringify(d.deliveryAddress) : null, JSON.stringify(d.fee),
        d.submittedAt, now,
      ],
    );
    if (inserted.length === 0) return;
    await this.outbox.add(
      em,
      createEvent(
        'dossier.status_changed',
        { dossierCode: d.dossierCode, status: 'received', nationalStatusCode: 1, occurredAt: now.toISOString() },
        { source: 'processing', correlationId: d.dossierCode, causationId: event.id },
      ),
    );
  }

  /**
   * On dossier.withdrawn: a case without a result stops as withdrawn (national code 7). Once the
   * result is issued the withdrawal comes too late; the case keeps its course and says so.
   */
  async withdraw(em: EntityManager, event: EventEnvelope<'dossier.withdrawn'>): Promise<void> {
    const code = event.data.dossierCode;
    const c = await em.findOne(CaseEntity, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw CaseErrors.notYetOpened(code);
    const origin = { source: 'processing', correlationId: code, causationId: event.id };
    const now = new Date().toISOString();
    if (c.status === 'withdrawn') return;
    if (c.status === 'result_issued') {
      await this.outbox.add(
        em,
        createEvent('dossier.status_changed', { dossierCode: code, status: c.status, nationalStatusCode: c.nationalStatusCode, occurredAt: now, note: 'withdrawal_refused_result_issued' }, origin),
      );
      return;
    }
    await em.update(CaseEntity, { id: c.id }, { status: 'withdrawn', nationalStatusCode: 7, withdrawnAt: new Date(event.data.withdrawnAt) });
    await this.outbox.add(
      em,
      createEvent('dossier.status_changed', { dossierCode: code, status: 'withdrawn', nationalStatusCode: 7, occurredAt: now, note: event.data.reason }, origin),
    );
  }

  /**
   * On dossier.supplemented: the documents are kept with the case. Pausing and resuming the
   * deadline clock around a supplement request belongs to the officers' workflow (processing issue).
   */
  async recordSupplement(em: EntityManager, event: EventEnvelope<'dossier.supplemented'>): Promise<void> {
    const d = event.data;
    if (!(await em.existsBy(CaseEntity, { dossierCode: d.dossierCode }))) throw CaseErrors.notYetOpened(d.dossierCode);
    await em.query(
      `INSERT INTO processing.case_supplements (request_id, dossier_code, documents, supplemented_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id) DO NOTHING`,
      [d.requestId, d.dossierCode, JSON.stringify(d.documents), d.supplementedAt],
    );
  }

  async accept(dossierCode: string, officerId: string): Promise<CaseView> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockCase(em, dossierCode);
      if (c.status !== 'received') throw CaseErrors.wrongState(dossierCode, c.status, 'accept');
      const now = new Date();
      c.status = 'accepted';
      c.nationalStatusCode = 2;
      c.acceptedAt = now;
      c.dueAt =
        c.processingTimeUnit === 'working_hours' ? this.calendar.addWorkingHours(now, c.processingTime) : this.calendar.addWorkingDays(now, Math.max(1, c.processingTime));
      await em.save(c);
      const origin = { source: 'processing', correlationId: dossierCode };
      const events: AnyEventEnvelope[] = [
        createEvent('dossier.accepted', { dossierCode, acceptedAt: now.toISOString(), dueAt: c.dueAt.toISOString(), officerId }, origin),
        createEvent(
          'dossier.status_changed',
          { dossierCode, status: 'accepted', nationalStatusCode: 2, occurredAt: now.toISOString(), dueAt: c.dueAt.toISOString() },
          origin,
        ),
      ];
      if (c.fee.amount > 0) {
        events.push(
          createEvent(
            'fee.assessed',
            {
              dossierCode,
              feeId: `${dossierCode}:fee`,
              amount: c.fee.amount,
              currency: 'VND',
              items: c.fee.items,
              paymentMethod: c.paymentMethod,
              level: c.level as 3 | 4,
            },
            origin,
          ),
        );
      }
      await this.outbox.add(em, ...events);
      return toView(c);
    });
  }

  async issueResult(dossierCode: string, dto: IssueResultDto): Promise<CaseView> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockCase(em, dossierCode);
      if (c.status !== 'accepted') throw CaseErrors.wrongState(dossierCode, c.status, 'issue-result');
      const now = new Date();
      c.status = 'result_issued';
      c.nationalStatusCode = 9;
      c.resultIssuedAt = now;
      await em.save(c);
      const origin = { source: 'processing', correlationId: dossierCode };
      await this.outbox.add(
        em,
        createEvent(
          'result.issued',
          {
            dossierCode,
            resultId: `${dossierCode}:result`,
            documents: [{ name: dto.documentName, sha256: dto.sha256 }],
            deliveryMethod: c.deliveryMethod,
            ...(c.deliveryAddress ? { deliveryAddress: c.deliveryAddress } : {}),
            codAmount: c.paymentMethod === 'postal_cod' ? c.fee.amount : 0,
            issuedAt: now.toISOString(),
          },
          origin,
        ),
        createEvent('dossier.status_changed', { dossierCode, status: 'result_issued', nationalStatusCode: 9, occurredAt: now.toISOString() }, origin),
      );
      return toView(c);
    });
  }

  async find(dossierCode: string): Promise<CaseView> {
    const c = await this.dataSource.getRepository(CaseEntity).findOneBy({ dossierCode });
    if (!c) throw CaseErrors.notFound(dossierCode);
    return toView(c);
  }

  private async lockCase(em: EntityManager, dossierCode: string): Promise<CaseEntity> {
    const c = await em.findOne(CaseEntity, { where: { dossierCode }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw CaseErrors.notFound(dossierCode);
    return c;
  }
}

function toView(c: CaseEntity): CaseView {
  return {
    dossierCode: c.dossierCode,
    procedureCode: c.procedureCode,
    status: c.status,
    nationalStatusCode: c.nationalStatusCode,
    receivedAt: c.receivedAt.toISOString(),
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    dueAt: c.dueAt?.toISOString() ?? null,
  };
}
