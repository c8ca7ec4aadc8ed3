/**
 * npm run bench:intake — accepted submissions per second and p50/p99 latency at 64 connections,
 * beside a bare node:http + pg server doing the same two inserts in one transaction (same run,
 * same machine); then citizen lookups at 2,633 concurrent connections (the source page's
 * "online now"). intake runs as its real compiled process against the test database.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setPriority } from 'node:os';
import { DataSource } from 'typeorm';
import { bootstrapDatabase } from '../tools/db-bootstrap';
import { repoRoot } from '../tools/repo-root';
import { BrokerProbe } from '../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceProcess } from '../tools/harness/service-process';
import { createPortalKey, officerToken } from '../tools/harness/portal-client';
import { adminTestDbUrl, testConfig, uniqueNamespace } from '../tools/harness/test-env.config';
import { sleep } from '../tools/harness/wait';
import { machineLine, runBench } from './support/run-bench';

const DURATION = Number(process.argv[2] ?? 10);
const CONNECTIONS = 64;
const LOOKUP_CONNECTIONS = 2633;
const BEACON_STORM_RATE = 2000;

type Result = autocannon.Result;

function run(opts: autocannon.Options): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ ...opts, duration: DURATION }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

const ok = (r: Result) => r['2xx'];
const perSecond = (r: Result) => ok(r) / DURATION;
const line = (label: string, r: Result) =>
  `${label.padEnd(44)} ${Math.round(perSecond(r)).toString().padStart(6)} /s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}   timeouts ${r.timeouts}`;

interface Rig {
  namespace: string;
  broker: BrokerProbe;
  intake: ServiceProcess;
  bare: ChildProcess;
  barePort: number;
  bareSchema: string;
}

/** What a beacon storm's generator (bench/support/beacon-storm.ts) prints when it ends. */
interface StormSummary {
  ok: number;
  non2xx: number;
  errors: number;
  p50: number;
  p99: number;
}

/** The real intake process (events routed to a queue nobody consumes, as in production) beside the bare server. */
async function setUp(): Promise<Rig> {
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: testConfig.TEST_DATABASE });
  process.stdout.write(machineLine(`${DURATION} s per run`));

  const namespace = uniqueNamespace('bench');
  const broker = await BrokerProbe.open();
  // Events must route somewhere, as in production; nobody consumes them during the run.
  await broker.declareService(namespace, 'processing', ['dossier.submitted.v1'], E2E_RETRY_DELAYS);

  const { port, env } = await serviceEnv('intake', namespace, { LOG_LEVEL: 'warn', SUBMISSION_QUEUE_ENABLED: 'false' });
  const intake = new ServiceProcess('intake', port, env);
  intake.start();
  await intake.ready();

  const barePort = port + 1;
  const bareSchema = `bench_bare_${Date.now().toString(36)}`;
  const bare = spawn(
    process.execPath,
    [
      join(repoRoot(), 'dist', 'bench', 'support', 'bare-intake-server.js'),
      String(barePort),
      adminTestDbUrl(),
      bareSchema,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve) => bare.stdout!.once('data', () => resolve()));
  return { namespace, broker, intake, bare, barePort, bareSchema };
}

async function tearDown(rig: Rig): Promise<void> {
  rig.bare.kill('SIGTERM');
  await rig.intake.stop('SIGTERM');
  await rig.broker.deleteNamespace(rig.namespace, ['processing', 'intake'], E2E_RETRY_DELAYS);
  await rig.broker.close();
  const db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  await db.query(`DROP SCHEMA IF EXISTS "${rig.bareSchema}" CASCADE`);
  await db.destroy();
}

/** A bench procedure without documents: the run measures the submission path, not uploads. Returns the JSON body of a submission. */
async function benchSubmission(intakeUrl: string): Promise<string> {
  const code = `B.${Date.now().toString().slice(-6)}`;
  const created = await fetch(`${intakeUrl}/v1/admin/procedures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await officerToken(['admin'])}` },
    body: JSON.stringify({
      code,
      name: 'Thủ tục đo hiệu năng',
      fieldCode: 'QLCS',
      level: 4,
      processingTime: 5,
      processingTimeUnit: 'working_days',
      fees: [{ code: 'PHI', name: 'Phí', amount: 30000, unit: 'per_dossier' }],
      requiredDocuments: [],
      declarationSchema: {
        type: 'object',
        required: ['tenDonVi', 'lyDo'],
        properties: { tenDonVi: { type: 'string', minLength: 1 }, lyDo: { type: 'string', minLength: 5 } },
        additionalProperties: false,
      },
      result: 'Văn bản trả lời',
      source: 'modeled',
    }),
  });
  if (created.status !== 201)
    throw new Error(`could not create the bench procedure: ${created.status} ${await created.text()}`);
  return JSON.stringify({
    procedureCode: code,
    applicant: { kind: 'individual', name: 'Nguyễn Văn Đo', citizenId: '001203004567', phone: '0912345678' },
    declaration: { tenDonVi: 'Trường THPT Chu Văn An', lyDo: 'Đo hiệu năng tiếp nhận hồ sơ' },
    paymentMethod: 'online',
    deliveryMethod: 'postal',
    deliveryAddress: {
      recipientName: 'Nguyễn Văn Đo',
      phone: '0912345678',
      street: '1 Lê Lợi',
      ward: 'Phường Sài Gòn',
      province: 'Thành phố Hồ Chí Minh',
    },
  });
}

