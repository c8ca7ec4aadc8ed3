/**
 * npm run bench:postal — two figures of postal-delivery, each beside a baseline from the same run:
 *
 * 1. delivery requests per second into the partner's feed: a burst of result.issued events goes
 *    through the real service (inbox, one shipment per result with its address check, outbox) and
 *    the relay to the partner's feed queue; baseline: raw amqplib persistent confirmed publishes
 *    of the same number of messages to a quorum queue (no database, no service);
 * 2. signed status reports per second and p50/p99 through the webhook (HMAC check, replay guard,
 *    the workflow table, history, outbox events, all in one transaction); baseline: a bare
 *    node:http server that only verifies the same HMAC and parses the JSON.
 *
 * Runs against the test database and a private bus namespace, which it deletes afterwards.
 */
import autocannon from 'autocannon';
import { connect } from 'amqplib';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { DataSource } from 'typeorm';
import { namespaced, POSTAL_PARTNER, POSTAL_PARTNER_WEBHOOK_PATH, ROUTING_KEYS } from '@dvc/contracts';
import { bootstrapDatabase } from '../tools/db-bootstrap';
import { BrokerProbe } from '../tools/harness/broker-probe';
import { partnerHeaders, postalResultIssued, TEST_PARTNER } from '../tools/partner-simulator.process';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceProcess } from '../tools/harness/service-process';
import { adminTestDbUrl, testConfig, uniqueNamespace } from '../tools/harness/test-env.config';
import { sleep, waitFor } from '../tools/harness/wait';
import { machineLine, runBench } from './support/run-bench';

const SHIPMENTS = Number(process.argv[2] ?? 10000);
const DURATION = 10;
const CONNECTIONS = 32;
const STEPS = ['accepted_by_post_office', 'picked_up', 'in_transit', 'out_for_delivery'] as const;

type Result = autocannon.Result;
const run = (opts: autocannon.Options) =>
  new Promise<Result>((resolve, reject) =>
    autocannon({ duration: DURATION, ...opts }, (err, r) => (err ? reject(err) : resolve(r))),
  );
