import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AnyEventEnvelope, createEvent, EventEnvelope } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { vietnamWallClock } from '@dvc/kernel';
import { CaseErrors } from './case.errors';
import { CalendarService } from '../calendar/calendar.service';
import { Actor, availableActions, CASE_ACTIONS, CASE_STATES, CaseAction, CaseState, checkTransition, mayTake, missingInputs, OfficerAction } from './workflow/case-workflow';
import { CaseActionDto } from './dto/case-action.dto';
import { toNationalRecord } from './national-export';
import { CaseEntity } from './entities/case.entity';

export interface CaseView {
  dossierCode: string;
  procedureCode: string;
  status: string;
  nationalStatusCode: number;
  receivedAt: string;
  acceptedAt: string | null;
  dueAt: string | null;
  clockPaused: boolean;
  assigneeId: string | null;
  fee: { amount: number; paid: boolean };
  completedAt: string | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
}

/** Who acts: an officer from the token, or the system on an event. */
export interface CaseActor {
  id: string;
  roles: readonly Actor[];
}

const SYSTEM: CaseActor = { id: 'system', roles: ['system'] };

/**
 * The officers' workflow: a case per submitted dossier, moved only by the actions of the workflow
 * table (case-workflow.ts), each recorded as an append-only history row and announced as
 * dossier.status_changed with its national code, in the same transaction.
 */
