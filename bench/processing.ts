/**
 * npm run bench:processing — cases created per second from a burst of 10,000 dossier.submitted
 * events (each case with its working-day due date, history row and status event), and the time
 * of GET /v1/stats over 1,000,000 cases. processing runs as its compiled process against a
 * database of its own (dvc_test_bench, recreated), so the figures are not skewed by test data.
 */
import { DataSource } from 'typeorm';
import { createEvent, ROUTING_KEYS } from '@dvc/contracts';
import { bootstrapDatabase, serviceDatabaseUrl } from '../tools/db-bootstrap';
import { BrokerProbe } from '../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceProcess } from '../tools/harness/service-process';
import { officerToken } from '../tools/harness/portal-client';
import { testConfig, uniqueNamespace } from '../tools/harness/test-env.config';
import { sleep } from '../tools/harness/wait';
import { machineLine, runBench } from './support/run-bench';

const BURST = Number(process.argv[2] ?? 10_000);
const STATS_ROWS = Number(process.argv[3] ?? 1_000_000);
const DATABASE = `${testConfig.TEST_DATABASE}_bench`;

function submitted(n: number) {
  const code = `000.00.12.H30-261128-${String(100000 + n)}`;
  return createEvent(
    'dossier.submitted',
    {
      dossierCode: code,
      procedureCode: '1.005426',
      procedureVersion: 1,
      procedureName: 'Quyết định thanh lý tài sản công',
      fieldCode: 'QLCS',
      level: 4,
      processingTime: 30,
      processingTimeUnit: 'working_days',
      channel: 2,
      applicant: { kind: 'individual', name: 'Nguyễn Văn Đo', citizenId: '001203004567' },
      paymentMethod: 'none',
      deliveryMethod: 'office',
      fee: { amount: 0, items: [] },
      submittedAt: new Date().toISOString(),
    },
    { source: 'bench', correlationId: code },
  );
}

interface Rig {
  namespace: string;
  processing: ServiceProcess;
  db: DataSource;
  broker: BrokerProbe;
}

/** processing as its compiled process on a database of its own, recreated; a superuser connection to that database. */
async function setUp(): Promise<Rig> {
  process.stdout.write(machineLine());
  const adminUrl = new URL(testConfig.DB_ADMIN_URL);
  adminUrl.pathname = `/${DATABASE}`;
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
  const namespace = uniqueNamespace('bench');
  const { port, env } = await serviceEnv('processing', namespace, {
    LOG_LEVEL: 'warn',
    DATABASE_URL: serviceDatabaseUrl('processing', DATABASE),
  });
  const processing = new ServiceProcess('processing', port, env);
  processing.start();
  await processing.ready();
  const db = await new DataSource({ type: 'postgres', url: adminUrl.toString() }).initialize();
  const broker = await BrokerProbe.open();
  // processing's status events route to intake's queue, as in production (nobody consumes it here).
  await broker.declareService(
    namespace,
    'intake',
    [ROUTING_KEYS.DOSSIER_STATUS_CHANGED_V1, ROUTING_KEYS.DOSSIER_SUPPLEMENT_REQUESTED_V1],
    E2E_RETRY_DELAYS,
  );
  return { namespace, processing, db, broker };
}

async function tearDown(rig: Rig): Promise<void> {
  await rig.processing.stop('SIGTERM');
  await rig.broker.deleteNamespace(rig.namespace, ['processing', 'intake'], E2E_RETRY_DELAYS);
  await rig.broker.close();
  await rig.db.destroy();
}

/** The burst: published as fast as the broker confirms, then consumed. */
async function measureBurst({
  namespace,
  db,
  broker,
}: Rig): Promise<{ publishSeconds: number; casesPerSecond: number; casesWithHistory: number }> {
  const events = Array.from({ length: BURST }, (_, i) => submitted(i));
  const t0 = performance.now();
  await broker.publishMany(
    namespace,
    ROUTING_KEYS.DOSSIER_SUBMITTED_V1,
    events.map((e) => ({ id: e.id, body: Buffer.from(JSON.stringify(e)) })),
  );
  const published = performance.now();
  for (;;) {
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM processing.cases');
    if (n >= BURST) break;
    await sleep(100);
  }
  const consumed = performance.now();
  const casesPerSecond = BURST / ((consumed - t0) / 1000);
  const [{ with_due }] = await db.query(
    `SELECT count(*)::int AS with_due FROM processing.case_transitions WHERE action = 'open'`,
  );
  return {
    publishSeconds: Number(((published - t0) / 1000).toFixed(2)),
    casesPerSecond: Math.round(casesPerSecond),
    casesWithHistory: with_due,
  };
}

