import { Inject, Injectable } from '@nestjs/common';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.tokens';
import { OutboxRelay } from './outbox/outbox.relay';
import type { EventBusServer } from './consumer/event-bus.server';

/** Whether this process can reach the broker, for readiness: its relay and its consumer. */
@Injectable()
export class EventBusStatus {
  private consumer?: EventBusServer;

  constructor(
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  attachConsumer(consumer: EventBusServer): void {
    this.consumer = consumer;
  }

  report(): { consumer: boolean; relay: boolean | 'disabled' } {
    return {
      consumer: this.consumer?.connected ?? false,
      relay: this.options.relayEnabled ? this.relay.brokerConnected : 'disabled',
    };
  }

  get healthy(): boolean {
    const r = this.report();
    return r.consumer && r.relay !== false;
  }
}
