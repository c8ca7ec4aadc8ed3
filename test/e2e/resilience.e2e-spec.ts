import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { serviceEntry } from '../../tools/platform';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { restartPostgres, startBroker, stopBroker } from '../support/faults';
import { E2E_RETRY_DELAYS, ServiceKey, ServiceProcess } from '../../tools/harness/service-process';
import { startPlatform } from '../support/platform-fixture';
import { createPortalKey, officerToken } from '../../tools/harness/portal-client';
import { submitLiquidationDossier } from '../support/portal-client';
import { waitFor } from '../../tools/harness/wait';

let OFFICER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  OFFICER = `Bearer ${await officerToken(['specialist'])}`;
});

describe('a service fails fast on bad config', () => {
  it('lists every bad variable at once and exits 1', () => {
    const run = spawnSync(process.execPath, [serviceEntry('intake')], {
      env: {
        ...process.env,
        PORT: 'abc',
        AMQP_URL: 'http://wrong',
        BUS_PREFETCH: '0',
        DATABASE_URL: 'postgres://u:s3cret@h/db',
      },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    const line = JSON.parse(run.stderr.trim().split('\n').pop()!);
    expect(line).toMatchObject({ level: 60, msg: 'boot failed' });
    expect(line.error).toContain('Invalid configuration (3 variable(s))');
    expect(line.problems).toEqual([
      expect.stringMatching(/^PORT: .*must be an integer number/),
      expect.stringMatching(/^AMQP_URL: AMQP_URL must be an amqp/),
      expect.stringMatching(/^BUS_PREFETCH: BUS_PREFETCH must not be less than 1$/),
    ]);
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cret');
  });
});

describe('services ride out broker and database outages without a restart', () => {
  let services: Record<ServiceKey, ServiceProcess>;
  let namespace: string;
  let apiKey: string;
  const url = (s: ServiceKey) => services[s].url;
  const caseStatus = async (code: string) =>
    (await request(url('processing')).get(`/v1/cases/${code}`).set('Authorization', OFFICER)).body.status;

  beforeAll(async () => {
    ({ services, namespace } = await startPlatform(['intake', 'processing']));
    ({ apiKey } = await createPortalKey(url('intake')));
  });

  afterAll(async () => {
    for (const s of Object.values(services ?? {})) await s.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  it('broker down: HTTP keeps answering, readiness says not ready, submissions wait in the outbox and flow when it is back', async () => {
    await stopBroker();
    let code!: string;
    try {
      await waitFor(
        'intake not ready',
        async () => (await request(url('intake')).get('/health/ready')).status === 503,
        30000,
      );
      const ready = await request(url('intake')).get('/health/ready').expect(503);
      expect(ready.headers['content-type']).toMatch(/problem\+json/);
      expect(ready.body.checks.error.broker).toMatchObject({ status: 'down' });
      expect(ready.body.checks.info.database).toMatchObject({ status: 'up' });
      await request(url('intake')).get('/health/live').expect(200);

      // A portal can still file: the dossier and its event are committed to Postgres.
      code = (await submitLiquidationDossier(url('intake'), apiKey).expect(202)).body.code;
    } finally {
      await startBroker();
    }
    await waitFor(
      'intake ready again',
      async () => (await request(url('intake')).get('/health/ready')).status === 200,
      60000,
    );
    await waitFor(
      'processing ready again',
      async () => (await request(url('processing')).get('/health/ready')).status === 200,
      60000,
    );
    await waitFor(
      'the case opened from the event that waited',
      async () => (await caseStatus(code)) === 'received',
      60000,
    );
    expect(services.intake.running && services.processing.running).toBe(true);
  });

  it('database restarted: requests fail cleanly during the restart and the services recover by themselves', async () => {
    await restartPostgres();
    await waitFor(
      'intake ready after the restart',
      async () => (await request(url('intake')).get('/health/ready')).status === 200,
      60000,
    );
    await waitFor(
      'processing ready after the restart',
      async () => (await request(url('processing')).get('/health/ready')).status === 200,
      60000,
    );
    // A pooled connection killed by the restart may fail one request; a new one then succeeds.
    const code = await waitFor('a submission accepted after the restart', async () => {
      const r = await submitLiquidationDossier(url('intake'), apiKey);
      return r.status === 202 ? (r.body.code as string) : undefined;
    });
    await waitFor('the case opened', async () => (await caseStatus(code)) === 'received', 60000);
    expect(services.intake.running && services.processing.running).toBe(true);
  });
});