/** One measured run of submissions at CONNECTIONS connections, each request a new dossier. */
function submitRun(url: string, apiKey: string, submission: string): Promise<Result> {
  return run({
    url,
    connections: CONNECTIONS,
    requests: [
      {
        method: 'POST',
        path: '/v1/dossiers',
        headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
        body: submission,
        // Each request is a new dossier: a fresh idempotency key.
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }),
      },
    ],
  });
}

/** Warms both up, then measures them one after the other on the same machine. */
async function measureSubmissions(
  rig: Rig,
  submit: () => Promise<Result>,
  submission: string,
): Promise<{ bareResult: Result; intakeResult: Result }> {
  await run({
    url: `http://127.0.0.1:${rig.barePort}`,
    connections: 8,
    duration: 2,
    method: 'POST',
    body: submission,
  } as autocannon.Options);
  await submit();
  const bareResult = await run({
    url: `http://127.0.0.1:${rig.barePort}`,
    connections: CONNECTIONS,
    method: 'POST',
    body: submission,
    headers: { 'content-type': 'application/json' },
  });
  await sleep(2000);
  const intakeResult = await submit();
  return { bareResult, intakeResult };
}

/** Starts an open-loop storm of BEACON_STORM_RATE beacons per second at `url` for DURATION; resolves to its output (a StormSummary) when it ends. */
function beaconStorm(url: string, apiKey: string, niceness?: number): Promise<string> {
  const storm = spawn(
    process.execPath,
    [
      join(repoRoot(), 'dist', 'bench', 'support', 'beacon-storm.js'),
      url,
      apiKey,
      String(BEACON_STORM_RATE),
      String(DURATION),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (niceness !== undefined) setPriority(storm.pid!, niceness);
  return new Promise<string>((resolve) => {
    let out = '';
    storm.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    storm.on('exit', () => resolve(out));
  });
}

/**
 * Submissions during a storm of visit beacons on the same process: beacons only touch memory,
 * flushed once a second, and past the per-process budget they get 429.
 */
async function measureStormOnSameProcess(
  rig: Rig,
  apiKey: string,
  submit: () => Promise<Result>,
): Promise<{ stormSubmit: Result; storm: StormSummary }> {
  await sleep(2000);
  const stormDone = beaconStorm(rig.intake.url, apiKey);
  const stormSubmit = await submit();
  return { stormSubmit, storm: JSON.parse(await stormDone) as StormSummary };
}

/**
 * The deployment's answer (infra/k8s: intake-site-stats): beacons routed by path to intake
 * replicas of their own with a smaller CPU share, so a storm takes their CPU, not the
 * submissions'. Here: a second intake process at nice 19 takes /v1/site-stats/*; the storm's
 * generator (the internet, in production on other machines) runs at nice 19 too.
 */
async function measureStormOnReplica(
  rig: Rig,
  apiKey: string,
  submit: () => Promise<Result>,
): Promise<{ isolatedSubmit: Result; isolated: StormSummary }> {
  await sleep(2000);
  const beaconEnv = await serviceEnv('intake', rig.namespace, { LOG_LEVEL: 'warn', SUBMISSION_QUEUE_ENABLED: 'false' });
  const beacons = new ServiceProcess('intake', beaconEnv.port, beaconEnv.env);
  beacons.start();
  await beacons.ready();
  setPriority(beacons.pid!, 19);
  const stormDone = beaconStorm(beacons.url, apiKey, 19);
  const isolatedSubmit = await submit();
  const isolated = JSON.parse(await stormDone) as StormSummary;
  await beacons.stop('SIGTERM');
  return { isolatedSubmit, isolated };
}

/** Lookups: dossiers filed first, looked up with their secrets by LOOKUP_CONNECTIONS clients at once. */
async function measureLookups(intakeUrl: string, apiKey: string, submission: string): Promise<Result> {
  const filed: { code: string; lookupSecret: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await fetch(`${intakeUrl}/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey, 'idempotency-key': randomUUID() },
      body: submission,
    });
    filed.push((await r.json()) as { code: string; lookupSecret: string });
  }
  return run({
    url: intakeUrl,
    connections: LOOKUP_CONNECTIONS,
    timeout: 30,
    requests: filed.map((d) => ({
      method: 'GET' as const,
      path: `/v1/dossiers/${d.code}`,
      headers: { 'x-lookup-secret': d.lookupSecret },
    })),
  });
}

interface Figures {
  bareResult: Result;
  intakeResult: Result;
  stormSubmit: Result;
  storm: StormSummary;
  isolatedSubmit: Result;
  isolated: StormSummary;
  lookupResult: Result;
}

function report({
  bareResult,
  intakeResult,
  stormSubmit,
  storm,
  isolatedSubmit,
  isolated,
  lookupResult,
}: Figures): void {
  const ratio = perSecond(intakeResult) / perSecond(bareResult);
  process.stdout.write(`\n${line('bare node:http + pg (2 inserts, 1 tx)', bareResult)}\n`);
  process.stdout.write(`${line('intake POST /v1/dossiers (64 connections)', intakeResult)}\n`);
  process.stdout.write(`ratio intake / bare: ${ratio.toFixed(2)}\n`);
  process.stdout.write(`${line(`  same, during ${BEACON_STORM_RATE} beacons/s`, stormSubmit)}\n`);
  process.stdout.write(
    `  the beacons (own process): ${Math.round(storm.ok / DURATION)} /s taken, ${Math.round(storm.non2xx / DURATION)} /s turned away (429), p99 ${storm.p99} ms, errors ${storm.errors}\n`,
  );
  process.stdout.write(`${line(`  same, storm on a site-stats replica (nice 19)`, isolatedSubmit)}\n`);
  process.stdout.write(
    `  the beacons (replica): ${Math.round(isolated.ok / DURATION)} /s taken, ${Math.round(isolated.non2xx / DURATION)} /s turned away (429), p99 ${isolated.p99} ms, errors ${isolated.errors}\n`,
  );
  process.stdout.write(
    `ratio during the isolated storm / without storm: ${(perSecond(isolatedSubmit) / perSecond(intakeResult)).toFixed(2)}; on the same process: ${(perSecond(stormSubmit) / perSecond(intakeResult)).toFixed(2)}\n`,
  );
  process.stdout.write(`${line(`intake GET /v1/dossiers/:code (${LOOKUP_CONNECTIONS} conn.)`, lookupResult)}\n`);
  process.stdout.write(
    `\n${JSON.stringify({
      bare: { perSecond: Math.round(perSecond(bareResult)), p50: bareResult.latency.p50, p99: bareResult.latency.p99 },
      intake: {
        perSecond: Math.round(perSecond(intakeResult)),
        p50: intakeResult.latency.p50,
        p99: intakeResult.latency.p99,
        non2xx: intakeResult.non2xx,
        errors: intakeResult.errors,
      },
      ratio: Number(ratio.toFixed(2)),
      duringBeaconStorm: {
        perSecond: Math.round(perSecond(stormSubmit)),
        p50: stormSubmit.latency.p50,
        p99: stormSubmit.latency.p99,
        beaconsOffered: BEACON_STORM_RATE,
        beaconsTaken: Math.round(storm.ok / DURATION),
        beaconsTurnedAway: Math.round(storm.non2xx / DURATION),
      },
      duringIsolatedStorm: {
        perSecond: Math.round(perSecond(isolatedSubmit)),
        p50: isolatedSubmit.latency.p50,
        p99: isolatedSubmit.latency.p99,
        beaconsTaken: Math.round(isolated.ok / DURATION),
        beaconsTurnedAway: Math.round(isolated.non2xx / DURATION),
      },
      lookups: {
        connections: LOOKUP_CONNECTIONS,
        perSecond: Math.round(perSecond(lookupResult)),
        p50: lookupResult.latency.p50,
        p99: lookupResult.latency.p99,
        non2xx: lookupResult.non2xx,
        errors: lookupResult.errors,
        timeouts: lookupResult.timeouts,
      },
    })}\n`,
  );
}

async function main() {
  const rig = await setUp();
  try {
    const { apiKey } = await createPortalKey(rig.intake.url, `Bench ${rig.namespace}`);
    const submission = await benchSubmission(rig.intake.url);
    const submit = () => submitRun(rig.intake.url, apiKey, submission);
    const submissions = await measureSubmissions(rig, submit, submission);
    const sameProcess = await measureStormOnSameProcess(rig, apiKey, submit);
    const replica = await measureStormOnReplica(rig, apiKey, submit);
    const lookupResult = await measureLookups(rig.intake.url, apiKey, submission);
    report({ ...submissions, ...sameProcess, ...replica, lookupResult });
  } finally {
    await tearDown(rig);
  }
}

runBench('bench:intake', main);