const line = (label: string, r: Result) =>
  `${label.padEnd(46)} ${Math.round(r['2xx'] / DURATION)
    .toString()
    .padStart(6)} /s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;

async function rawPublishBaseline(n: number, body: Buffer): Promise<number> {
  const conn = await connect(testConfig.AMQP_URL);
  const ch = await conn.createConfirmChannel();
  const queue = `bench.postal.baseline.${randomUUID().slice(0, 8)}`;
  await ch.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  const t0 = performance.now();
  for (let i = 0; i < n; i += 200) {
    for (let j = i; j < Math.min(n, i + 200); j++)
      ch.sendToQueue(queue, body, { persistent: true, messageId: randomUUID() });
    await ch.waitForConfirms();
  }
  const seconds = (performance.now() - t0) / 1000;
  await ch.deleteQueue(queue);
  await conn.close();
  return n / seconds;
}

/** What the webhook does at the least: read the body, check the HMAC, parse the JSON. */
function bareHmacServer(port: number): Promise<() => Promise<void>> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const ts = String(req.headers['x-timestamp']);
      const expected = createHmac('sha256', TEST_PARTNER.key).update(`${ts}.`).update(body).digest();
      const given = Buffer.from(String(req.headers['x-signature']), 'hex');
      const ok =
        given.length === expected.length &&
        timingSafeEqual(given, expected) &&
        Math.abs(Date.now() / 1000 - Number(ts)) <= 300;
      const parsed = ok ? JSON.parse(body.toString('utf8')) : null;
      res
        .writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ outcome: ok ? 'applied' : 'refused', eventId: parsed?.eventId }));
    });
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve(() => new Promise((r) => server.close(() => r())))),
  );
}

/** Every request a new, valid report: shipment i % N, step i / N (so a shipment's steps come in order, far apart). */
function reportRequests(shipmentIds: string[]) {
  let next = 0;
  const base = Date.now();
  return [
    {
      method: 'POST' as const,
      path: POSTAL_PARTNER_WEBHOOK_PATH,
      setupRequest: (req: any) => {
        const i = next++;
        const id = shipmentIds[i % shipmentIds.length];
        const round = Math.floor(i / shipmentIds.length);
        const status = STEPS[Math.min(round, STEPS.length - 1)];
        const body = JSON.stringify({
          version: 1,
          eventId: `bench-${base}-${i}`,
          shipmentId: id,
          status,
          occurredAt: new Date(base + round * 60000).toISOString(),
        });
        return { ...req, headers: partnerHeaders(body), body };
      },
    },
  ];
}

async function main() {
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: testConfig.TEST_DATABASE });
  process.stdout.write(machineLine());
  const namespace = uniqueNamespace('bench');
  const broker = await BrokerProbe.open();
  const db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  const { port, env } = await serviceEnv('postal-delivery', namespace, { LOG_LEVEL: 'warn', BUS_PREFETCH: '200' });
  const postal = new ServiceProcess('postal-delivery', port, env);
  postal.start();
  let closeBare: (() => Promise<void>) | undefined;
  try {
    await postal.ready();
    // Delivery events and status changes must route somewhere, as in production; nobody reads them during the run.
    await broker.declareService(
      namespace,
      'processing',
      [
        ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1,
        ROUTING_KEYS.DELIVERY_DELIVERED_V1,
        ROUTING_KEYS.DELIVERY_FAILED_V1,
        ROUTING_KEYS.DELIVERY_RETURNED_V1,
      ],
      E2E_RETRY_DELAYS,
    );
    const feedQueue = namespaced(POSTAL_PARTNER.FEED_QUEUE, namespace);

    // 1. result.issued burst -> shipments -> partner feed.
    const tag = Date.now().toString().slice(-6);
    const issued = Array.from({ length: SHIPMENTS }, (_, i) =>
      postalResultIssued(`000.00.12.H30-260511-${tag}${String(i).padStart(6, '0')}`, { codAmount: 50000 }),
    );
    await broker.publishMany(
      namespace,
      ROUTING_KEYS.RESULT_ISSUED_V1,
      issued.map((e) => ({ id: e.id, body: Buffer.from(JSON.stringify(e)) })),
    );
    const t0 = performance.now();
    await waitFor(
      'every delivery request on the feed',
      async () => (await broker.messageCount(feedQueue)) >= SHIPMENTS,
      600000,
      50,
    );
    const feedRate = SHIPMENTS / ((performance.now() - t0) / 1000);
    const requestBody = Buffer.from(JSON.stringify(issued[0]));
    const baselineRate = await rawPublishBaseline(SHIPMENTS, requestBody);
    process.stdout.write(
      `\ndelivery requests into the partner feed (${SHIPMENTS} result.issued already queued; inbox, shipment, outbox, relay):\n`,
    );
    process.stdout.write(
      `  postal-delivery                                ${Math.round(feedRate).toString().padStart(6)} /s\n`,
    );
    process.stdout.write(
      `  baseline: raw amqplib confirmed publish         ${Math.round(baselineRate).toString().padStart(6)} /s   (postal-delivery at ${((feedRate / baselineRate) * 100).toFixed(1)}%)\n`,
    );

    // 2. Signed status reports through the webhook, each a new step of some shipment.
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM postal.shipments WHERE dossier_code LIKE $1 ORDER BY created_at`,
      [`000.00.12.H30-260511-${tag}%`],
    );
    const ids = rows.map((r) => r.id);
    const barePort = port + 1;
    closeBare = await bareHmacServer(barePort);
    await run({
      url: `http://127.0.0.1:${barePort}`,
      connections: 8,
      duration: 2,
      requests: reportRequests(ids),
    } as autocannon.Options);
    const bare = await run({
      url: `http://127.0.0.1:${barePort}`,
      connections: CONNECTIONS,
      requests: reportRequests(ids),
    } as autocannon.Options);
    await sleep(1000);
    const webhook = await run({
      url: postal.url,
      connections: CONNECTIONS,
      requests: reportRequests(ids),
    } as autocannon.Options);
    const [applied] = await db.query(
      `SELECT count(*)::int AS n FROM postal.partner_reports WHERE outcome = 'applied' AND event_id LIKE 'bench-%' AND shipment_id = ANY($1)`,
      [ids],
    );
    process.stdout.write(
      `\nsigned status reports through POST ${POSTAL_PARTNER_WEBHOOK_PATH}, ${CONNECTIONS} connections, ${DURATION} s:\n`,
    );
    process.stdout.write(`  ${line('postal-delivery (verify, store, apply, outbox)', webhook)}\n`);
    process.stdout.write(`  ${line('baseline: bare node:http + HMAC check', bare)}\n`);
    process.stdout.write(
      `  postal-delivery at ${((webhook['2xx'] / bare['2xx']) * 100).toFixed(1)}% of the baseline; ${applied.n} reports applied and stored\n`,
    );
  } finally {
    await closeBare?.();
    await postal.stop('SIGTERM');
    await broker.deleteNamespace(namespace, ['postal-delivery', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
    await db.destroy();
  }
}

runBench('bench:postal', main);
