import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AddressInput, checkAddress } from '@dvc/address';
import {
  AnyEventEnvelope,
  createEvent,
  EventEnvelope,
  PartnerDeliveryCancelledMessage,
  PartnerDeliveryRequestedMessage,
  PartnerFeedMessage,
  PostalAddress,
  POSTAL_PARTNER,
  ShipmentStatus,
} from '@dvc/contracts';
import { OutboxWriter } from '@dvc/messaging';
import type { Officer } from '@dvc/auth';
import { PostalDeliveryConfig } from '../config/postal-delivery.config';
import { ShipmentErrors } from './shipment.errors';
import type { Shipment, ShipmentAddressCheck } from './shipment.record';
import { type NewStep, ShipmentRepository } from './shipment.repository';
import { checkStep, SHIPMENT_STATES } from './workflow/shipment-workflow';

export interface ShipmentView {
  id: string;
  dossierCode: string;
  resultId: string;
  /** As the applicant wrote it; the partner gets the province's official name (addressCheck). */
  receiver: PostalAddress;
  codAmount: number;
  status: ShipmentStatus;
  statusText: { vi: string; en: string };
  serviceLevel: string;
  addressCheck: ShipmentAddressCheck;
  needsAddressFix: boolean;
  /** When the request went to the partner's feed (null while the address waits for a fix). */
  requestedAt: string | null;
  failedAttempts: number;
  recipientName: string | null;
  cod: { amount: number; collected: number | null; mismatch: boolean; settledAt: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface HistoryView {
  from: ShipmentStatus | null;
  to: ShipmentStatus;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  details: Record<string, unknown>;
}

const SOURCE = 'postal-delivery';

/**
 * Shipments of results sent by post: one per result, announced to the partner's own feed through
 * the outbox, moved only by the steps of the workflow table, each step an append-only history row
 * and a delivery.status_changed on the internal bus, in the same transaction.
 */
@Injectable()
export class ShipmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ShipmentRepository,
    private readonly outbox: OutboxWriter,
    private readonly config: PostalDeliveryConfig,
  ) {}

  /** On result.issued, in the consumer's inbox transaction; a result collected at the office needs no shipment. */
  async openShipment(em: EntityManager, event: EventEnvelope<'result.issued'>): Promise<void> {
    const d = event.data;
    if (d.deliveryMethod !== 'postal' || !d.deliveryAddress) return;
    const check = addressCheckOf(d.deliveryAddress);
    const id = randomUUID();
    const now = new Date();
    const parcel = {
      documents: d.documents,
      weightClass: d.documents.length > 5 ? 'document_under_500g' : 'document_under_100g',
    } as const;
    const sender = this.sender();
    const ready = check.status !== 'needs_fix';
    // The unique result_id keeps exactly one shipment per result whatever the bus does.
    const inserted = await this.repo.insertIfNew(em, {
      id,
      resultId: d.resultId,
      dossierCode: d.dossierCode,
      receiver: d.deliveryAddress,
      documents: d.documents,
      codAmount: d.codAmount,
      sender,
      parcel,
      serviceLevel: this.config.POSTAL_SERVICE_LEVEL,
      addressCheck: check,
      needsAddressFix: !ready,
      requestedAt: ready ? now : null,
      createdAt: now,
    });
    if (!inserted) return;
    await this.recordStep(em, {
      shipmentId: id,
      from: null,
      to: 'created',
      occurredAt: now,
      actor: 'system',
      details: { addressCheck: check.status },
    });
    await this.outbox.add(
      em,
      this.statusChanged(
        id,
        d.dossierCode,
        'created',
        now,
        event.id,
        check.status === 'needs_fix' ? 'address needs a fix before sending' : undefined,
      ),
    );
    if (ready)
      await this.publishToPartner(
        em,
        this.deliveryRequest(id, d.dossierCode, d.deliveryAddress, check, d.documents, d.codAmount, now, event.id),
      );
  }

