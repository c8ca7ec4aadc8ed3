import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { Channel, ChannelModel, connect } from 'amqplib';
import { createEvent, EventEnvelope, POSTAL_PARTNER_HEADERS, signPartnerReport } from '@dvc/contracts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../../tools/repo-root';
import { testConfig } from './test.config';

const run = promisify(execFile);

/**
 * The postal partner's restricted broker user, created in a test namespace by the same script an
 * operator runs (infra/rabbitmq/postal-partner-user.sh, through rabbitmqctl).
 */
export async function createPartnerUser(namespace: string): Promise<{ user: string; password: string; amqpUrl: string }> {
  const user = `partner-${namespace}`;
  const password = randomBytes(12).toString('hex');
  await run('bash', [join(repoRoot(), 'infra', 'rabbitmq', 'postal-partner-user.sh'), user, namespace], {
    env: { ...process.env, POSTAL_PARTNER_PASSWORD: password, RABBITMQCTL: testConfig.RABBITMQCTL },
    timeout: 60000,
  });
  const u = new URL(testConfig.AMQP_URL);
  u.username = user;
  u.password = password;
  return { user, password, amqpUrl: u.toString() };
}

export async function deletePartnerUser(user: string): Promise<void> {
  await run('bash', [join(repoRoot(), 'infra', 'rabbitmq', 'postal-partner-user.sh'), '--delete', user], { env: { ...process.env, RABBITMQCTL: testConfig.RABBITMQCTL }, timeout: 60000 }).catch(() => undefined);
}

/** The partner simulator (tools/partner-simulator.ts), compiled, as a real process. */
export class SimulatorProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(readonly env: Record<string, string>) {}

  start(): void {
    const entry = join(repoRoot(), 'dist', 'tools', 'partner-simulator.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    const child = spawn(process.execPath, [entry], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.child = child;
  }

  /** With SIMULATOR_CONTROL_PORT set: where its control API listens, once it printed it. */
  async controlUrl(timeoutMs = 15000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = this.lines().find((l) => l.msg === 'control');
      if (line) return `http://127.0.0.1:${String(line.port)}`;
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`the partner simulator printed no control port:\n${this.output.slice(-20).join('\n')}`);
  }

  lines(): Record<string, unknown>[] {
    return this.output.flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

// ---- helpers of the postal tests and bench: the platform's side seen from outside ----

/** The local default key of partner "vnpost" (PostalDeliveryConfig.POSTAL_PARTNER_KEYS). */
export const TEST_PARTNER = { id: 'vnpost', key: 'local-only-postal-partner-key' };

/** Headers of a report signed as the partner signs it. */
export function partnerHeaders(rawBody: string, o: { timestamp?: number; key?: string; partner?: string } = {}): Record<string, string> {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    [POSTAL_PARTNER_HEADERS.PARTNER]: o.partner ?? TEST_PARTNER.id,
    [POSTAL_PARTNER_HEADERS.TIMESTAMP]: timestamp,
    [POSTAL_PARTNER_HEADERS.SIGNATURE]: signPartnerReport(o.key ?? TEST_PARTNER.key, timestamp, rawBody),
  };
}

let reportSeq = 0;
/** A status report body (v1); `occurredAt` strictly increases across calls unless given. */
export function statusReport(shipmentId: string, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  reportSeq++;
  return { version: 1, eventId: `test-${process.pid}-${Date.now()}-${reportSeq}`, shipmentId, status, occurredAt: new Date(Date.now() + reportSeq).toISOString(), ...extra };
}

/** A result.issued by post, as processing publishes it. */
export function postalResultIssued(dossierCode: string, o: { codAmount?: number; province?: string; resultId?: string } = {}): EventEnvelope<'result.issued'> {
  return createEvent(
    'result.issued',
    {
      dossierCode,
      resultId: o.resultId ?? `${dossierCode}:result`,
      documents: [{ name: 'quyet-dinh.pdf', sha256: createHash('sha256').update(dossierCode).digest('hex') }],
      deliveryMethod: 'postal',
      deliveryAddress: { recipientName: 'Trần Văn Bình', phone: '0912345678', street: '12 Lê Lợi', ward: 'Phường Sài Gòn', province: o.province ?? 'Thành phố Hồ Chí Minh' },
      codAmount: o.codAmount ?? 50000,
      issuedAt: new Date().toISOString(),
    },
    { source: 'processing', correlationId: dossierCode },
  );
}

let dossierSeq = 0;
/** A dossier code no other test uses. */
export function uniqueDossierCode(): string {
  const seq = `${process.pid % 1000}${String(Date.now() % 100000).padStart(5, '0')}${++dossierSeq}`;
  return `000.00.12.H30-260511-${seq}`;
}

/**
 * Collects what arrives on a queue bound to an exchange of the test namespace (delivery.* on the
 * internal bus, or the partner's feed), parsed, with routing key and properties.
 */
export class QueueTap {
  readonly messages: { routingKey: string; messageId?: string; type?: string; body: any }[] = [];
  private constructor(private readonly connection: ChannelModel, private readonly queue: string, private readonly temporary: boolean) {}

  /** A new queue bound to `exchange` with `patterns`; deleted by close(). */
  static async bind(exchange: string, patterns: string[]): Promise<QueueTap> {
    const connection = await connect(testConfig.AMQP_URL);
    const ch = await connection.createChannel();
    const { queue } = await ch.assertQueue(`${exchange}.tap.${randomBytes(4).toString('hex')}`, { durable: false, autoDelete: false });
    for (const p of patterns) await ch.bindQueue(queue, exchange, p);
    const tap = new QueueTap(connection, queue, true);
    await tap.consume(ch);
    return tap;
  }

  /** Consumes an existing queue (e.g. the partner's feed, as guest). */
  static async consume(queue: string): Promise<QueueTap> {
    const connection = await connect(testConfig.AMQP_URL);
    const tap = new QueueTap(connection, queue, false);
    await tap.consume(await connection.createChannel());
    return tap;
  }

  private async consume(ch: Channel): Promise<void> {
    await ch.consume(this.queue, (m) => {
      if (!m) return;
      let body: unknown;
      try {
        body = JSON.parse(m.content.toString('utf8'));
      } catch {
        body = m.content.toString('utf8');
      }
      this.messages.push({ routingKey: m.fields.routingKey, messageId: m.properties.messageId, type: m.properties.type, body });
      ch.ack(m);
    });
  }

  of(routingKey: string, predicate: (body: any) => boolean = () => true) {
    return this.messages.filter((m) => m.routingKey === routingKey && predicate(m.body));
  }

  async close(): Promise<void> {
    if (this.temporary) {
      const ch = await this.connection.createChannel();
      await ch.deleteQueue(this.queue).catch(() => undefined);
    }
    await this.connection.close().catch(() => undefined);
  }
}
