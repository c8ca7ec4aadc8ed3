/**
 * npm run bench:journey — full level-4 journeys per second on this machine with everything on it
 * (four services, PostgreSQL, RabbitMQ, the gateway and partner simulators, and this load
 * generator): file online with online payment and result by post, accept, pay through the
 * gateway, review, issue, delivered by the partner, completed. Then, from the database, the p50/p99
 * time from submission to case creation and from the gateway's callback to payment.succeeded
 * seen by processing. Baseline in the same run: the same number of HTTP requests per journey, at
 * the same concurrency, answered by the services' /health/live (what the HTTP path alone allows).
 *
 *   npm run bench:journey [seconds=30] [concurrency=24]
 */
import { DataSource } from 'typeorm';
import { bootstrapDatabase } from '../tools/db-bootstrap';
import { eventually } from '../tools/journeys/actors';
import { http } from '../tools/journeys/http';
import { type HarnessActors, PlatformHarness } from '../tools/journeys/platform-harness';
import { INVOICE_FILES, RESULT_DOCUMENT, resultForm } from '../tools/journeys/journeys';
import { invoiceDossier } from '../tools/journeys/dossiers';
import { testConfig } from '../tools/harness/test-env.config';
import { closedLoop, percentile } from './support/closed-loop';
import { machineLine, runBench } from './support/run-bench';

const SECONDS = Number(process.argv[2] ?? 30);
const CONCURRENCY = Number(process.argv[3] ?? 24);
const DATABASE = `${testConfig.TEST_DATABASE}_bench`;
/** HTTP requests one lean journey makes when nothing has to be waited for (file, accept, order, pay, 4 officer actions). */
const REQUESTS_PER_JOURNEY = 9;

let seq = 0;

/** One level-4 journey, without the citizen's lookups the tests make at every step (they are not the platform's work). */
async function journey(a: HarnessActors): Promise<string> {
  const filed = await a.portal.file(
    invoiceDossier({ paymentMethod: 'online' }),
    INVOICE_FILES,
    `bench-${process.pid}-${++seq}-${Date.now()}`,
  );
  if (filed.status !== 202) throw new Error(`filing: ${filed.status} ${JSON.stringify(filed.body)}`);
  const code = filed.body.code as string;
  await a.post.plan(code, 'normal');
  await a.officers.opened(code);
  // Paid online: the case waits for the fee (national code 6) and is accepted when it is paid.
  await a.officers.act(code, 'accept', 'reception', 'awaiting_payment');
  await a.desk.payOnline(code);
  await eventually(`${code} fee paid`, async () => (await a.officers.case(code))?.fee?.paid === true);
  await a.officers.act(code, 'assign', 'leader', 'in_review', { assigneeId: 'officer-specialist' });
  await a.officers.act(code, 'propose_result', 'specialist', 'result_proposed', { documents: [RESULT_DOCUMENT] });
  await a.officers.act(code, 'approve', 'leader', 'approved');
  await a.officers.act(code, 'issue_result', 'leader', 'result_issued', await resultForm());
  await a.officers.inState(code, 'completed', 120_000);
  return code;
}

async function main() {
  process.stdout.write(machineLine(`everything on it`));
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
  const harness = await new PlatformHarness({
    database: DATABASE,
    env: { LOG_LEVEL: 'warn' },
    partnerEnv: { SIMULATOR_STEP_DELAY_MS: '0' },
  }).start();
  const adminUrl = new URL(testConfig.DB_ADMIN_URL);
  adminUrl.pathname = `/${DATABASE}`;
  const db = await new DataSource({ type: 'postgres', url: adminUrl.toString() }).initialize();
  try {
    const actors = harness.actors(harness.urls);
    for (let i = 0; i < 3; i++) await journey(actors); // warm-up

    const baseline = await closedLoop(Math.min(SECONDS, 10), CONCURRENCY, async () => {
      for (let i = 0; i < REQUESTS_PER_JOURNEY; i++) {
        const url = [harness.urls.intake, harness.urls.processing, harness.urls.payment, harness.urls.postal][i % 4];
        await http('GET', `${url}/health/live`, { patienceMs: 0 });
      }
    });
    const baselineRate = baseline.done.length / baseline.seconds;

    const run = await closedLoop(SECONDS, CONCURRENCY, () => journey(actors));
    const rate = run.done.length / run.seconds;
    const codes = run.done;

    const toCase: number[] = (
      await db.query(
        `SELECT extract(epoch FROM c.received_at - d.submitted_at) * 1000 AS ms
           FROM intake.dossiers d JOIN processing.cases c ON c.dossier_code = d.code WHERE d.code = ANY($1)`,
        [codes],
      )
    ).map((r: { ms: string }) => Number(r.ms));
    const toPaid: number[] = (
      await db.query(
        `SELECT extract(epoch FROM i.received_at - cb.received_at) * 1000 AS ms
           FROM payment.payment_orders o
           JOIN LATERAL (SELECT min(received_at) AS received_at FROM payment.gateway_callbacks WHERE order_id = o.id AND verdict_code = '00') cb ON true
           JOIN payment.outbox e ON e.routing_key = 'payment.succeeded.v1' AND e.envelope->'data'->>'feeId' = o.fee_id
           JOIN processing.inbox i ON i.message_id = e.id
          WHERE o.dossier_code = ANY($1)`,
        [codes],
      )
    ).map((r: { ms: string }) => Number(r.ms));

    const line = (label: string, xs: number[]) =>
      `${label}: n=${xs.length} p50 ${percentile(xs, 50).toFixed(0)} ms, p99 ${percentile(xs, 99).toFixed(0)} ms`;
    process.stdout.write(
      [
        `concurrency ${CONCURRENCY}, ${SECONDS} s`,
        `complete level-4 journeys: ${run.done.length} in ${run.seconds.toFixed(1)} s = ${rate.toFixed(1)} journeys/s (errors: ${run.errors.length}${run.errors.length ? `, first: ${run.errors[0].slice(0, 200)}` : ''})`,
        `baseline: ${REQUESTS_PER_JOURNEY} x GET /health/live per "journey" at the same concurrency: ${baselineRate.toFixed(1)}/s; ratio ${(rate / baselineRate).toFixed(3)}`,
        line('submission -> case created in processing', toCase),
        line('gateway callback -> payment.succeeded in processing', toPaid),
        '',
      ].join('\n'),
    );
  } finally {
    await db.destroy();
    await harness.stop();
  }
}

runBench('bench:journey', main);