  /** On payment.succeeded: cash the postman collected is settled once payment accepts it. */
  async settleCod(em: EntityManager, event: EventEnvelope<'payment.succeeded'>): Promise<void> {
    const d = event.data;
    if (d.method !== 'postal_cod') return;
    await this.repo.settleCod(em, d.dossierCode, d.paidAt, d.paymentOrderId);
  }

  /** An officer cancels before pick-up (the applicant will collect at the office). */
  async cancel(id: string, officer: Officer, reason: string): Promise<ShipmentView> {
    await this.dataSource.transaction(async (em) => {
      const s = await this.lock(em, id);
      if (!checkStep(s.status, 'cancelled', 'officer').ok) throw ShipmentErrors.cannotCancel(id, s.status);
      const now = new Date();
      await this.repo.markCancelled(em, id);
      await this.recordStep(em, {
        shipmentId: id,
        from: s.status,
        to: 'cancelled',
        occurredAt: now,
        actor: `officer:${officer.id}`,
        details: { reason },
      });
      await this.outbox.add(em, this.statusChanged(id, s.dossierCode, 'cancelled', now, null, reason));
      // The partner only hears of a parcel it was asked to carry.
      if (s.requestedAt) {
        const message: PartnerDeliveryCancelledMessage = feedEnvelope('delivery.cancelled', s.dossierCode, null, {
          shipmentId: id,
          orderNumber: s.dossierCode,
          reason,
          cancelledAt: now.toISOString(),
        });
        await this.publishToPartner(em, message);
      }
    });
    return this.view(id);
  }

  /** An officer corrects an address the check could not place; the request then goes to the partner. */
  async fixAddress(id: string, officer: Officer, address: PostalAddress): Promise<ShipmentView> {
    const check = addressCheckOf(address);
    if (check.status === 'needs_fix') throw ShipmentErrors.addressInvalid(check.errors);
    await this.dataSource.transaction(async (em) => {
      const s = await this.lock(em, id);
      if (s.requestedAt || s.status !== 'created') throw ShipmentErrors.addressFixNotNeeded(id, s.status);
      const now = new Date();
      const documents = await this.repo.fixAddress(em, id, address, check, now);
      await this.recordStep(em, {
        shipmentId: id,
        from: 'created',
        to: 'created',
        occurredAt: now,
        actor: `officer:${officer.id}`,
        details: { addressFixed: true },
      });
      await this.publishToPartner(
        em,
        this.deliveryRequest(id, s.dossierCode, address, check, documents, s.codAmount, now, null),
      );
    });
    return this.view(id);
  }

  /** Locks the shipment for an update; 404 when there is none. */
  async lock(em: EntityManager, id: string): Promise<Shipment> {
    const s = await this.repo.lock(em, id);
    if (!s) throw ShipmentErrors.notFound(id);
    return s;
  }

  /** A step's append-only history row (details default to none). */
  recordStep(em: EntityManager, step: Omit<NewStep, 'details'> & { details?: Record<string, unknown> }): Promise<void> {
    return this.repo.appendStep(em, { ...step, details: step.details ?? {} });
  }

  /** The states a shipment has been in (for judging late reports). */
  reached(em: EntityManager, id: string): Promise<ShipmentStatus[]> {
    return this.repo.reached(em, id);
  }

  statusChanged(
    id: string,
    dossierCode: string,
    status: ShipmentStatus,
    at: Date,
    causationId: string | null,
    note?: string,
  ): AnyEventEnvelope {
    return createEvent(
      'delivery.status_changed',
      { shipmentId: id, dossierCode, status, occurredAt: at.toISOString(), ...(note ? { note } : {}) },
      { source: SOURCE, correlationId: dossierCode, causationId },
    );
  }

  publishToPartner(em: EntityManager, message: PartnerFeedMessage): Promise<void> {
    return this.outbox.addTo(em, POSTAL_PARTNER.FEED_EXCHANGE, message);
  }

