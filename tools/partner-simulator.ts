/**
 * The postal partner, simulated: a separate process that consumes the delivery feed with the
 * partner's own restricted broker credentials (it can read its feed queue and nothing else) and
 * reports each step of each parcel back, signed, over the HTTP webhook (or AMQP), as VNPost's
 * integration would. Used by the tests and the demo.
 *
 *   PARTNER_AMQP_URL=amqp://vnpost:secret@127.0.0.1:5672 POSTAL_URL=http://127.0.0.1:3004 \
 *   SIMULATOR_SCENARIOS=normal,fail_then_deliver,fail_twice_return node dist/tools/partner-simulator.js
 *
 * Scenarios, taken in turn for each new parcel: normal (delivered, COD collected in full),
 * fail_then_deliver (receiver absent once, delivered on the second attempt), fail_twice_return
 * (absent twice, returned to the sender), short_cod (delivered, 10,000 VND less collected).
 * A cancelled parcel stops where it is. One JSON line per report on stdout.
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ChannelModel, ConfirmChannel, connect, ConsumeMessage } from 'amqplib';
import { loadConfig } from '@dvc/config';
import {
  namespaced,
  PartnerFeedMessage,
  PartnerReportStatus,
  POSTAL_PARTNER,
  POSTAL_PARTNER_HEADERS,
  POSTAL_PARTNER_ROUTING_KEYS,
  POSTAL_PARTNER_WEBHOOK_PATH,
  signPartnerReport,
} from '@dvc/contracts';

export const SIMULATOR_SCENARIOS = ['normal', 'fail_then_deliver', 'fail_twice_return', 'short_cod'] as const;
export type SimulatorScenario = (typeof SIMULATOR_SCENARIOS)[number];

export class PartnerSimulatorConfig {
  /** The partner's own broker user (infra/rabbitmq/postal-partner-user.sh). */
  @Matches(/^amqps?:\/\/.+/) PARTNER_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  @Matches(/^[a-z0-9-]*$/) BUS_NAMESPACE = '';
  /** postal-delivery's base URL, for the webhook. */
  @Matches(/^https?:\/\/.+/) POSTAL_URL = 'http://127.0.0.1:3004';
  @Matches(/^[a-z0-9-]+$/) PARTNER_ID = 'vnpost';
  @IsString() @Matches(/^.{16,}$/) PARTNER_KEY = 'local-only-postal-partner-key';
  /** Comma-separated, used in turn for each new parcel. */
  @Matches(new RegExp(`^(${SIMULATOR_SCENARIOS.join('|')})(,(${SIMULATOR_SCENARIOS.join('|')}))*$`)) SIMULATOR_SCENARIOS = 'normal';
  @IsIn(['http', 'amqp']) SIMULATOR_CHANNEL: 'http' | 'amqp' = 'http';
  /** Pause between two steps of a parcel. */
  @Type(() => Number) @IsInt() @Min(0) @Max(60000) SIMULATOR_STEP_DELAY_MS = 20;
}

interface Step {
  status: PartnerReportStatus;
  extra?: Record<string, unknown>;
}

const ABSENT = 'Người nhận vắng nhà / receiver absent';

