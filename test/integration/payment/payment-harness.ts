import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ChannelModel, connect } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '@dvc/config';
import { AnyEventEnvelope, createEvent, EventEnvelope, EventType, PayloadOf, routingKeyOf } from '@dvc/contracts';
import { connectEventBus, declareEventsExchange } from '@dvc/messaging';
import { runMigrationsLocked } from '@dvc/persistence';
import { hashPortalKey } from '@dvc/auth';
import { PaymentConfig, paymentModule } from '../../../apps/payment/src';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import { GatewaySimulatorProcess } from '../../../tools/gateway-simulator.process';
import { E2E_RETRY_DELAYS, serviceEnv } from '../../../tools/harness/service-process';
import { testConfig, uniqueNamespace } from '../../../tools/harness/test-env.config';
import { waitFor } from '../../../tools/harness/wait';
import { bootstrapDatabase, serviceDatabaseUrl } from '../../../tools/db-bootstrap';

/** payment's own test database: other suites' global reset of dvc_test never pulls it from under us. */
export const PAYMENT_TEST_DATABASE = `${testConfig.TEST_DATABASE}_payment`;

export const DOSSIER_PREFIX = '000.00.12.H30-260511-';
let seq = Math.floor(Math.random() * 1_000_000);
export const newDossierCode = () => `${DOSSIER_PREFIX}${String(++seq).padStart(7, '0')}`;

/**
 * The real payment application in this process (so tests can call its expiry job), on the real
 * PostgreSQL and RabbitMQ, talking HTTP to the gateway simulator running as its own process. A
 * queue of the test's own, bound to payment.* in the test's namespace, sees what payment publishes.
 */
