/**
 * npm run demo: with the four services running (npm start), plays the portal, the officers, the
 * payment gateway (tools/gateway-simulator) and the postal partner (tools/partner-simulator,
 * with its own restricted broker user) through the public interfaces only, journey by journey,
 * printing each step with the dossier code and status as it happens, then a summary table.
 *
 *   npm start && npm run demo            (DEMO_ONLY=1,4 runs some journeys only)
 */
import { IsString, Matches } from 'class-validator';
import { loadConfig, ServiceConfig } from '@dvc/config';
import { GatewaySimulatorProcess } from './gateway-simulator.process';
import { createPortalKey } from './harness/portal-client';
import { Officers, PaymentDesk, Portal, type PlatformUrls, PostOffice } from './journeys/actors';
import { http } from './journeys/http';
import { type JourneyOutcome, JourneyRun, type JourneyStep } from './journeys/journey';
import { allJourneys } from './journeys/journeys';
import { createPartnerUser, deletePartnerUser, SimulatorProcess } from './partner-simulator.process';

class DemoConfig extends ServiceConfig {
  @Matches(/^https?:\/\/.+/) DEMO_INTAKE_URL = 'http://127.0.0.1:3001';
  @Matches(/^https?:\/\/.+/) DEMO_PROCESSING_URL = 'http://127.0.0.1:3002';
  @Matches(/^https?:\/\/.+/) DEMO_PAYMENT_URL = 'http://127.0.0.1:3003';
  @Matches(/^https?:\/\/.+/) DEMO_POSTAL_URL = 'http://127.0.0.1:3004';
  /** Where the gateway simulator listens: payment's default VNPAY_PAYMENT_URL points here. */
  @Matches(/^\d+$/) DEMO_GATEWAY_PORT = '3099';
  /** Comma-separated journey numbers (1-9); empty: all. */
  @Matches(/^(\d(,\d)*)?$/) DEMO_ONLY = '';
  /** The command that creates the partner's broker user (infra/rabbitmq/postal-partner-user.sh uses it). */
  @IsString() RABBITMQCTL = 'rabbitmqctl';
}

const out = (line: string) => process.stdout.write(`${line}\n`);

function printStep(s: JourneyStep): void {
  const status = s.status ? ` [${s.status}${s.nationalStatusCode ? ` / ${s.nationalStatusCode}` : ''}]` : '';
  out(
    `  ${s.at.slice(11, 23)}  ${s.journey.padEnd(3)} ${(s.code ?? '').padEnd(26)} ${s.actor.padEnd(11)} ${s.what}${status}`,
  );
}

async function answering(url: string): Promise<boolean> {
  try {
    return (await http('GET', url, { patienceMs: 0 })).status === 200;
  } catch {
    return false;
  }
}

type Outcome = JourneyOutcome | { journey: string; title: string; error: string };
type Stoppable = { stop(): Promise<void> };

async function checkPlatformReady(c: DemoConfig): Promise<void> {
  for (const [name, url] of [
    ['intake', c.DEMO_INTAKE_URL],
    ['processing', c.DEMO_PROCESSING_URL],
    ['payment', c.DEMO_PAYMENT_URL],
    ['postal-delivery', c.DEMO_POSTAL_URL],
  ]) {
    if (!(await answering(`${url}/health/ready`)))
      throw new Error(`${name} is not ready at ${url}: start the platform first (npm start)`);
  }
}

/** The gateway simulator already listening on DEMO_GATEWAY_PORT, or one started here (added to `started`). */
async function gatewayUrl(c: DemoConfig, started: Stoppable[]): Promise<string> {
  const url = `http://127.0.0.1:${c.DEMO_GATEWAY_PORT}`;
  if (await answering(`${url}/health`)) return url;
  const gateway = new GatewaySimulatorProcess({
    SIM_PORT: c.DEMO_GATEWAY_PORT,
    SIM_IPN_URL: `${c.DEMO_PAYMENT_URL}/v1/payments/vnpay/ipn`,
    SIM_WEBHOOK_URL: `${c.DEMO_PAYMENT_URL}/v1/payments/webhooks/hub`,
  });
  await gateway.start();
  started.push(gateway);
  return gateway.url;
}