export function scenarioSteps(scenario: SimulatorScenario, parcel: { codAmount: number; recipientName: string }): Step[] {
  const start: Step[] = [{ status: 'accepted_by_post_office', extra: { postOffice: 'Bưu cục Trung tâm' } }, { status: 'picked_up' }, { status: 'in_transit' }, { status: 'out_for_delivery' }];
  const delivered = (cod: number): Step => ({ status: 'delivered', extra: { codCollected: cod, recipientName: parcel.recipientName } });
  const failed = (attempt: number): Step => ({ status: 'delivery_failed', extra: { reason: ABSENT, attempt } });
  switch (scenario) {
    case 'normal':
      return [...start, delivered(parcel.codAmount)];
    case 'short_cod':
      return [...start, delivered(Math.max(0, parcel.codAmount - 10000))];
    case 'fail_then_deliver':
      return [...start, failed(1), { status: 'out_for_delivery' }, delivered(parcel.codAmount)];
    case 'fail_twice_return':
      return [...start, failed(1), { status: 'out_for_delivery' }, failed(2), { status: 'returning' }, { status: 'returned_to_sender' }];
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

export class PartnerSimulator {
  private connection?: ChannelModel;
  private reportChannel?: ConfirmChannel;
  private turn = 0;
  private stopping = false;
  private lastAt = 0;
  private readonly cancelled = new Set<string>();
  private readonly scenarios: SimulatorScenario[];

  constructor(private readonly c: PartnerSimulatorConfig) {
    this.scenarios = c.SIMULATOR_SCENARIOS.split(',') as SimulatorScenario[];
  }

  async start(): Promise<void> {
    this.connection = await connect(this.c.PARTNER_AMQP_URL, { clientProperties: { connection_name: `partner-simulator:${this.c.PARTNER_ID}` } });
    this.connection.on('close', () => {
      if (this.stopping) return;
      log({ msg: 'broker connection closed; exiting' });
      process.exit(1);
    });
    const feed = await this.connection.createChannel();
    if (this.c.SIMULATOR_CHANNEL === 'amqp') this.reportChannel = await this.connection.createConfirmChannel();
    await feed.prefetch(8);
    const queue = namespaced(POSTAL_PARTNER.FEED_QUEUE, this.c.BUS_NAMESPACE);
    // No assertQueue: the partner's user may configure nothing; the queue is ours to declare.
    await feed.consume(queue, (m) => void this.onFeed(m).then(() => m && feed.ack(m)).catch((err: Error) => {
      log({ msg: 'feed message failed; left for redelivery', error: err.message });
      if (m) feed.nack(m, false, true);
    }));
    log({ msg: 'partner simulator consuming', queue, channel: this.c.SIMULATOR_CHANNEL, scenarios: this.scenarios });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.connection?.close().catch(() => undefined);
  }

  private async onFeed(m: ConsumeMessage | null): Promise<void> {
    if (!m) return;
    const message = JSON.parse(m.content.toString('utf8')) as PartnerFeedMessage;
    if (message.type === 'delivery.cancelled') {
      this.cancelled.add(message.data.shipmentId);
      log({ msg: 'cancelled', shipmentId: message.data.shipmentId });
      return;
    }
    if (message.type !== 'delivery.requested' || message.version !== 1) {
      log({ msg: 'unknown feed message skipped', type: message.type, version: message.version });
      return;
    }
    const d = message.data;
    const scenario = this.scenarios[this.turn++ % this.scenarios.length];
    log({ msg: 'parcel taken', shipmentId: d.shipmentId, orderNumber: d.orderNumber, scenario, codAmount: d.codAmount });
    const steps = scenarioSteps(scenario, { codAmount: d.codAmount, recipientName: d.receiver.recipientName });
    for (const [i, step] of steps.entries()) {
      if (this.c.SIMULATOR_STEP_DELAY_MS) await sleep(this.c.SIMULATOR_STEP_DELAY_MS);
      if (this.cancelled.has(d.shipmentId)) return;
      await this.report(d.shipmentId, i + 1, step);
    }
  }

  private async report(shipmentId: string, n: number, step: Step): Promise<void> {
    // Strictly increasing times: the platform ignores a step no newer than the last one it applied.
    this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    const body = JSON.stringify({ version: 1, eventId: `${shipmentId}:${n}`, shipmentId, status: step.status, occurredAt: new Date(this.lastAt).toISOString(), ...step.extra });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      [POSTAL_PARTNER_HEADERS.PARTNER]: this.c.PARTNER_ID,
      [POSTAL_PARTNER_HEADERS.TIMESTAMP]: timestamp,
      [POSTAL_PARTNER_HEADERS.SIGNATURE]: signPartnerReport(this.c.PARTNER_KEY, timestamp, body),
    };
    if (this.reportChannel) {
      const ch = this.reportChannel;
      await new Promise<void>((resolve, reject) =>
        ch.publish(namespaced(POSTAL_PARTNER.REPORTS_EXCHANGE, this.c.BUS_NAMESPACE), POSTAL_PARTNER_ROUTING_KEYS.STATUS_REPORTED_V1, Buffer.from(body), {
          persistent: true, mandatory: true, contentType: 'application/json', messageId: `${shipmentId}:${n}`, headers,
        }, (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('not confirmed')) : resolve())),
      );
      log({ msg: 'report', channel: 'amqp', shipmentId, status: step.status });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${this.c.POSTAL_URL}${POSTAL_PARTNER_WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
        const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        log({ msg: 'report', channel: 'http', shipmentId, status: step.status, http: res.status, outcome: answer.outcome ?? answer.code });
        if (res.status < 500) return;
      } catch (err) {
        log({ msg: 'report not delivered; retrying', shipmentId, status: step.status, error: (err as Error).message });
      }
      if (attempt >= 5) throw new Error(`report ${shipmentId}:${n} not accepted after ${attempt} attempts`);
      await sleep(500 * attempt);
    }
  }
}

if (require.main === module) {
  const simulator = new PartnerSimulator(loadConfig(PartnerSimulatorConfig));
  const stop = () => void simulator.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  simulator.start().catch((err: Error) => {
    log({ msg: 'partner simulator failed to start', error: err.message });
    process.exit(1);
  });
}