export class PaymentHarness {
  app!: NestExpressApplication;
  ds!: DataSource;
  sim!: GatewaySimulatorProcess;
  config!: PaymentConfig;
  namespace = uniqueNamespace('pay');
  port = 0;
  apiKey = `dvc_${randomBytes(32).toString('base64url')}`;
  private amqp!: ChannelModel;
  private eventsQueue = '';
  private seen: AnyEventEnvelope[] = [];

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(extra: Record<string, string> = {}): Promise<void> {
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: PAYMENT_TEST_DATABASE, reset: true });
    const { port, env } = await serviceEnv('payment', this.namespace);
    this.port = port;
    this.sim = new GatewaySimulatorProcess({
      SIM_IPN_URL: `${this.url}/v1/payments/vnpay/ipn`,
      SIM_WEBHOOK_URL: `${this.url}/v1/payments/webhooks/hub`,
    });
    await this.sim.start();
    this.config = loadConfig(PaymentConfig, {
      ...env,
      DATABASE_URL: serviceDatabaseUrl('payment', PAYMENT_TEST_DATABASE),
      VNPAY_PAYMENT_URL: `${this.sim.url}/paymentv2/vpcpay.html`,
      VNPAY_API_URL: `${this.sim.url}/merchant_webapi/api/transaction`,
      VNPAY_RETURN_URL: `${this.url}/v1/payments/vnpay/return`,
      EXPIRY_JOB_INTERVAL_MS: '0',
      LOG_LEVEL: 'silent',
      ...extra,
    });
    // The same set-up as bootstrapService, minus signal handlers and a fixed port.
    this.app = await NestFactory.create<NestExpressApplication>(paymentModule(this.config) as never, {
      bodyParser: false,
      rawBody: true,
      logger: false,
    });
    this.app.useBodyParser('json', { limit: this.config.JSON_BODY_LIMIT_BYTES });
    this.app.useBodyParser('urlencoded', { extended: true, limit: this.config.JSON_BODY_LIMIT_BYTES });
    this.ds = this.app.get(DataSource);
    await runMigrationsLocked(this.ds, 'payment');
    connectEventBus(this.app as INestApplication);
    await this.app.listen(port, '127.0.0.1');
    await this.app.startAllMicroservices();

    this.amqp = await connect(testConfig.AMQP_URL);
    const ch = await this.amqp.createChannel();
    const exchange = await declareEventsExchange(ch, this.namespace);
    this.eventsQueue = `${this.namespace}.test.payment-events`;
    await ch.assertQueue(this.eventsQueue, { durable: false });
    for (const key of ['payment.succeeded.v1', 'payment.failed.v1', 'payment.refunded.v1'])
      await ch.bindQueue(this.eventsQueue, exchange, key);
    await ch.close();

    await this.publish(
      'portal.key_issued',
      {
        portalId: randomUUID(),
        portalName: 'Cổng thử nghiệm thanh toán',
        keyHash: hashPortalKey(this.apiKey),
        issuedAt: new Date().toISOString(),
      },
      'test',
    );
    await waitFor(
      'portal key copied',
      async () =>
        (await this.ds.query('SELECT 1 FROM payment.portal_keys WHERE key_hash = $1', [hashPortalKey(this.apiKey)]))
          .length > 0,
    );
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.sim?.stop();
    if (this.amqp) {
      const ch = await this.amqp.createChannel();
      await ch.deleteQueue(this.eventsQueue).catch(() => undefined);
      await ch.close().catch(() => undefined);
      await this.amqp.close().catch(() => undefined);
    }
    const probe = await BrokerProbe.open();
    await probe.deleteNamespace(this.namespace, ['payment'], E2E_RETRY_DELAYS);
    await probe.close();
  }

  /** Publishes an event to the namespace's exchange as its producer's relay would. */
  async publish<T extends EventType>(type: T, data: PayloadOf<T>, source = 'processing'): Promise<EventEnvelope<T>> {
    const event = createEvent(type, data, {
      source,
      correlationId: (data as { dossierCode?: string }).dossierCode ?? 'test',
    });
    const probe = await BrokerProbe.open();
    try {
      await probe.publishRaw(this.namespace, routingKeyOf(type), Buffer.from(JSON.stringify(event)), event.id);
    } finally {
      await probe.close();
    }
    return event;
  }

  /** fee.assessed as processing sends it, then waits for the order. */
  async assessFee(
    o: {
      level?: 3 | 4;
      method?: 'online' | 'postal_cod' | 'office' | 'none';
      amount?: number;
      dossierCode?: string;
    } = {},
  ) {
    const dossierCode = o.dossierCode ?? newDossierCode();
    const amount = o.amount ?? 50000;
    await this.publish('fee.assessed', {
      dossierCode,
      feeId: `${dossierCode}:fee`,
      amount,
      currency: 'VND',
      items: [{ code: 'LP01', name: 'Phí mua hóa đơn lẻ', amount }],
      paymentMethod: o.method ?? 'online',
      level: o.level ?? 4,
    });
    const order = await waitFor(
      'payment order',
      async () =>
        (await this.ds.query('SELECT * FROM payment.payment_orders WHERE dossier_code = $1', [dossierCode]))[0],
    );
    return { dossierCode, orderId: order.id as string, reference: order.reference as string, amount };
  }

  /** Every payment.* event that reached the test's queue so far. */
  async events(): Promise<AnyEventEnvelope[]> {
    const ch = await this.amqp.createChannel();
    try {
      for (;;) {
        const m = await ch.get(this.eventsQueue, { noAck: true });
        if (!m) break;
        this.seen.push(JSON.parse(m.content.toString('utf8')));
      }
    } finally {
      await ch.close();
    }
    return this.seen;
  }

  async eventsFor(dossierCode: string, type?: string): Promise<AnyEventEnvelope[]> {
    return (await this.events()).filter((e) => e.correlationId === dossierCode && (!type || e.type === type));
  }

  async order(id: string) {
    const [row] = await this.ds.query('SELECT * FROM payment.payment_orders WHERE id = $1', [id]);
    return row;
  }

  async callbacks(reference: string) {
    return this.ds.query(
      `SELECT channel, verdict_code, verdict, query, order_id FROM payment.gateway_callbacks WHERE query LIKE '%' || $1 || '%' OR body LIKE '%' || $1 || '%' ORDER BY received_at`,
      [reference],
    );
  }
}
