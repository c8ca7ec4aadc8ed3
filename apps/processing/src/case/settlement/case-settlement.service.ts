import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { CalendarService } from '../../calendar/calendar.service';
import { SYSTEM } from '../case-actor';
import { CaseErrors } from '../case.errors';
import type { CaseRecord } from '../case.record';
import { CaseRepository } from '../case.repository';
import { CaseTransitions } from '../case-transitions.service';
import { FilingRepository } from '../filing/filing.repository';
import { checkTransition } from '../workflow/case-workflow';

export type DeliveryEvent =
  EventEnvelope<'delivery.delivered'> | EventEnvelope<'delivery.returned'> | EventEnvelope<'delivery.status_changed'>;

/**
 * What other services tell a case, each in the consumer's inbox transaction: the applicant's
 * withdrawal and supplement (from intake), the fee's payment, and the result's delivery.
 */
@Injectable()
export class CaseSettlementService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly transitions: CaseTransitions,
    private readonly outbox: OutboxWriter,
    private readonly calendars: CalendarService,
    private readonly filings: FilingRepository,
  ) {}

  /**
   * On dossier.withdrawn: a case without a result stops as withdrawn (national code 7). Once the
   * result is issued the withdrawal comes too late; the case keeps its course and says so.
   */
  async withdraw(em: EntityManager, event: EventEnvelope<'dossier.withdrawn'>): Promise<void> {
    const code = event.data.dossierCode;
    const c = await this.lockOpened(em, code);
    if (c.status === 'withdrawn') return;
    if (!checkTransition(c.status, 'withdraw', SYSTEM.roles).ok) {
      await this.outbox.add(
        em,
        createEvent(
          'dossier.status_changed',
          {
            dossierCode: code,
            status: c.status,
            nationalStatusCode: c.nationalStatusCode,
            occurredAt: new Date().toISOString(),
            note: 'withdrawal_refused_result_issued',
          },
          { source: 'processing', correlationId: code, causationId: event.id },
        ),
      );
      return;
    }
    await this.cases.setWithdrawn(em, c.id, new Date(event.data.withdrawnAt));
    await this.transitions.transition(em, c, 'withdraw', SYSTEM, { note: event.data.reason, causationId: event.id });
  }

  /**
   * On dossier.supplemented: the documents are kept with the case and, when the case waits for
   * them, the clock paused by the officer's supplement request resumes.
   */
  async recordSupplement(em: EntityManager, event: EventEnvelope<'dossier.supplemented'>): Promise<void> {
    const d = event.data;
    if (!(await this.cases.exists(em, d.dossierCode))) throw CaseErrors.notYetOpened(d.dossierCode);
    await this.cases.addSupplement(em, {
      requestId: d.requestId,
      dossierCode: d.dossierCode,
      documents: d.documents,
      supplementedAt: new Date(d.supplementedAt),
    });
    await this.filings.addSupplementFiles(em, {
      dossierCode: d.dossierCode,
      requestId: d.requestId,
      files: d.files ?? [],
      filedAt: new Date(d.supplementedAt),
    });
    const c = await this.lockOpened(em, d.dossierCode);
    if (checkTransition(c.status, 'supplement_received', SYSTEM.roles).ok) {
      // The due date moves by the working time the clock stood still.
      const now = new Date();
      await this.resumeClock(em, c, now);
      await this.transitions.transition(em, c, 'supplement_received', SYSTEM, {
        documents: d.documents,
        causationId: event.id,
        dueAt: c.dueAt ?? undefined,
        at: now,
      });
    }
  }

  /**
   * On payment.succeeded: the fee is paid, so the result may be handed over; a case that waited
   * for it (awaiting_payment, national code 6) is accepted now and its legal clock starts: the due
   * date set at acceptance moves later by the working time the clock stood still, as after a
   * supplement.
   */
  async recordPayment(em: EntityManager, event: EventEnvelope<'payment.succeeded'>): Promise<void> {
    const d = event.data;
    const c = await this.lockOpened(em, d.dossierCode);
    if (d.feeId !== `${d.dossierCode}:fee` || c.feePaidAt) return;
    await this.cases.setFeePaid(em, c.id, new Date(d.paidAt));
    c.feePaidAt = new Date(d.paidAt);
    if (checkTransition(c.status, 'payment_received', SYSTEM.roles).ok) {
      const now = new Date();
      await this.resumeClock(em, c, now);
      await this.transitions.transition(em, c, 'payment_received', SYSTEM, {
        causationId: event.id,
        dueAt: c.dueAt ?? undefined,
        at: now,
      });
    }
  }

  /** The clock paused by a supplement request or a fee due first runs again; the due date moves by the paused working time. */
  private async resumeClock(em: EntityManager, c: CaseRecord, now: Date): Promise<void> {
    const dueAt =
      c.dueAt && c.clockPausedAt ? this.calendars.calendar.resumeAfterPause(c.dueAt, c.clockPausedAt, now) : c.dueAt;
    await this.cases.resumeClock(em, c.id, dueAt);
    Object.assign(c, { dueAt, clockPausedAt: null });
  }

  /**
   * On delivery.delivered the case is finished (postal COD included: the postman collected the
   * fee); on delivery.returned, or a shipment cancelled before pick-up (the applicant will
   * collect it), the result waits at the office to be handed over there.
   */
  async recordDelivery(em: EntityManager, event: DeliveryEvent): Promise<void> {
    const code = event.data.dossierCode;
    const c = await this.lockOpened(em, code);
    if (event.type !== 'delivery.delivered') {
      if (c.deliveryMethod === 'office') return;
      const [action, at] =
        event.type === 'delivery.returned'
          ? ['returned_to_office', event.data.returnedAt]
          : ['shipment_cancelled', event.data.occurredAt];
      c.deliveryMethod = 'office';
      await this.cases.setCollectAtOffice(em, c.id);
      await this.transitions.recordStep(em, code, action, c.status, c.status, SYSTEM, { at: new Date(at) });
      return;
    }
    if (!checkTransition(c.status, 'delivered', SYSTEM.roles).ok) return; // already completed: a late copy
    const at = new Date(event.data.deliveredAt);
    if (c.paymentMethod === 'postal_cod' && event.data.codCollected >= c.fee.amount && !c.feePaidAt) {
      await this.cases.setFeePaid(em, c.id, at);
    }
    await this.transitions.transition(em, c, 'delivered', SYSTEM, {
      causationId: event.id,
      at,
      note: `recipient: ${event.data.recipientName}`,
    });
    await this.transitions.complete(em, c, 'delivered_by_post', at);
  }

  /** Events may overtake the dossier.submitted that opens the case: then the consumer retries later. */
  private async lockOpened(em: EntityManager, dossierCode: string): Promise<CaseRecord> {
    const c = await this.cases.lock(em, dossierCode);
    if (!c) throw CaseErrors.notYetOpened(dossierCode);
    return c;
  }
}
