import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG, EventType, PayloadOf } from './registry';

/**
 * What travels on the bus. `id` is also the AMQP messageId and the inbox key;
 * `correlationId` is the dossier code, so one dossier can be followed across services.
 */
export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  source: string;
  correlationId: string;
  causationId: string | null;
  data: PayloadOf<T>;
}

/** The discriminated union of all envelopes, keyed by `type`. */
export type AnyEventEnvelope = { [T in EventType]: EventEnvelope<T> }[EventType];

export interface EventOrigin {
  source: string;
  correlationId: string;
  /** The event or request that caused this one, when there is one. */
  causationId?: string | null;
}

export function createEvent<T extends EventType>(type: T, data: PayloadOf<T>, origin: EventOrigin): EventEnvelope<T> {
  return {
    id: randomUUID(),
    type,
    version: EVENT_CATALOG[type].version,
    occurredAt: new Date().toISOString(),
    source: origin.source,
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    data,
  };
}