  async findByDossier(dossierCode: string): Promise<ShipmentView[]> {
    return (await this.repo.findByDossier(dossierCode)).map(toView);
  }

  /** Shipments whose province could not be placed: officers correct them. */
  async needingAddressFix(): Promise<ShipmentView[]> {
    return (await this.repo.needingAddressFix(500)).map(toView);
  }

  async view(id: string): Promise<ShipmentView> {
    const s = await this.repo.find(id);
    if (!s) throw ShipmentErrors.notFound(id);
    return toView(s);
  }

  async history(id: string): Promise<HistoryView[]> {
    await this.view(id);
    const rows = await this.repo.history(id);
    return rows.map((h) => ({
      from: h.from,
      to: h.to,
      occurredAt: h.occurredAt.toISOString(),
      recordedAt: h.recordedAt.toISOString(),
      actor: h.actor,
      details: h.details,
    }));
  }

  private sender() {
    const c = this.config;
    return {
      name: c.POSTAL_SENDER_NAME,
      phone: c.POSTAL_SENDER_PHONE,
      street: c.POSTAL_SENDER_STREET,
      ward: c.POSTAL_SENDER_WARD,
      province: c.POSTAL_SENDER_PROVINCE,
    };
  }

  private deliveryRequest(
    id: string,
    dossierCode: string,
    receiver: PostalAddress,
    check: ShipmentAddressCheck & { province?: string },
    documents: PartnerDeliveryRequestedMessage['data']['parcel']['documents'],
    codAmount: number,
    at: Date,
    causationId: string | null,
  ): PartnerDeliveryRequestedMessage {
    return feedEnvelope('delivery.requested', dossierCode, causationId, {
      shipmentId: id,
      orderNumber: dossierCode,
      dossierCode,
      sender: this.sender(),
      receiver: { ...receiver, province: check.province ?? receiver.province },
      parcel: { documents, weightClass: documents.length > 5 ? 'document_under_500g' : 'document_under_100g' },
      codAmount,
      serviceLevel: this.config.POSTAL_SERVICE_LEVEL,
      requestedAt: at.toISOString(),
    });
  }
}

/** The address check kept on the shipment; `province` is the official name when it was found. */
export function addressCheckOf(address: AddressInput): ShipmentAddressCheck & { province?: string } {
  const result = checkAddress(address);
  if (!result.ok)
    return {
      status: 'needs_fix',
      provinceAsWritten: address.province,
      warnings: result.warnings,
      errors: result.errors,
    };
  const mapped = result.warnings.length > 0;
  return {
    status: mapped ? 'mapped' : 'ok',
    province: result.address.province,
    ...(mapped ? { provinceAsWritten: address.province } : {}),
    warnings: result.warnings,
    errors: [],
  };
}

function feedEnvelope<M extends PartnerFeedMessage>(
  type: M['type'],
  dossierCode: string,
  causationId: string | null,
  data: M['data'],
): M {
  return {
    id: randomUUID(),
    type,
    version: 1,
    occurredAt: new Date().toISOString(),
    source: SOURCE,
    correlationId: dossierCode,
    causationId,
    data,
  } as M;
}

function toView(s: Shipment): ShipmentView {
  return {
    id: s.id,
    dossierCode: s.dossierCode,
    resultId: s.resultId,
    receiver: s.receiver,
    codAmount: s.codAmount,
    status: s.status,
    statusText: { vi: SHIPMENT_STATES[s.status].vi, en: SHIPMENT_STATES[s.status].en },
    serviceLevel: s.serviceLevel,
    addressCheck: s.addressCheck,
    needsAddressFix: s.needsAddressFix,
    requestedAt: s.requestedAt?.toISOString() ?? null,
    failedAttempts: s.failedAttempts,
    recipientName: s.recipientName,
    cod: {
      amount: s.codAmount,
      collected: s.codCollected,
      mismatch: s.codMismatch,
      settledAt: s.codSettledAt?.toISOString() ?? null,
    },
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
