import type { EntityManager } from 'typeorm';
import { createEvent, type EventOrigin, type EventType, type PayloadOf } from '@dvc/contracts';
import type { OutboxWriter } from '@dvc/messaging';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { CaseActor } from '../case-actor';
import type { CaseRecord } from '../case.record';
import type { CaseRepository } from '../case.repository';
import type { CaseTransitions, TransitionOptions } from '../case-transitions.service';
import type { ResultsService } from '../results/results.service';
import type { SlipIssuer } from '../slips/slip-issuer.service';
import type { CaseActionDto } from '../dto/case-action.dto';
import type { OfficerAction } from '../workflow/case-workflow';

/** What a handler works with: the locked case, the officer's input, and the services it may call. */
export interface ActionContext {
  em: EntityManager;
  /** Locked for the transaction; the handler updates it in place so the answer shows the new state. */
  case: CaseRecord;
  action: OfficerAction;
  officer: CaseActor;
  input: CaseActionDto;
  now: Date;
  origin: EventOrigin;
  cases: CaseRepository;
  transitions: CaseTransitions;
  outbox: OutboxWriter;
  calendar: WorkingCalendar;
  /** issue_result's files: stamped, signed, stored and recorded in this transaction. */
  results: ResultsService;
  /** The one-stop slips the step issues (receipt, supplement request, refusal, apology), in this transaction. */
  slips: Pick<SlipIssuer, 'issue'>;
  /** The action's move by the workflow table, recorded in the history with these details. */
  move(details?: TransitionOptions): Promise<void>;
  /** An event caused by this action, written to the outbox in the action's transaction. */
  announce<T extends EventType>(type: T, data: PayloadOf<T>): Promise<void>;
}

/**
 * One officer action's side effects, in the action's transaction. The workflow table has already
 * allowed the action for this officer and its inputs are present; the handler makes the move
 * (ctx.move) and what goes with it.
 */
export type ActionHandler = (ctx: ActionContext) => Promise<void>;

/** The context a handler gets: `move` and `announce` bound to this action, case and transaction. */
export function actionContext(base: Omit<ActionContext, 'move' | 'announce'>): ActionContext {
  return {
    ...base,
    move: async (details) =>
      void (await base.transitions.transition(base.em, base.case, base.action, base.officer, details)),
    announce: (type, data) => base.outbox.add(base.em, createEvent(type, data, base.origin)),
  };
}
