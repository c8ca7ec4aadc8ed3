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
 *
 * With SIMULATOR_CONTROL_PORT (0: any free port, printed as {"msg":"control","port":N}), a test or
 * the demo plans a dossier's parcel: POST /scenarios {"dossierCode", "scenario"}; unplanned parcels
 * take the scenarios in turn. SIMULATOR_DUPLICATE_RATE sends that share of reports twice, as a
 * partner's retry would. The broker going away is survived by reconnecting, as a partner must.
 */
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
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
import { sleep } from './harness/wait';

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
  @Matches(new RegExp(`^(${SIMULATOR_SCENARIOS.join('|')})(,(${SIMULATOR_SCENARIOS.join('|')}))*$`))
  SIMULATOR_SCENARIOS = 'normal';
  @IsIn(['http', 'amqp']) SIMULATOR_CHANNEL: 'http' | 'amqp' = 'http';
  /** Pause between two steps of a parcel. */
  @Type(() => Number) @IsInt() @Min(0) @Max(60000) SIMULATOR_STEP_DELAY_MS = 20;
  /** -1: no control API; 0: any free port. */
  @Type(() => Number) @IsInt() @Min(-1) @Max(65535) SIMULATOR_CONTROL_PORT = -1;
  /** Share of reports sent a second time (same event id). */
  @Type(() => Number) @Min(0) @Max(1) SIMULATOR_DUPLICATE_RATE = 0;
}

interface Step {
  status: PartnerReportStatus;
  extra?: Record<string, unknown>;
}

const ABSENT = 'Người nhận vắng nhà / receiver absent';

export function scenarioSteps(
  scenario: SimulatorScenario,
  parcel: { codAmount: number; recipientName: string },
): Step[] {
  const start: Step[] = [
    { status: 'accepted_by_post_office', extra: { postOffice: 'Bưu cục Trung tâm' } },
    { status: 'picked_up' },
    { status: 'in_transit' },
    { status: 'out_for_delivery' },
  ];
  const delivered = (cod: number): Step => ({
    status: 'delivered',
    extra: { codCollected: cod, recipientName: parcel.recipientName },
  });
  const failed = (attempt: number): Step => ({ status: 'delivery_failed', extra: { reason: ABSENT, attempt } });
  switch (scenario) {
    case 'normal':
      return [...start, delivered(parcel.codAmount)];
    case 'short_cod':
      return [...start, delivered(Math.max(0, parcel.codAmount - 10000))];
    case 'fail_then_deliver':
      return [...start, failed(1), { status: 'out_for_delivery' }, delivered(parcel.codAmount)];
    case 'fail_twice_return':
      return [
        ...start,
        failed(1),
        { status: 'out_for_delivery' },
        failed(2),
        { status: 'returning' },
        { status: 'returned_to_sender' },
      ];
  }
}

