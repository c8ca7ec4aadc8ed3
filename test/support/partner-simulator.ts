import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
