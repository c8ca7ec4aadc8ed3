import { loadConfig, ServiceConfig } from '@dvc/config';
import { POSTAL_PARTNER, namespaced } from '@dvc/contracts';
import { serviceDatabaseUrl } from '../db-bootstrap';
import { GatewaySimulatorProcess } from '../gateway-simulator.process';
import { BrokerProbe } from '../harness/broker-probe';
import { createPortalKey } from '../harness/portal-client';
import { E2E_RETRY_DELAYS, linkFileOwners, ServiceKey, ServiceProcess, serviceEnv } from '../harness/service-process';
import { testConfig, uniqueNamespace } from '../harness/test-env.config';
import { createPartnerUser, deletePartnerUser, SimulatorProcess } from '../partner-simulator.process';
import { eventually, Officers, PaymentDesk, Portal, type PlatformUrls, PostOffice } from './actors';
import { http } from './http';

class OfficerAuthConfig extends ServiceConfig {}

/** The actors of a journey, bound to one set of URLs (one instance of each service). */
export interface HarnessActors {
  urls: PlatformUrls;
  portal: Portal;
  officers: Officers;
  desk: PaymentDesk;
  post: PostOffice;
}

const SERVICES: ServiceKey[] = ['intake', 'processing', 'payment', 'postal-delivery'];

export interface HarnessOptions {
  /** Instances of every service (2 for the scale-out run). */
  instances?: number;
  /** Extra environment for every service (e.g. a shorter outbox poll). */
  env?: Record<string, string>;
  /** Another database than the tests' (benchmarks use their own, so test data does not skew them). */
  database?: string;
  /** Extra environment for the partner simulator (e.g. SIMULATOR_DUPLICATE_RATE). */
  partnerEnv?: Record<string, string>;
}

/**
 * The whole platform for journeys, chaos and load: every service as real processes (N instances
 * each, sharing one database and one broker namespace), the gateway simulator, the partner's
 * restricted broker user and the partner simulator consuming with it.
 */
export class PlatformHarness {
  readonly namespace = uniqueNamespace('jrny');
  readonly processes: ServiceProcess[] = [];
  gateway!: GatewaySimulatorProcess;
  partner!: SimulatorProcess;
  partnerUser?: string;
  urls!: PlatformUrls;
  portal!: Portal;
  officers!: Officers;
  desk!: PaymentDesk;
  post!: PostOffice;
  private apiKey = '';

  constructor(private readonly options: HarnessOptions = {}) {}

  of(name: ServiceKey): ServiceProcess[] {
    return this.processes.filter((p) => p.name === name);
  }

  async start(): Promise<this> {
    const instances = this.options.instances ?? 1;
    const planned: { name: ServiceKey; port: number; env: Record<string, string> }[] = [];
    for (const name of SERVICES) {
      const database: Record<string, string> = this.options.database
        ? { DATABASE_URL: serviceDatabaseUrl(name, this.options.database) }
        : {};
      for (let i = 0; i < instances; i++)
        planned.push({ name, ...(await serviceEnv(name, this.namespace, { ...database, ...this.options.env })) });
    }
    linkFileOwners(planned);
    const first = (name: ServiceKey) => `http://127.0.0.1:${planned.find((p) => p.name === name)!.port}`;
    // The gateway calls the first payment instance's IPN (VNPay keeps one IPN URL per merchant).
    this.gateway = new GatewaySimulatorProcess({
      SIM_IPN_URL: `${first('payment')}/v1/payments/vnpay/ipn`,
      SIM_WEBHOOK_URL: `${first('payment')}/v1/payments/webhooks/hub`,
    });
    await this.gateway.start();
    for (const p of planned) {
      if (p.name === 'payment') {
        Object.assign(p.env, {
          VNPAY_PAYMENT_URL: `${this.gateway.url}/paymentv2/vpcpay.html`,
          VNPAY_API_URL: `${this.gateway.url}/merchant_webapi/api/transaction`,
          VNPAY_RETURN_URL: `http://127.0.0.1:${p.port}/v1/payments/vnpay/return`,
        });
      }
      this.processes.push(new ServiceProcess(p.name, p.port, p.env));
    }
    for (const p of this.processes) p.start();
    await Promise.all(this.processes.map((p) => p.ready()));

    const partner = await createPartnerUser(this.namespace, testConfig);
    this.partnerUser = partner.user;
    this.partner = new SimulatorProcess({
      PARTNER_AMQP_URL: partner.amqpUrl,
      BUS_NAMESPACE: this.namespace,
      POSTAL_URL: first('postal-delivery'),
      SIMULATOR_CONTROL_PORT: '0',
      ...this.options.partnerEnv,
    });
    this.partner.start();
    const control = await this.partner.controlUrl();

    this.urls = {
      intake: first('intake'),
      processing: first('processing'),
      payment: first('payment'),
      postal: first('postal-delivery'),
      gateway: this.gateway.url,
      partner: control,
    };
    this.apiKey = (await createPortalKey(this.urls.intake)).apiKey;
    Object.assign(this, this.actors(this.urls));
    // payment learns the portal's key from intake's portal.key_issued: wait until it accepts it.
    await eventually(
      'payment accepts the portal key',
      async () =>
        (
          await http('GET', `${this.urls.payment}/v1/payments?dossier=000.00.12.H30-200101-0001`, {
            headers: { 'X-Api-Key': this.apiKey },
          })
        ).status !== 401,
    );
    return this;
  }

  actors(urls: PlatformUrls): HarnessActors {
    const auth = loadConfig(OfficerAuthConfig);
    const portal = new Portal(urls, this.apiKey);
    const officers = new Officers(urls, { secret: auth.OFFICER_JWT_SECRET, issuer: auth.OFFICER_JWT_ISSUER });
    return {
      urls,
      portal,
      officers,
      desk: new PaymentDesk(urls, portal, officers),
      post: new PostOffice(urls, officers),
    };
  }

  /** Round-robin over the instances of a service (the scale-out run spreads its calls). */
  urlsFor(i: number): PlatformUrls {
    const pick = (name: ServiceKey) => {
      const all = this.of(name);
      return all[i % all.length].url;
    };
    return {
      ...this.urls,
      intake: pick('intake'),
      processing: pick('processing'),
      payment: pick('payment'),
      postal: pick('postal-delivery'),
    };
  }

  async stop(): Promise<void> {
    for (const p of this.processes) await p.stop('SIGKILL');
    await this.partner?.stop();
    await this.gateway?.stop();
    if (this.partnerUser) await deletePartnerUser(this.partnerUser, testConfig);
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(this.namespace, SERVICES, E2E_RETRY_DELAYS);
    await broker.close();
  }

  /** The partner's own exchange and queue names in this namespace (for the checker). */
  partnerNames() {
    return { feed: namespaced(POSTAL_PARTNER.FEED_QUEUE, this.namespace) };
  }
}