const log = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`);

export class PartnerSimulator {
  private connection?: ChannelModel;
  private reportChannel?: ConfirmChannel;
  private turn = 0;
  private stopping = false;
  private lastAt = 0;
  private readonly cancelled = new Set<string>();
  private readonly scenarios: SimulatorScenario[];
  /** Planned through the control API, by dossier code (the partner's order number). */
  private readonly plans = new Map<string, SimulatorScenario>();
  private control?: Server;

  constructor(private readonly c: PartnerSimulatorConfig) {
    this.scenarios = c.SIMULATOR_SCENARIOS.split(',') as SimulatorScenario[];
  }

  async start(): Promise<void> {
    if (this.c.SIMULATOR_CONTROL_PORT >= 0) await this.startControl();
    await this.connectFeed();
  }

  private async connectFeed(): Promise<void> {
    this.connection = await connect(this.c.PARTNER_AMQP_URL, {
      clientProperties: { connection_name: `partner-simulator:${this.c.PARTNER_ID}` },
    });
    this.connection.on('error', () => undefined);
    this.connection.on('close', () => {
      if (this.stopping) return;
      log({ msg: 'broker connection closed; reconnecting' });
      void this.reconnect();
    });
    const feed = await this.connection.createChannel();
    if (this.c.SIMULATOR_CHANNEL === 'amqp') {
      this.reportChannel = await this.connection.createConfirmChannel();
      this.reportChannel.on('error', (err: Error) => log({ msg: 'report channel error', error: err.message }));
    }
    await feed.prefetch(8);
    const queue = namespaced(POSTAL_PARTNER.FEED_QUEUE, this.c.BUS_NAMESPACE);
    feed.on('error', (err: Error) => log({ msg: 'feed channel error', error: err.message }));
    // After the broker went away, ack/nack on the dead channel throw: the broker redelivers anyway.
    const settle = (m: ConsumeMessage, ok: boolean) => {
      try {
        if (ok) feed.ack(m);
        else feed.nack(m, false, true);
      } catch (err) {
        log({ msg: 'could not settle a feed message; the broker will redeliver it', error: (err as Error).message });
      }
    };
    // No assertQueue: the partner's user may configure nothing; the queue is ours to declare.
    await feed.consume(queue, (m) => {
      if (!m) return;
      this.onFeed(m).then(
        () => settle(m, true),
        (err: Error) => {
          log({ msg: 'feed message failed; left for redelivery', error: err.message });
          settle(m, false);
        },
      );
    });
    log({ msg: 'partner simulator consuming', queue, channel: this.c.SIMULATOR_CHANNEL, scenarios: this.scenarios });
  }

  private async reconnect(): Promise<void> {
    while (!this.stopping) {
      await sleep(1000);
      try {
        await this.connectFeed();
        return;
      } catch (err) {
        log({ msg: 'broker not reachable yet', error: (err as Error).message });
      }
    }
  }

  private async startControl(): Promise<void> {
    this.control = createServer((req, res) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'GET' && req.url === '/health') return answer(200, { status: 'ok' });
      if (req.method !== 'POST' || req.url !== '/scenarios') return answer(404, { error: 'not found' });
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const b = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            dossierCode?: string;
            scenario?: SimulatorScenario;
          };
          if (!b.dossierCode || !SIMULATOR_SCENARIOS.includes(b.scenario as SimulatorScenario))
            return answer(400, { error: `dossierCode and one of ${SIMULATOR_SCENARIOS.join(', ')}` });
          this.plans.set(b.dossierCode, b.scenario!);
          answer(200, { dossierCode: b.dossierCode, scenario: b.scenario });
        } catch {
          answer(400, { error: 'JSON body expected' });
        }
      });
    });
    await new Promise<void>((resolve) => this.control!.listen(this.c.SIMULATOR_CONTROL_PORT, '127.0.0.1', resolve));
    log({ msg: 'control', port: (this.control.address() as AddressInfo).port });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.control?.close();
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
    const scenario = this.plans.get(d.orderNumber) ?? this.scenarios[this.turn++ % this.scenarios.length];
    log({
      msg: 'parcel taken',
      shipmentId: d.shipmentId,
      orderNumber: d.orderNumber,
      scenario,
      codAmount: d.codAmount,
    });
    const steps = scenarioSteps(scenario, { codAmount: d.codAmount, recipientName: d.receiver.recipientName });
    for (const [i, step] of steps.entries()) {
      if (this.c.SIMULATOR_STEP_DELAY_MS) await sleep(this.c.SIMULATOR_STEP_DELAY_MS);
      if (this.cancelled.has(d.shipmentId)) return;
      await this.report(d.shipmentId, i + 1, step);
      if (Math.random() < this.c.SIMULATOR_DUPLICATE_RATE) await this.report(d.shipmentId, i + 1, step, true);
    }
  }

  private async report(shipmentId: string, n: number, step: Step, again = false): Promise<void> {
    // Strictly increasing times: the platform ignores a step no newer than the last one it applied.
    if (!again) this.lastAt = Math.max(Date.now(), this.lastAt + 1);
    const body = JSON.stringify({
      version: 1,
      eventId: `${shipmentId}:${n}`,
      shipmentId,
      status: step.status,
      occurredAt: new Date(this.lastAt).toISOString(),
      ...step.extra,
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers = {
      [POSTAL_PARTNER_HEADERS.PARTNER]: this.c.PARTNER_ID,
      [POSTAL_PARTNER_HEADERS.TIMESTAMP]: timestamp,
      [POSTAL_PARTNER_HEADERS.SIGNATURE]: signPartnerReport(this.c.PARTNER_KEY, timestamp, body),
    };
    if (this.reportChannel) {
      const ch = this.reportChannel;
      await new Promise<void>((resolve, reject) =>
        ch.publish(
          namespaced(POSTAL_PARTNER.REPORTS_EXCHANGE, this.c.BUS_NAMESPACE),
          POSTAL_PARTNER_ROUTING_KEYS.STATUS_REPORTED_V1,
          Buffer.from(body),
          {
            persistent: true,
            mandatory: true,
            contentType: 'application/json',
            messageId: `${shipmentId}:${n}`,
            headers,
          },
          (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('not confirmed')) : resolve()),
        ),
      );
      log({ msg: 'report', channel: 'amqp', shipmentId, status: step.status });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${this.c.POSTAL_URL}${POSTAL_PARTNER_WEBHOOK_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body,
        });
        const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
        log({
          msg: 'report',
          channel: 'http',
          shipmentId,
          status: step.status,
          http: res.status,
          outcome: answer.outcome ?? answer.code,
        });
        if (res.status < 500) return;
      } catch (err) {
        log({ msg: 'report not delivered; retrying', shipmentId, status: step.status, error: (err as Error).message });
      }
      // About a minute of retries: postal-delivery may be restarting; then the feed message is redelivered.
      if (attempt >= 20) throw new Error(`report ${shipmentId}:${n} not accepted after ${attempt} attempts`);
      await sleep(Math.min(500 * attempt, 5000));
    }
  }
}

if (require.main === module) {
  // A simulator that dies takes the test's parcels with it: log anything unexpected and keep going.
  process.on('unhandledRejection', (err) =>
    log({ msg: 'unhandled rejection', error: String((err as Error)?.message ?? err) }),
  );
  const simulator = new PartnerSimulator(loadConfig(PartnerSimulatorConfig));
  const stop = () => void simulator.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  simulator.start().catch((err: Error) => {
    log({ msg: 'partner simulator failed to start', error: err.message });
    process.exit(1);
  });
}
