import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope } from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import { SYSTEM } from '../case-actor';
import { CaseRepository } from '../case.repository';
import { CaseTransitions } from '../case-transitions.service';
import { FilingRepository } from '../filing/filing.repository';

/** A case per submitted dossier, received and waiting for the one-stop desk. */
@Injectable()
export class CaseOpeningService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly transitions: CaseTransitions,
    private readonly outbox: OutboxWriter,
    private readonly filings: FilingRepository,
  ) {}

  /** On dossier.submitted; runs in the consumer's inbox transaction. */
  async open(em: EntityManager, event: EventEnvelope<'dossier.submitted'>): Promise<void> {
    const d = event.data;
    const now = new Date();
    const opened = await this.cases.openIfNew(em, {
      dossierCode: d.dossierCode,
      procedureCode: d.procedureCode,
      procedureVersion: d.procedureVersion,
      level: d.level,
      processingTime: d.processingTime,
      processingTimeUnit: d.processingTimeUnit,
      paymentMethod: d.paymentMethod,
      deliveryMethod: d.deliveryMethod,
      deliveryAddress: d.deliveryAddress ?? null,
      fee: d.fee,
      submittedAt: new Date(d.submittedAt),
      receivedAt: now,
      applicant: d.applicant,
      procedureName: d.procedureName,
      fieldCode: d.fieldCode,
      channel: d.channel,
    });
    if (!opened) return;
    // The dossier as filed, for the officers who read it; events from before it was carried have none.
    await this.filings.addFiling(em, {
      dossierCode: d.dossierCode,
      declaration: d.declaration ?? [],
      documents: d.documents ?? [],
      filedAt: new Date(d.submittedAt),
    });
    await this.transitions.recordStep(em, d.dossierCode, 'open', null, 'received', SYSTEM, { at: now });
    await this.outbox.add(
      em,
      createEvent(
        'dossier.status_changed',
        { dossierCode: d.dossierCode, status: 'received', nationalStatusCode: 1, occurredAt: now.toISOString() },
        { source: 'processing', correlationId: d.dossierCode, causationId: event.id },
      ),
    );
  }
}
