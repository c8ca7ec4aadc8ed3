import {
  BeforeApplicationShutdown,
  DynamicModule,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventBusStatus } from './event-bus.status';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.tokens';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';

/** Starts the relay with the application and stops it before the database pool closes. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.options.relayEnabled) this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Module({})
export class MessagingModule {
  /** Needs a TypeORM DataSource in the application (TypeOrmModule.forRoot...). */
  static forService(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        { provide: OutboxWriter, useValue: new OutboxWriter(options.schema) },
        {
          provide: OutboxRelay,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new OutboxRelay({
              dataSource,
              schema: options.schema,
              amqpUrl: options.amqpUrl,
              namespace: options.namespace,
              batchSize: options.outboxBatchSize,
              pollIntervalMs: options.outboxPollIntervalMs,
              name: `${options.service}:outbox-relay`,
            }),
        },
        OutboxRelayLifecycle,
        EventBusStatus,
      ],
      exports: [MESSAGING_OPTIONS, OutboxWriter, OutboxRelay, EventBusStatus],
    };
  }
}
