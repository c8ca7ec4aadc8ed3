import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';

/** Keeps intake's view of each dossier up to date from processing's events (the citizen lookup reads it). */
@Injectable()
export class DossierReadModelService {
  /**
   * Every status goes into the history; the current status only moves forward in time, because
   * events may arrive out of order (retries, several relays).
   */
  async applyStatusChange(em: EntityManager, event: EventEnvelope<'dossier.status_changed'>): Promise<void> {
    const d = event.data;
    await em.query(
      `INSERT INTO intake.dossier_status_history (event_id, dossier_code, status, national_status_code, occurred_at, due_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, d.dossierCode, d.status, d.nationalStatusCode, d.occurredAt, d.dueAt ?? null, d.note ?? null],
    );
    await em.query(
      `UPDATE intake.dossiers
          SET status = $2, national_status_code = $3, status_changed_at = $4, due_at = COALESCE($5, due_at)
        WHERE code = $1 AND status_changed_at <= $4`,
      [d.dossierCode, d.status, d.nationalStatusCode, d.occurredAt, d.dueAt ?? null],
    );
  }

  /** Processing asked for more documents: the portal may now answer this request. */
  async recordSupplementRequest(em: EntityManager, event: EventEnvelope<'dossier.supplement_requested'>): Promise<void> {
    const d = event.data;
    await em.query(
      `INSERT INTO intake.supplement_requests (request_id, dossier_code, reason, items, requested_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING`,
      [d.requestId, d.dossierCode, d.reason, JSON.stringify(d.items), d.requestedAt],
    );
  }

  /** The postal partner reported a step: the lookup lists every step, so the parcel can be followed. */
  async recordDeliveryStatus(em: EntityManager, event: EventEnvelope<'delivery.status_changed'>): Promise<void> {
    const d = event.data;
    await em.query(
      `INSERT INTO intake.delivery_status_history (event_id, dossier_code, shipment_id, status, occurred_at, note)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, d.dossierCode, d.shipmentId, d.status, d.occurredAt, d.note ?? null],
    );
  }
}
