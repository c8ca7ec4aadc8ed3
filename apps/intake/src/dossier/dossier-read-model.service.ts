import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';
import { DossierRepository } from './dossier.repository';

/** Keeps intake's view of each dossier up to date from processing's events (the citizen lookup reads it). */
@Injectable()
export class DossierReadModelService {
  constructor(private readonly dossiers: DossierRepository) {}

  /**
   * Every status goes into the history; the current status only moves forward in time, because
   * events may arrive out of order (retries, several relays).
   */
  async applyStatusChange(em: EntityManager, event: EventEnvelope<'dossier.status_changed'>): Promise<void> {
    const d = event.data;
    const change = {
      eventId: event.id,
      dossierCode: d.dossierCode,
      status: d.status,
      nationalStatusCode: d.nationalStatusCode,
      occurredAt: d.occurredAt,
      dueAt: d.dueAt ?? null,
      note: d.note ?? null,
    };
    await this.dossiers.addStatusToHistory(em, change);
    await this.dossiers.advanceStatus(em, change);
  }

  /** Processing asked for more documents: the portal may now answer this request. */
  async recordSupplementRequest(
    em: EntityManager,
    event: EventEnvelope<'dossier.supplement_requested'>,
  ): Promise<void> {
    const d = event.data;
    await this.dossiers.addSupplementRequest(em, {
      requestId: d.requestId,
      dossierCode: d.dossierCode,
      reason: d.reason,
      items: d.items,
      requestedAt: d.requestedAt,
    });
  }

  /** The postal partner reported a step: the lookup lists every step, so the parcel can be followed. */
  async recordDeliveryStatus(em: EntityManager, event: EventEnvelope<'delivery.status_changed'>): Promise<void> {
    const d = event.data;
    await this.dossiers.addDeliveryStep(em, {
      eventId: event.id,
      dossierCode: d.dossierCode,
      shipmentId: d.shipmentId,
      status: d.status,
      occurredAt: d.occurredAt,
      note: d.note ?? null,
    });
  }
}