/** STATS_ROWS cases generated in SQL (five fields, over a year); returns the seconds it took. */
async function seedStatsRows(db: DataSource): Promise<number> {
  const f0 = performance.now();
  await db.query(
    `INSERT INTO processing.cases (id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
       payment_method, delivery_method, fee, status, national_status_code, submitted_at, received_at, accepted_at, due_at, completed_at,
       timeliness, field_code, working_hours)
     SELECT gen_random_uuid(), 'BENCH-' || g, 'X', 1, 4, 30, 'working_days', 'none', 'office', '{"amount":0,"items":[]}',
            CASE WHEN g % 5 = 0 THEN 'accepted' ELSE 'completed' END, CASE WHEN g % 5 = 0 THEN 2 ELSE 10 END,
            r, r, r + interval '1 hour', r + interval '40 days', CASE WHEN g % 5 = 0 THEN NULL ELSE r + (g % 50) * interval '1 day' END,
            CASE WHEN g % 5 = 0 THEN NULL WHEN g % 50 < 30 THEN 'early' WHEN g % 50 < 42 THEN 'on_time' ELSE 'late' END,
            (ARRAY['QLCS','TCDN','QLG','QLNS','THTK'])[1 + g % 5],
            CASE WHEN g % 5 = 0 THEN NULL ELSE (g % 50) * 8 END
       FROM generate_series(1, $1) g, LATERAL (SELECT timestamptz '2025-01-01 01:00+07' + (g % 365) * interval '1 day' AS r) t`,
    [STATS_ROWS],
  );
  await db.query('ANALYZE processing.cases');
  return (performance.now() - f0) / 1000;
}

/** GET /v1/stats for a year, one field and all fields: three timed calls each after a warm-up, sorted. */
async function measureStats(url: string): Promise<{ byField: number[]; all: number[] }> {
  const stats = async (field?: string) => {
    const q = new URLSearchParams({ from: '2025-01-01', to: '2025-12-31', ...(field ? { field } : {}) });
    // Signed before the clock starts: the timing is the endpoint's.
    const authorization = `Bearer ${await officerToken(['leader'])}`;
    const t = performance.now();
    const res = await fetch(`${url}/v1/stats?${q.toString()}`, { headers: { authorization } });
    if (res.status !== 200) throw new Error(`stats answered ${res.status}: ${await res.text()}`);
    await res.json();
    return performance.now() - t;
  };
  await stats('QLCS'); // warm
  const byField = [await stats('QLCS'), await stats('QLCS'), await stats('QLCS')].sort((a, b) => a - b);
  const all = [await stats(), await stats(), await stats()].sort((a, b) => a - b);
  return { byField, all };
}

function report(
  burst: Awaited<ReturnType<typeof measureBurst>>,
  seeded: number,
  { byField, all }: Awaited<ReturnType<typeof measureStats>>,
): void {
  const summary = {
    burst: BURST,
    publishSeconds: burst.publishSeconds,
    casesPerSecond: burst.casesPerSecond,
    casesWithHistory: burst.casesWithHistory,
    statsRows: STATS_ROWS,
    seedSeconds: Number(seeded.toFixed(1)),
    statsOneFieldMs: { median: Math.round(byField[1]), min: Math.round(byField[0]) },
    statsAllFieldsMs: { median: Math.round(all[1]), min: Math.round(all[0]) },
  };
  process.stdout.write(
    `\ncases created from a burst of ${BURST} dossier.submitted: ${summary.casesPerSecond} cases/s (published in ${summary.publishSeconds} s)\n` +
      `GET /v1/stats over ${STATS_ROWS + BURST} cases, one field (${STATS_ROWS / 5} of them), a year: median ${summary.statsOneFieldMs.median} ms\n` +
      `GET /v1/stats, all fields: median ${summary.statsAllFieldsMs.median} ms\n\n${JSON.stringify(summary)}\n`,
  );
}

async function main() {
  const rig = await setUp();
  try {
    const burst = await measureBurst(rig);
    const seeded = await seedStatsRows(rig.db);
    const stats = await measureStats(rig.processing.url);
    report(burst, seeded, stats);
  } finally {
    await tearDown(rig);
  }
}

runBench('bench:processing', main);