@Injectable()
export class CaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly calendars: CalendarService,
  ) {}

  /** On dossier.submitted; runs in the consumer's inbox transaction. */
  async openCase(em: EntityManager, event: EventEnvelope<'dossier.submitted'>): Promise<void> {
    const d = event.data;
    const now = new Date();
    // The unique dossier_code backs the inbox: a re-submitted event under a new id opens nothing.
    const inserted: unknown[] = await em.query(
      `INSERT INTO processing.cases
         (id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
          payment_method, delivery_method, delivery_address, fee, status, national_status_code, submitted_at, received_at,
          applicant, procedure_name, field_code, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'received', 1, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (dossier_code) DO NOTHING RETURNING id`,
      [
        randomUUID(), d.dossierCode, d.procedureCode, d.procedureVersion, d.level, d.processingTime, d.processingTimeUnit,
        d.paymentMethod, d.deliveryMethod, d.deliveryAddress ? JSON.stringify(d.deliveryAddress) : null, JSON.stringify(d.fee),
        d.submittedAt, now, JSON.stringify(d.applicant), d.procedureName, d.fieldCode, d.channel,
      ],
    );
    if (inserted.length === 0) return;
    await this.record(em, d.dossierCode, 'open', null, 'received', SYSTEM, { at: now });
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
   * Takes a workflow action on a locked case: checks it against the table, moves the case, writes
   * the history row and the status event. Throws when the action is not open to this actor now.
   */
  private async transition(
    em: EntityManager,
    c: CaseEntity,
    action: CaseAction,
    actor: CaseActor,
    opts: { note?: string; documents?: unknown[]; causationId?: string; dueAt?: Date; at?: Date } = {},
  ): Promise<CaseEntity> {
    const check = checkTransition(c.status, action, actor.roles);
    if (!check.ok) {
      throw check.reason === 'not_allowed_now'
        ? CaseErrors.wrongState(c.dossierCode, c.status, action, check.allowedFrom, availableActions(c.status, actor.roles))
        : CaseErrors.notYourAction(action, check.allowedRoles);
    }
    const now = opts.at ?? new Date();
    c.status = check.to;
    c.nationalStatusCode = check.national;
    await em.update(CaseEntity, { id: c.id }, { status: c.status, nationalStatusCode: c.nationalStatusCode });
    await this.record(em, c.dossierCode, action, check.from, check.to, actor, { at: now, note: opts.note, documents: opts.documents });
    await this.outbox.add(
      em,
      createEvent(
        'dossier.status_changed',
        {
          dossierCode: c.dossierCode,
          status: check.to,
          nationalStatusCode: check.national,
          occurredAt: now.toISOString(),
          ...(opts.dueAt ? { dueAt: opts.dueAt.toISOString() } : {}),
          ...(opts.note ? { note: opts.note } : {}),
        },
        { source: 'processing', correlationId: c.dossierCode, causationId: opts.causationId ?? null },
      ),
    );
    return c;
  }

  private async record(
    em: EntityManager,
    dossierCode: string,
    action: string,
    from: CaseState | null,
    to: CaseState,
    actor: CaseActor,
    opts: { at: Date; note?: string; documents?: unknown[] },
  ): Promise<void> {
    await em.query(
      `INSERT INTO processing.case_transitions (dossier_code, action, from_state, to_state, actor_id, actor_roles, note, documents, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [dossierCode, action, from, to, actor.id, actor.roles, opts.note ?? null, JSON.stringify(opts.documents ?? []), opts.at],
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
    if (c.status === 'withdrawn') return;
    if (!checkTransition(c.status, 'withdraw', SYSTEM.roles).ok) {
      await this.outbox.add(
        em,
        createEvent(
          'dossier.status_changed',
          { dossierCode: code, status: c.status, nationalStatusCode: c.nationalStatusCode, occurredAt: new Date().toISOString(), note: 'withdrawal_refused_result_issued' },
          { source: 'processing', correlationId: code, causationId: event.id },
        ),
      );
      return;
    }
    await em.update(CaseEntity, { id: c.id }, { withdrawnAt: new Date(event.data.withdrawnAt) });
    await this.transition(em, c, 'withdraw', SYSTEM, { note: event.data.reason, causationId: event.id });
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
    const c = await em.findOneOrFail(CaseEntity, { where: { dossierCode: d.dossierCode }, lock: { mode: 'pessimistic_write' } });
    if (checkTransition(c.status, 'supplement_received', SYSTEM.roles).ok) {
      // The clock resumes: the due date moves by the working time it stood still.
      const now = new Date();
      const dueAt = c.dueAt && c.clockPausedAt ? this.calendars.calendar.resumeAfterPause(c.dueAt, c.clockPausedAt, now) : c.dueAt;
      await em.update(CaseEntity, { id: c.id }, { dueAt, clockPausedAt: null });
      c.dueAt = dueAt;
      await this.transition(em, c, 'supplement_received', SYSTEM, { documents: d.documents, causationId: event.id, dueAt: dueAt ?? undefined, at: now });
    }
  }

  /**
   * An officer's action on a case. The workflow table decides whether it is open to this officer
   * now; what the action needs (a reason, documents...) is checked here; its side effects (due
   * date, paused clock, events) happen in the same transaction as the transition.
   */
  async act(dossierCode: string, action: OfficerAction, officer: CaseActor, input: CaseActionDto = {}): Promise<CaseView> {
    if (!mayTake(action, officer.roles)) throw CaseErrors.notYourAction(action, CASE_ACTIONS[action].by);
    const missing = missingInputs(action, input);
    if (missing.length) throw CaseErrors.invalidInput(action, missing);
    return this.dataSource.transaction(async (em) => {
      const c = await this.lockCase(em, dossierCode);
      const now = new Date();
      const origin = { source: 'processing', correlationId: dossierCode };
      switch (action) {
        case 'accept': {
          const dueAt = c.processingTimeUnit === 'working_hours' ? this.calendars.calendar.addWorkingHours(now, c.processingTime) : this.calendars.calendar.addWorkingDays(now, Math.max(1, c.processingTime));
          await this.transition(em, c, action, officer, { dueAt, note: input.note });
          Object.assign(c, { acceptedAt: now, dueAt });
          await em.update(CaseEntity, { id: c.id }, { acceptedAt: now, dueAt });
          const events: AnyEventEnvelope[] = [createEvent('dossier.accepted', { dossierCode, acceptedAt: now.toISOString(), dueAt: dueAt.toISOString(), officerId: officer.id }, origin)];
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
                  ...(c.applicant?.name ? { payerName: c.applicant.name } : {}),
                },
                origin,
              ),
            );
          }
          await this.outbox.add(em, ...events);
          break;
        }
        case 'refuse':
        case 'reject':
          await this.transition(em, c, action, officer, { note: input.note });
          await this.outbox.add(
            em,
            createEvent('dossier.rejected', { dossierCode, stage: action === 'refuse' ? 'acceptance' : 'review', reason: input.note!, rejectedAt: now.toISOString() }, origin),
          );
          break;
        case 'assign':
          await this.transition(em, c, action, officer, { note: `assignee: ${input.assigneeId}` });
          c.assigneeId = input.assigneeId!;
          await em.update(CaseEntity, { id: c.id }, { assigneeId: c.assigneeId });
          break;
        case 'request_supplement': {
          await this.transition(em, c, action, officer, { note: input.note, at: now });
          // The legal clock stops until the applicant answers (resumed in recordSupplement).
          c.supplementRequests += 1;
          c.clockPausedAt = now;
          await em.update(CaseEntity, { id: c.id }, { supplementRequests: c.supplementRequests, clockPausedAt: now });
          await this.outbox.add(
            em,
            createEvent(
              'dossier.supplement_requested',
              { dossierCode, requestId: `${dossierCode}:supplement:${c.supplementRequests}`, reason: input.note!, items: input.items!, requestedAt: now.toISOString() },
              origin,
            ),
          );
          break;
        }
        case 'propose_result':
        case 'approve':
        case 'send_back':
        case 'stop':
          await this.transition(em, c, action, officer, { note: input.note, documents: input.documents });
          break;
        case 'issue_result': {
          const documents = input.documents!.map((d) => ({ name: d.name, sha256: d.sha256 }));
          await this.transition(em, c, action, officer, { documents, note: input.note });
          c.resultIssuedAt = now;
          await em.update(CaseEntity, { id: c.id }, { resultIssuedAt: now });
          await this.outbox.add(
            em,
            createEvent(
              'result.issued',
              {
                dossierCode,
                resultId: `${dossierCode}:result`,
                documents,
                deliveryMethod: c.deliveryMethod,
                ...(c.deliveryAddress ? { deliveryAddress: c.deliveryAddress } : {}),
                codAmount: c.paymentMethod === 'postal_cod' ? c.fee.amount : 0,
                issuedAt: now.toISOString(),
              },
              origin,
            ),
          );
          break;
        }
        case 'hand_over':
          // Collected at the office: the fee must be paid first (postal COD is collected by the postman instead).
          if (c.deliveryMethod !== 'office') throw CaseErrors.notAtOffice(dossierCode);
          if (c.fee.amount > 0 && !c.feePaidAt) throw CaseErrors.feeNotPaid(dossierCode, c.fee.amount);
          await this.transition(em, c, action, officer, { note: input.note });
          await this.complete(em, c, 'collected_at_office', now);
          break;
        default: {
          const never: never = action;
          throw new Error(`unhandled action ${String(never)}`);
        }
      }
      return toView(c);
    });
  }

  /**
   * An officer's queue: open cases in which one of the officer's roles can act now, most urgent
   * first; a specialist sees the cases assigned to them. Flags: overdue (the clock ran past the
   * due date) and due soon (due within the next two working days).
   */
  async queue(officer: CaseActor, limit = 200) {
    const states = (Object.keys(CASE_STATES) as CaseState[]).filter((st) => availableActions(st, officer.roles).length > 0);
    if (states.length === 0) return [];
    const onlyAssigned = officer.roles.includes('specialist') && !officer.roles.some((r) => r === 'leader' || r === 'reception');
    const cases = await this.dataSource.getRepository(CaseEntity).find({
      where: states.map((status) => ({ status, ...(onlyAssigned && status !== 'received' ? { assigneeId: officer.id } : {}) })),
      order: { dueAt: { direction: 'ASC', nulls: 'LAST' }, receivedAt: 'ASC' },
      take: limit,
    });
    const now = new Date();
    const soon = this.calendars.calendar.addWorkingDays(now, 2);
    return cases.map((c) => {
      const running = c.dueAt !== null && c.clockPausedAt === null;
      const overdue = running && c.dueAt! < now;
      return { ...toView(c), actions: availableActions(c.status, officer.roles), overdue, dueSoon: running && !overdue && c.dueAt! <= soon };
    });
  }

  /**
   * On delivery.delivered the case is finished (postal COD included: the postman collected the
   * fee); on delivery.returned, or a shipment cancelled before pick-up (the applicant will
   * collect it), the result waits at the office to be handed over there.
   */
  async recordDelivery(
    em: EntityManager,
    event: EventEnvelope<'delivery.delivered'> | EventEnvelope<'delivery.returned'> | EventEnvelope<'delivery.status_changed'>,
  ): Promise<void> {
    const code = event.data.dossierCode;
    const c = await em.findOne(CaseEntity, { where: { dossierCode: code }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw CaseErrors.notYetOpened(code);
    if (event.type !== 'delivery.delivered') {
      if (c.deliveryMethod === 'office') return;
      const [action, at] = event.type === 'delivery.returned' ? ['returned_to_office', event.data.returnedAt] : ['shipment_cancelled', event.data.occurredAt];
      c.deliveryMethod = 'office';
      await em.update(CaseEntity, { id: c.id }, { deliveryMethod: 'office' });
      await this.record(em, code, action, c.status, c.status, SYSTEM, { at: new Date(at) });
      return;
    }
    if (!checkTransition(c.status, 'delivered', SYSTEM.roles).ok) return; // already completed: a late copy
    const at = new Date(event.data.deliveredAt);
    if (c.paymentMethod === 'postal_cod' && event.data.codCollected >= c.fee.amount && !c.feePaidAt) {
      await em.update(CaseEntity, { id: c.id }, { feePaidAt: at });
    }
    await this.transition(em, c, 'delivered', SYSTEM, { causationId: event.id, at, note: `recipient: ${event.data.recipientName}` });
    await this.complete(em, c, 'delivered_by_post', at);
  }

  /** On payment.succeeded: the fee is paid, so the result may be handed over. */
  async recordPayment(em: EntityManager, event: EventEnvelope<'payment.succeeded'>): Promise<void> {
    const d = event.data;
    const c = await em.findOne(CaseEntity, { where: { dossierCode: d.dossierCode }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw CaseErrors.notYetOpened(d.dossierCode);
    if (d.feeId !== `${d.dossierCode}:fee` || c.feePaidAt) return;
    await em.update(CaseEntity, { id: c.id }, { feePaidAt: new Date(d.paidAt) });
  }

  /** The case is finished: early, on time or late against its due date, in Vietnam's days. */
  private async complete(em: EntityManager, c: CaseEntity, outcome: 'collected_at_office' | 'delivered_by_post', at: Date): Promise<void> {
    const day = (t: Date) => vietnamWallClock(t).slice(0, 10);
    const timeliness = !c.dueAt || day(at) === day(c.dueAt) ? 'on_time' : at < c.dueAt ? 'early' : 'late';
    const workingHours = c.acceptedAt ? Number(this.calendars.calendar.workingTimeBetween(c.acceptedAt, at).toFixed(2)) : null;
    Object.assign(c, { completedAt: at, timeliness, workingHours });
    await em.update(CaseEntity, { id: c.id }, { completedAt: at, timeliness, workingHours });
    await this.outbox.add(
      em,
      createEvent('dossier.completed', { dossierCode: c.dossierCode, outcome, timeliness, completedAt: at.toISOString() }, { source: 'processing', correlationId: c.dossierCode }),
    );
  }

  async nationalRecord(dossierCode: string) {
    const c = await this.dataSource.getRepository(CaseEntity).findOneBy({ dossierCode });
    if (!c) throw CaseErrors.notFound(dossierCode);
    return toNationalRecord(c);
  }

  /** The audit trail: every transition, oldest first. */
  async history(dossierCode: string) {
    await this.find(dossierCode);
    const rows = await this.dataSource.query(
      `SELECT action, from_state, to_state, actor_id, actor_roles, note, documents, at FROM processing.case_transitions
        WHERE dossier_code = $1 ORDER BY id`,
      [dossierCode],
    );
    return rows.map((r: Record<string, unknown>) => ({
      action: r.action,
      from: r.from_state,
      to: r.to_state,
      actor: { id: r.actor_id, roles: r.actor_roles },
      note: r.note,
      documents: r.documents,
      at: (r.at as Date).toISOString(),
    }));
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
    clockPaused: c.clockPausedAt !== null,
    assigneeId: c.assigneeId,
    fee: { amount: c.fee.amount, paid: c.feePaidAt !== null },
    completedAt: c.completedAt?.toISOString() ?? null,
    timeliness: c.timeliness,
  };
}
