import {
  Controller,
  INestApplication,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, EventEnvelope, QUEUES, ROUTING_KEYS, ServiceName } from '@dvc/contracts';
import {
  BusContext,
  attachEventBus,
  EventBusServer,
  messagingTablesV1,
  OutboxRelay,
  OutboxWriter,
} from '@dvc/messaging';
import { adminTestDbUrl, testConfig } from './test-env.config';

/**
 * A throw-away schema with the real outbox/inbox tables (created by the real migration helper),
 * a `business` table standing for a service's own rows and an `effects` table where the test
 * consumer records every side effect it applies. `effects` has no unique key on purpose: a
 * double effect shows up as two rows.
 */
export async function createMessagingSchema(): Promise<{ ds: DataSource; schema: string }> {
  const schema = `mt_${randomUUID().slice(0, 8)}`;
  const ds = new DataSource({ type: 'postgres', url: adminTestDbUrl(), synchronize: false, extra: { max: 12 } });
  await ds.initialize();
  await ds.query(`CREATE SCHEMA "${schema}"`);
  const qr = ds.createQueryRunner();
  await messagingTablesV1.up(qr, schema);
  await qr.release();
  await ds.query(`CREATE TABLE "${schema}".business (id uuid PRIMARY KEY, note text)`);
  await ds.query(
    `CREATE TABLE "${schema}".effects (event_id uuid NOT NULL, dossier_code text NOT NULL, consumer_tag text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
  // One row a test holds locked from another connection, for a handler to wait on ("lock").
  await ds.query(`CREATE TABLE "${schema}".locks (name text PRIMARY KEY)`);
  await ds.query(`INSERT INTO "${schema}".locks (name) VALUES ('held')`);
  return { ds, schema };
}

export async function dropMessagingSchema(ds: DataSource, schema: string): Promise<void> {
  await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await ds.destroy();
}

/**
 * `reason` tells the test consumer how to behave: "ok", "throw" (transient), "permanent", and
 * after writing its effect: "hang" (never resolves), "sleep" (waits in pg_sleep for an hour),
 * "lock" (waits for the `locks` row 'held', which a test keeps locked from another connection),
 * "late" (waits LATE_HANDLER_MS in JavaScript, then writes a second effect and returns).
 */
export type TestBehaviour = 'ok' | 'throw' | 'permanent' | 'hang' | 'sleep' | 'lock' | 'late';

/** How long a "late" handler takes before it writes a second effect and returns. */
export const LATE_HANDLER_MS = 1500;

export function withdrawnEvent(n: number, reason: TestBehaviour = 'ok'): EventEnvelope<'dossier.withdrawn'> {
  const dossierCode = `T.EST-261128-${String(n).padStart(6, '0')}`;
  return createEvent(
    'dossier.withdrawn',
    { dossierCode, reason, withdrawnAt: new Date().toISOString() },
    { source: 'test', correlationId: dossierCode },
  );
}

/** Commits a business row and its events in one transaction, as a service does. */
export async function produce(
  ds: DataSource,
  schema: string,
  events: EventEnvelope[],
  opts: { failAfterWrite?: boolean } = {},
): Promise<void> {
  const writer = new OutboxWriter(schema);
  await ds.transaction(async (em) => {
    await em.query(`INSERT INTO "${schema}".business (id, note) VALUES ($1, $2)`, [
      randomUUID(),
      `${events.length} event(s)`,
    ]);
    await writer.add(em, ...events);
    if (opts.failAfterWrite) throw new Error('business rule failed after the write');
  });
}

const CONSUMER_TAG = Symbol('CONSUMER_TAG');

@Controller()
class TestConsumer {
  constructor(@Inject(CONSUMER_TAG) private readonly tag: { name: string; schema: string }) {}

  @EventPattern(ROUTING_KEYS.DOSSIER_WITHDRAWN_V1)
  async onWithdrawn(@Payload() event: EventEnvelope<'dossier.withdrawn'>, @Ctx() ctx: BusContext): Promise<void> {
    await ctx.manager.query(
      `INSERT INTO "${this.tag.schema}".effects (event_id, dossier_code, consumer_tag) VALUES ($1, $2, $3)`,
      [event.id, event.data.dossierCode, this.tag.name],
    );
    if (event.data.reason === 'hang') await new Promise<never>(() => undefined);
    if (event.data.reason === 'sleep') await ctx.manager.query('SELECT pg_sleep(3600)');
    if (event.data.reason === 'lock')
      await ctx.manager.query(`SELECT name FROM "${this.tag.schema}".locks WHERE name = 'held' FOR UPDATE`);
    if (event.data.reason === 'late') {
      await new Promise((resolve) => setTimeout(resolve, LATE_HANDLER_MS));
      await ctx.manager.query(
        `INSERT INTO "${this.tag.schema}".effects (event_id, dossier_code, consumer_tag) VALUES ($1, $2, $3)`,
        [event.id, event.data.dossierCode, `${this.tag.name}:late`],
      );
    }
    if (event.data.reason === 'throw') throw new Error('simulated transient failure');
    if (event.data.reason === 'permanent')
      throw Object.assign(new Error('simulated permanent failure'), { code: 'TEST.PERMANENT', retryable: false });
  }
}

/** Counts the lifecycle hooks a consumer's application runs: each must run once. */
@Injectable()
class LifecycleCounter implements OnModuleInit, OnApplicationBootstrap {
  readonly calls = { moduleInit: 0, applicationBootstrap: 0 };
  onModuleInit(): void {
    this.calls.moduleInit++;
  }
  onApplicationBootstrap(): void {
    this.calls.applicationBootstrap++;
  }
}

export interface ConsumerOptions {
  ds: DataSource;
  schema: string;
  namespace: string;
  name?: string;
  service?: ServiceName;
  bindings?: string[];
  prefetch?: number;
  retryDelaysMs?: number[];
  maxRetries?: number;
  withHandler?: boolean;
  handlerTimeoutMs?: number;
  statementTimeoutMs?: number;
}

export const TEST_RETRY_DELAYS = [150, 300];

/**
 * Boots the test consumer as the services do: a hybrid Nest application whose EventBusServer is
 * attached by attachEventBus, so the tests see the error pipeline a service has.
 */
export async function startConsumer(
  o: ConsumerOptions,
): Promise<{ app: INestApplication; server: EventBusServer; hooks: LifecycleCounter['calls'] }> {
  const server = new EventBusServer({
    amqpUrl: testConfig.AMQP_URL,
    namespace: o.namespace,
    consumer: o.service ?? 'processing',
    queue: QUEUES[o.service ?? 'processing'],
    bindings: o.bindings ?? [ROUTING_KEYS.DOSSIER_WITHDRAWN_V1],
    prefetch: o.prefetch ?? 16,
    retryDelaysMs: o.retryDelaysMs ?? TEST_RETRY_DELAYS,
    maxRetries: o.maxRetries ?? 2,
    deliveryLimit: 10,
    dataSource: o.ds,
    schema: o.schema,
    shutdownGraceMs: 5000,
    handlerTimeoutMs: o.handlerTimeoutMs,
    statementTimeoutMs: o.statementTimeoutMs,
  });
  @Module({
    controllers: o.withHandler === false ? [] : [TestConsumer],
    providers: [{ provide: CONSUMER_TAG, useValue: { name: o.name ?? 'c1', schema: o.schema } }, LifecycleCounter],
  })
  class TestBusModule {}
  const app = await NestFactory.create(TestBusModule, { logger: ['fatal'] });
  attachEventBus(app, server);
  await app.init();
  try {
    await app.startAllMicroservices();
  } catch (err) {
    await app.close();
    throw err;
  }
  return { app, server, hooks: app.get(LifecycleCounter).calls };
}

export function startRelay(
  ds: DataSource,
  schema: string,
  namespace: string,
  extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {},
): OutboxRelay {
  const relay = new OutboxRelay({
    dataSource: ds,
    schema,
    amqpUrl: testConfig.AMQP_URL,
    namespace,
    batchSize: 100,
    pollIntervalMs: 200,
    name: 'test-relay',
    ...extra,
  });
  relay.start();
  return relay;
}

export async function countEffects(ds: DataSource, schema: string): Promise<{ total: number; distinct: number }> {
  const [row] = await ds.query(
    `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct FROM "${schema}".effects`,
  );
  return row;
}

export async function unsentCount(ds: DataSource, schema: string): Promise<number> {
  const [row] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".outbox WHERE sent_at IS NULL`);
  return row.n;
}
