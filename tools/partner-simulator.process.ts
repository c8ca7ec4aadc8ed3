import { ChildProcess, execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createEvent, EventEnvelope, POSTAL_PARTNER_HEADERS, signPartnerReport } from '@dvc/contracts';
import { repoRoot } from './repo-root';
import { spawnBuilt } from './harness/spawn-built';
import { sleep } from './harness/wait';

const run = promisify(execFile);

/** The broker the partner's user is made on: its URL (the user's URL is derived from it) and how to reach rabbitmqctl. */
export interface PartnerBroker {
  AMQP_URL: string;
  RABBITMQCTL: string;
}

/**
 * The postal partner's restricted broker user, limited to one bus namespace, created by the same
 * script an operator runs (infra/rabbitmq/postal-partner-user.sh, through rabbitmqctl).
 */
export async function createPartnerUser(
  namespace: string,
  broker: PartnerBroker,
  user = `partner-${namespace}`,
): Promise<{ user: string; password: string; amqpUrl: string }> {
  const password = randomBytes(12).toString('hex');
  await run('bash', [join(repoRoot(), 'infra', 'rabbitmq', 'postal-partner-user.sh'), user, namespace], {
    env: { ...process.env, POSTAL_PARTNER_PASSWORD: password, RABBITMQCTL: broker.RABBITMQCTL },
    timeout: 60000,
  });
  const u = new URL(broker.AMQP_URL);
  u.username = user;
  u.password = password;
  return { user, password, amqpUrl: u.toString() };
}

export async function deletePartnerUser(user: string, broker: Pick<PartnerBroker, 'RABBITMQCTL'>): Promise<void> {
  await run('bash', [join(repoRoot(), 'infra', 'rabbitmq', 'postal-partner-user.sh'), '--delete', user], {
    env: { ...process.env, RABBITMQCTL: broker.RABBITMQCTL },
    timeout: 60000,
  }).catch(() => undefined);
}

/** The partner simulator (partner-simulator.ts next to this file), compiled, as a real process. */
export class SimulatorProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(readonly env: Record<string, string>) {}

  start(): void {
    this.child = spawnBuilt(join(repoRoot(), 'dist', 'tools', 'partner-simulator.js'), this.env, this.output);
  }

  /** With SIMULATOR_CONTROL_PORT set: where its control API listens, once it printed it. */
  async controlUrl(timeoutMs = 15000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const line = this.lines().find((l) => l.msg === 'control');
      if (line) return `http://127.0.0.1:${String(line.port)}`;
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) break;
      await sleep(50);
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

// ---- the platform's side seen from outside, for the postal tests and bench ----

/** The local default key of partner "vnpost" (PostalDeliveryConfig.POSTAL_PARTNER_KEYS). */
export const TEST_PARTNER = { id: 'vnpost', key: 'local-only-postal-partner-key' };

/** Headers of a report signed as the partner signs it. */
export function partnerHeaders(
  rawBody: string,
  o: { timestamp?: number; key?: string; partner?: string } = {},
): Record<string, string> {
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    [POSTAL_PARTNER_HEADERS.PARTNER]: o.partner ?? TEST_PARTNER.id,
    [POSTAL_PARTNER_HEADERS.TIMESTAMP]: timestamp,
    [POSTAL_PARTNER_HEADERS.SIGNATURE]: signPartnerReport(o.key ?? TEST_PARTNER.key, timestamp, rawBody),
  };
}

/** A result.issued by post, as processing publishes it. */
export function postalResultIssued(
  dossierCode: string,
  o: { codAmount?: number; province?: string; resultId?: string } = {},
): EventEnvelope<'result.issued'> {
  return createEvent(
    'result.issued',
    {
      dossierCode,
      resultId: o.resultId ?? `${dossierCode}:result`,
      documents: [{ name: 'quyet-dinh.pdf', sha256: createHash('sha256').update(dossierCode).digest('hex') }],
      deliveryMethod: 'postal',
      deliveryAddress: {
        recipientName: 'Trần Văn Bình',
        phone: '0912345678',
        street: '12 Lê Lợi',
        ward: 'Phường Sài Gòn',
        province: o.province ?? 'Thành phố Hồ Chí Minh',
      },
      codAmount: o.codAmount ?? 50000,
      issuedAt: new Date().toISOString(),
    },
    { source: 'processing', correlationId: dossierCode },
  );
}
