import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createEvent } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { vietnamWallClock } from '@dvc/kernel';
import { CalendarService } from '../calendar/calendar.service';
import type { CaseActor } from './case-actor';
import { CaseErrors } from './case.errors';
import type { CaseRecord } from './case.record';
import { CaseRepository } from './case.repository';
import { availableActions, CaseAction, CaseFacts, CaseState, checkTransition } from './workflow/case-workflow';

export interface TransitionOptions {
  note?: string;
  documents?: unknown[];
  causationId?: string;
  /** The due date the citizen is told with the status (dossier.status_changed). */
  dueAt?: Date;
  at?: Date;
  /** What decides the target state beyond the case's state (accept with a fee due first). */
  facts?: CaseFacts;
  /** Kept with the history row (e.g. an apology's previous and new return dates). */
  details?: Record<string, string>;
}

/**
 * Moves a locked case through the workflow table (case-workflow.ts): every move is recorded as an
 * append-only history row and announced as dossier.status_changed with its national code, in the
 * caller's transaction.
 */
@Injectable()
export class CaseTransitions {
  constructor(
    private readonly cases: CaseRepository,
    private readonly outbox: OutboxWriter,
    private readonly calendars: CalendarService,
  ) {}

  /**
   * Takes a workflow action on a locked case: checks it against the table, moves the case, writes
   * the history row and the status event. Throws when the action is not open to this actor now.
   */
  async transition(
    em: EntityManager,
    c: CaseRecord,
    action: CaseAction,
    actor: CaseActor,
    opts: TransitionOptions = {},
  ): Promise<CaseRecord> {
    const check = checkTransition(c.status, action, actor.roles, opts.facts);
    if (!check.ok) {
      throw check.reason === 'not_allowed_now'
        ? CaseErrors.wrongState(
            c.dossierCode,
            c.status,
            action,
            check.allowedFrom,
            availableActions(c.status, actor.roles),
          )
        : CaseErrors.notYourAction(action, check.allowedRoles);
    }
    const now = opts.at ?? new Date();
    c.status = check.to;
    c.nationalStatusCode = check.national;
    await this.cases.setStatus(em, c.id, c.status, c.nationalStatusCode);
    await this.recordStep(em, c.dossierCode, action, check.from, check.to, actor, {
      at: now,
      note: opts.note,
      documents: opts.documents,
      details: opts.details,
    });
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

  /** A history row; also for steps that keep the state (the case's opening, a result sent back to the office). */
  async recordStep(
    em: EntityManager,
    dossierCode: string,
    action: string,
    from: CaseState | null,
    to: CaseState,
    actor: CaseActor,
    opts: { at: Date; note?: string; documents?: unknown[]; details?: Record<string, string> },
  ): Promise<void> {
    await this.cases.addTransition(em, dossierCode, {
      action,
      from,
      to,
      actorId: actor.id,
      actorRoles: [...actor.roles],
      note: opts.note ?? null,
      documents: opts.documents ?? [],
      ...(opts.details ? { details: opts.details } : {}),
      at: opts.at,
    });
  }

  /** The case is finished: early, on time or late against its due date, in Vietnam's days. */
  async complete(
    em: EntityManager,
    c: CaseRecord,
    outcome: 'collected_at_office' | 'delivered_by_post',
    at: Date,
  ): Promise<void> {
    const day = (t: Date) => vietnamWallClock(t).slice(0, 10);
    const timeliness = !c.dueAt || day(at) === day(c.dueAt) ? 'on_time' : at < c.dueAt ? 'early' : 'late';
    const workingHours = c.acceptedAt
      ? Number(this.calendars.calendar.workingTimeBetween(c.acceptedAt, at).toFixed(2))
      : null;
    Object.assign(c, { completedAt: at, timeliness, workingHours });
    await this.cases.setCompleted(em, c.id, { completedAt: at, timeliness, workingHours });
    await this.outbox.add(
      em,
      createEvent(
        'dossier.completed',
        { dossierCode: c.dossierCode, outcome, timeliness, completedAt: at.toISOString() },
        { source: 'processing', correlationId: c.dossierCode },
      ),
    );
  }
}
