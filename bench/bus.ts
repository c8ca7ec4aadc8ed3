/**
 * npm run bench:bus — events per second through outbox -> relay -> broker -> inbox consumer, with
 * persistent messages and publisher confirms, and the latency from the producer's commit to the
 * consumer's commit at a fixed offered rate. A baseline in the same run (raw amqplib: persistent,
 * confirmed publish to a quorum queue and manual-ack consume, no database) gives the ratios.
 * Runs against the test database in throw-away schemas and a private bus namespace.
 */
import { connect } from 'amqplib';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { bootstrapDatabase } from '../tools/db-bootstrap';
import { BrokerProbe } from '../tools/harness/broker-probe';
import * as bus from '../tools/harness/bus-fixture';
import { testConfig, uniqueNamespace } from '../tools/harness/test-env.config';
import { sleep, waitFor } from '../tools/harness/wait';
import { machineLine, runBench } from './support/run-bench';

const THROUGHPUT_EVENTS = Number(process.argv[2] ?? 20000);
const RATE = 1000; // events per second offered in the latency run
const RATE_SECONDS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function baseline(n: number): Promise<number> {
  const conn = await connect(testConfig.AMQP_URL);
  const pub = await conn.createConfirmChannel();
  const sub = await conn.createChannel();
  const queue = `bench.baseline.${randomUUID().slice(0, 8)}`;
  await pub.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await sub.prefetch(32);
  let received = 0;
  const done = new Promise<void>((resolve) => {
    void sub.consume(queue, (m) => {
      if (!m) return;
      sub.ack(m);
      if (++received === n) resolve();
    });
  });
  const body = Buffer.from(JSON.stringify(bus.withdrawnEvent(1)));
  const t0 = performance.now();
  for (let i = 0; i < n; i += 200) {
    for (let j = i; j < Math.min(n, i + 200); j++)
      pub.sendToQueue(queue, body, { persistent: true, messageId: randomUUID() });
    await pub.waitForConfirms();
  }
  await done;
  const seconds = (performance.now() - t0) / 1000;
  await pub.deleteQueue(queue);
  await conn.close();
  return n / seconds;
}

/** Runs one producer/relay/consumer set-up and returns per-event latencies and wall time. */
async function flow(
  ds: DataSource,
  schema: string,
  namespace: string,
  plan: { total: number; perTx: number; everyMs: number; producers: number },
) {
  const consumer = await bus.startConsumer({ ds, schema, namespace, prefetch: 32 });
  const relay = bus.startRelay(ds, schema, namespace, { batchSize: 200, pollIntervalMs: 1000 });
  await waitFor('relay connected', () => relay.brokerConnected);
  const committedAt = new Map<string, number>();
  const t0 = Date.now();
  let next = 0;
  const producer = async () => {
    for (;;) {
      const start = next;
      if (start >= plan.total) return;
      next += plan.perTx;
      const events = Array.from({ length: Math.min(plan.perTx, plan.total - start) }, (_, i) =>
        bus.withdrawnEvent(start + i + 1),
      );
      const tick = Date.now();
      await bus.produce(ds, schema, events);
      const at = Date.now();
      for (const e of events) committedAt.set(e.id, at);
      if (plan.everyMs) await sleep(Math.max(0, plan.everyMs - (Date.now() - tick)));
    }
  };
  await Promise.all(Array.from({ length: plan.producers }, producer));
  // Poll the consumer's counters, not the database: a count(*) every few ms would load Postgres.
  await waitFor('all consumed', () => consumer.server.stats.applied >= plan.total, 300_000, 20);
  const rows: { event_id: string; at: Date }[] = await ds.query(`SELECT event_id, at FROM "${schema}".effects`);
  const lastAt = Math.max(...rows.map((r) => r.at.getTime()));
  const latencies = rows.map((r) => r.at.getTime() - committedAt.get(r.event_id)!).sort((a, b) => a - b);
  const effects = await bus.countEffects(ds, schema);
  await relay.stop();
  await consumer.app.close();
  return { seconds: (lastAt - t0) / 1000, latencies, effects };
}