/** Plays the journeys (all, or DEMO_ONLY) one after the other, printing each step; a failed journey does not stop the others. */
async function playJourneys(c: DemoConfig, urls: PlatformUrls): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const officers = new Officers(urls, { secret: c.OFFICER_JWT_SECRET, issuer: c.OFFICER_JWT_ISSUER });
  const { apiKey } = await createPortalKey(urls.intake, `Cổng demo ${new Date().toISOString()}`, 'demo-admin');
  const portal = new Portal(urls, apiKey);
  const desk = new PaymentDesk(urls, portal, officers);
  const post = new PostOffice(urls, officers);
  const only = c.DEMO_ONLY ? new Set(c.DEMO_ONLY.split(',').map(Number)) : null;

  out('\nDVC platform demo: every actor through the public interfaces only\n');
  for (const j of allJourneys(desk, post).filter((x) => !only || only.has(x.id))) {
    out(`Journey ${j.id}: ${j.title}`);
    const journeyRun = new JourneyRun(`J${j.id}`, urls, portal, officers, printStep);
    try {
      outcomes.push(await j.run(journeyRun));
    } catch (err) {
      out(`  FAILED: ${(err as Error).message}`);
      outcomes.push({ journey: `J${j.id}`, title: j.title, error: (err as Error).message });
    }
    out('');
  }
  return outcomes;
}

function printSummary(outcomes: Outcome[]): void {
  out('Summary');
  console.table(
    outcomes.map((o) =>
      'error' in o
        ? {
            journey: o.journey,
            title: o.title,
            dossier: '',
            final: 'FAILED',
            national: '',
            payment: '',
            shipment: '',
            seconds: '',
          }
        : {
            journey: o.journey,
            title: o.title,
            dossier: o.code ?? '-',
            final: o.finalStatus,
            national: o.nationalStatusCode ?? '-',
            payment: o.payment ?? '-',
            shipment: o.shipment ?? '-',
            seconds: (o.ms / 1000).toFixed(1),
          },
    ),
  );
}

async function main(): Promise<void> {
  const c = loadConfig(DemoConfig);
  await checkPlatformReady(c);
  const started: Stoppable[] = [];
  const gateway = await gatewayUrl(c, started);

  // The partner consumes its feed with its own user, which can read that queue and nothing else.
  const partnerUser = await createPartnerUser(c.BUS_NAMESPACE, c, 'vnpost-demo');
  const partner = new SimulatorProcess({
    PARTNER_AMQP_URL: partnerUser.amqpUrl,
    BUS_NAMESPACE: c.BUS_NAMESPACE,
    POSTAL_URL: c.DEMO_POSTAL_URL,
    SIMULATOR_CONTROL_PORT: '0',
    SIMULATOR_STEP_DELAY_MS: '150',
  });
  partner.start();
  started.push(partner);

  let outcomes: Outcome[];
  try {
    const urls: PlatformUrls = {
      intake: c.DEMO_INTAKE_URL,
      processing: c.DEMO_PROCESSING_URL,
      payment: c.DEMO_PAYMENT_URL,
      postal: c.DEMO_POSTAL_URL,
      gateway,
      partner: await partner.controlUrl(),
    };
    outcomes = await playJourneys(c, urls);
  } finally {
    for (const s of started.reverse()) await s.stop();
    await deletePartnerUser(partnerUser.user, c);
  }

  printSummary(outcomes);
  if (outcomes.some((o) => 'error' in o)) process.exit(1);
}

main().catch((err: Error) => {
  process.stderr.write(`demo: ${err.message}\n`);
  process.exit(1);
});
