import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@dvc/messaging';
import { CalendarService } from '../../calendar/calendar.service';
import type { CaseActor } from '../case-actor';
import { CaseErrors } from '../case.errors';
import { CaseRepository } from '../case.repository';
import { CaseTransitions } from '../case-transitions.service';
import { CaseActionDto } from '../dto/case-action.dto';
import { ResultsService } from '../results/results.service';
import { SlipIssuer } from '../slips/slip-issuer.service';
import { CaseView, toCaseView } from '../views/case-view';
import { CASE_ACTIONS, mayTake, missingInputs, OfficerAction } from '../workflow/case-workflow';
import { actionContext } from './action-handler';
import { OFFICER_ACTION_HANDLERS } from './officer-action-handlers';

/**
 * An officer's action on a case. The workflow table decides whether it is open to this officer
 * now; what the action needs (a reason, documents...) is checked here; the action's handler makes
 * its side effects (due date, paused clock, events) in the same transaction as the transition.
 */
@Injectable()
export class OfficerActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly transitions: CaseTransitions,
    private readonly outbox: OutboxWriter,
    private readonly calendars: CalendarService,
    private readonly results: ResultsService,
    private readonly slips: SlipIssuer,
  ) {}

  async act(
    dossierCode: string,
    action: OfficerAction,
    officer: CaseActor,
    input: CaseActionDto = {},
  ): Promise<CaseView> {
    if (!mayTake(action, officer.roles)) throw CaseErrors.notYourAction(action, CASE_ACTIONS[action].by);
    const missing = missingInputs(action, input);
    if (missing.length) throw CaseErrors.invalidInput(action, missing);
    return this.dataSource.transaction(async (em) => {
      const c = await this.cases.lock(em, dossierCode);
      if (!c) throw CaseErrors.notFound(dossierCode);
      const ctx = actionContext({
        em,
        case: c,
        action,
        officer,
        input,
        now: new Date(),
        origin: { source: 'processing', correlationId: dossierCode },
        cases: this.cases,
        transitions: this.transitions,
        outbox: this.outbox,
        calendar: this.calendars.calendar,
        results: this.results,
        slips: this.slips,
      });
      await OFFICER_ACTION_HANDLERS[action](ctx);
      return toCaseView(c);
    });
  }
}