/** Each stage alone on a backlog: where does the time go? */
async function stages(ds: DataSource, schema: string, namespace: string, broker: BrokerProbe, n: number) {
  await broker.declareService(namespace, 'processing', ['dossier.withdrawn.v1'], bus.TEST_RETRY_DELAYS);
  let t = performance.now();
  let next = 0;
  const producer = async () => {
    while (next < n) {
      const start = next;
      next += 10;
      await bus.produce(
        ds,
        schema,
        Array.from({ length: Math.min(10, n - start) }, (_, i) => bus.withdrawnEvent(start + i + 1)),
      );
    }
  };
  await Promise.all([producer(), producer(), producer(), producer()]);
  const produceRate = n / ((performance.now() - t) / 1000);
  t = performance.now();
  const relay = bus.startRelay(ds, schema, namespace, { batchSize: 200, pollIntervalMs: 1000 });
  await waitFor('relayed', () => relay.stats.published >= n, 300_000, 20);
  const relayRate = n / ((performance.now() - t) / 1000);
  await relay.stop();
  t = performance.now();
  const consumer = await bus.startConsumer({ ds, schema, namespace, prefetch: 32 });
  await waitFor('consumed', () => consumer.server.stats.applied >= n, 300_000, 20);
  const consumeRate = n / ((performance.now() - t) / 1000);
  await consumer.app.close();
  return {
    produceRate: Math.round(produceRate),
    relayRate: Math.round(relayRate),
    consumeRate: Math.round(consumeRate),
  };
}

async function main() {
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: testConfig.TEST_DATABASE });
  process.stdout.write(machineLine());
  const broker = await BrokerProbe.open();

  const run = async (label: string, plan: Parameters<typeof flow>[3]) => {
    const { ds, schema } = await bus.createMessagingSchema();
    const namespace = uniqueNamespace('bench');
    try {
      return await flow(ds, schema, namespace, plan);
    } finally {
      await broker.deleteNamespace(namespace, ['processing'], bus.TEST_RETRY_DELAYS);
      await bus.dropMessagingSchema(ds, schema);
      process.stdout.write(`  done: ${label}\n`);
    }
  };

  await run('warm-up', { total: 2000, perTx: 10, everyMs: 0, producers: 4 });
  const stage = await (async () => {
    const { ds, schema } = await bus.createMessagingSchema();
    const namespace = uniqueNamespace('bench');
    try {
      return await stages(ds, schema, namespace, broker, THROUGHPUT_EVENTS);
    } finally {
      await broker.deleteNamespace(namespace, ['processing'], bus.TEST_RETRY_DELAYS);
      await bus.dropMessagingSchema(ds, schema);
      process.stdout.write('  done: stages alone\n');
    }
  })();
  const base = await baseline(THROUGHPUT_EVENTS);
  const max = await run('throughput', { total: THROUGHPUT_EVENTS, perTx: 10, everyMs: 0, producers: 4 });
  const paced = await run('latency at 1,000 events/s', {
    total: RATE * RATE_SECONDS,
    perTx: 10,
    everyMs: 10,
    producers: 1,
  });
  await broker.close();

  const throughput = THROUGHPUT_EVENTS / max.seconds;
  const lat = paced.latencies;
  const summary = {
    baselineRawAmqpPerSecond: Math.round(base),
    outboxToInboxPerSecond: Math.round(throughput),
    ratioToBaseline: Number((throughput / base).toFixed(2)),
    stagesAlonePerSecond: stage,
    exactlyOnce: max.effects.total === THROUGHPUT_EVENTS && max.effects.distinct === THROUGHPUT_EVENTS,
    latencyAt1000PerSecondMs: {
      p50: percentile(lat, 50),
      p90: percentile(lat, 90),
      p99: percentile(lat, 99),
      max: lat[lat.length - 1],
    },
    offeredRatePerSecond: RATE,
    achievedRatePerSecond: Math.round(paced.latencies.length / paced.seconds),
    latencyUnderMaxLoadMs: { p50: percentile(max.latencies, 50), p99: percentile(max.latencies, 99) },
  };
  process.stdout.write(`\n${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(
    `\nbaseline raw amqplib (persistent, confirmed, quorum queue, manual ack): ${summary.baselineRawAmqpPerSecond} msg/s\n` +
      `outbox -> relay -> broker -> inbox consumer (${THROUGHPUT_EVENTS} events):  ${summary.outboxToInboxPerSecond} events/s (${summary.ratioToBaseline}x baseline)\n` +
      `commit -> consumer commit at ${RATE} events/s: p50 ${summary.latencyAt1000PerSecondMs.p50} ms, p99 ${summary.latencyAt1000PerSecondMs.p99} ms\n`,
  );
}

runBench('bench:bus', main);
