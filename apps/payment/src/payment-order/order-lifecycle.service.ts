import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@dvc/contracts';
import { PaymentErrors } from './payment-order.errors';
import { AWAITING, PAID } from './payment-order.record';
import { PaymentOrderRepository } from './payment-order.repository';
import { PaymentOrderService } from './payment-order.service';

/** What other services' events do to orders: COD collected, parcel returned, dossier rejected or withdrawn. */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly orders: PaymentOrderService,
    private readonly orderRows: PaymentOrderRepository,
  ) {}

  /**
   * The postman collected cash on delivery. The exact amount pays the order; any other amount
   * is flagged (kept on the order, in its history, in reconciliation) and pays nothing.
   */
  async codDelivered(em: EntityManager, event: EventEnvelope<'delivery.delivered'>): Promise<void> {
    const d = event.data;
    const all = await this.orders.lockByDossier(em, d.dossierCode);
    const cod = all.filter((o) => o.method === 'postal_cod');
    if (!all.length) {
      if (d.codCollected > 0) throw PaymentErrors.orderNotYetOpened(d.dossierCode);
      return;
    }
    const open = cod.find((o) => o.status === 'pending');
    if (!open) return; // nothing to collect (paid already, or not a COD dossier)
    if (d.codCollected === open.amount) {
      await this.orders.settle(em, open, {
        method: 'postal_cod',
        amount: d.codCollected,
        paidAt: new Date(d.deliveredAt),
        actor: 'postal-delivery',
        reason: `COD collected on delivery (shipment ${d.shipmentId})`,
        payerName: d.recipientName,
        causationId: event.id,
      });
      return;
    }
    await this.orderRows.flagCodMismatch(em, open.id, d.codCollected, new Date(d.deliveredAt));
    await this.orders.history(
      em,
      open.id,
      open.status,
      open.status,
      'COD amount mismatch: flagged, not paid',
      'postal-delivery',
      {
        shipmentId: d.shipmentId,
        collected: d.codCollected,
        due: open.amount,
      },
    );
    await this.orders.publishFailure(
      em,
      open,
      `COD amount mismatch: collected ${d.codCollected} VND, due ${open.amount} VND`,
    );
  }

  /** The parcel came back: the postman can no longer collect, so the cashier takes the fee at the counter. */
  async parcelReturned(em: EntityManager, event: EventEnvelope<'delivery.returned'>): Promise<void> {
    for (const o of await this.orders.lockByDossier(em, event.data.dossierCode)) {
      if (o.method !== 'postal_cod' || !AWAITING.includes(o.status)) continue;
      await this.orderRows.switchMethod(em, o.id, 'office');
      await this.orders.history(
        em,
        o.id,
        o.status,
        o.status,
        'parcel returned: payable at the counter',
        'postal-delivery',
        { shipmentId: event.data.shipmentId, method: { from: 'postal_cod', to: 'office' } },
      );
    }
  }

  /** Rejected: what was paid becomes refundable (and only then); what was not paid is cancelled. */
  async dossierRejected(em: EntityManager, event: EventEnvelope<'dossier.rejected'>): Promise<void> {
    for (const o of await this.orders.lockByDossier(em, event.data.dossierCode)) {
      if (PAID.includes(o.status) && o.status !== 'refunded' && !o.refundableSince) {
        await this.orderRows.markRefundable(em, o.id, new Date(event.data.rejectedAt));
        await this.orders.history(em, o.id, o.status, o.status, 'dossier rejected: refundable', 'processing', {
          stage: event.data.stage,
        });
      } else if (o.status === 'pending' || o.status === 'failed' || o.status === 'expired') {
        await this.orders.changeStatus(em, o, 'cancelled', 'dossier rejected', 'processing', {
          stage: event.data.stage,
        });
      }
    }
  }

  /** Withdrawn by the applicant: nothing more is to be paid. */
  async dossierWithdrawn(em: EntityManager, event: EventEnvelope<'dossier.withdrawn'>): Promise<void> {
    for (const o of await this.orders.lockByDossier(em, event.data.dossierCode)) {
      if (o.status === 'pending' || o.status === 'failed' || o.status === 'expired') {
        await this.orders.changeStatus(em, o, 'cancelled', 'dossier withdrawn', 'intake');
      }
    }
  }
}
