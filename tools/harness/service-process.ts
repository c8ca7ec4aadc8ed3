import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_SERVICES, serviceEntry } from '../platform';
import { serviceDatabaseUrl } from '../db-bootstrap';
import { ensureDevPki } from '../dev-pki';
import { testConfig } from './test-env.config';
import { spawnBuilt } from './spawn-built';
import { sleep } from './wait';

export type ServiceKey = (typeof PLATFORM_SERVICES)[number]['name'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** One real service process, started from the compiled build as an operator would. */
export class ServiceProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly name: ServiceKey,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    const child = spawnBuilt(serviceEntry(this.name), this.env, this.output);
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.child = child;
  }

  /** The OS process id while running (benchmarks lower a process's CPU priority with it). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async waitExit(timeoutMs = 30000): Promise<number | null | 'timeout'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    try {
      return await Promise.race([this.exited!, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM, as an orchestrator stops a pod; resolves to the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null | 'timeout'> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.child!.kill(signal);
    const code = await this.waitExit(30000);
    if (code === 'timeout') this.child!.kill('SIGKILL');
    return code;
  }

  async ready(timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited during start-up:\n${this.output.slice(-30).join('\n')}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.output.slice(-30).join('\n')}`);
  }

  /** Parsed JSON log lines (non-JSON lines are skipped). */
  logs(): Record<string, unknown>[] {
    return this.output.flatMap((l) => {
      try {
        return [JSON.parse(l)];
      } catch {
        return [];
      }
    });
  }
}

export const E2E_RETRY_DELAYS = [200, 500];

let testKey: { SIGNING_P12_PATH: string; SIGNING_P12_PASSPHRASE: string } | undefined;

/** processing refuses to boot without its signing key: a throw-away one per test process. */
function testSigningEnv(): { SIGNING_P12_PATH: string; SIGNING_P12_PASSPHRASE: string } {
  if (!testKey) {
    const pki = ensureDevPki(mkdtempSync(join(tmpdir(), 'dvc-pki-')));
    testKey = { SIGNING_P12_PATH: pki.p12Path, SIGNING_P12_PASSPHRASE: pki.passphrase };
  }
  return testKey;
}

/**
 * intake and processing stream each other's files (docs/adr/0010): each learns where the other
 * listens. `planned` is every service about to start, with its port and env; the first instance
 * of each serves the other's requests (replicas behind one Service in production).
 */
export function linkFileOwners(
  planned: readonly { name: ServiceKey; port: number; env: Record<string, string> }[],
): void {
  const url = (name: ServiceKey) => {
    const p = planned.find((x) => x.name === name);
    return p ? `http://127.0.0.1:${p.port}` : undefined;
  };
  for (const p of planned) {
    const other = p.name === 'intake' ? 'processing' : p.name === 'processing' ? 'intake' : undefined;
    const target = other && url(other);
    if (target) p.env[other === 'processing' ? 'PROCESSING_URL' : 'INTAKE_URL'] ??= target;
  }
}

/** The environment a service gets in end-to-end tests: test database, its own role, a private bus namespace. */
export async function serviceEnv(
  name: ServiceKey,
  namespace: string,
  extra: Record<string, string> = {},
): Promise<{ port: number; env: Record<string, string> }> {
  const port = await freePort();
  return {
    port,
    env: {
      PORT: String(port),
      DATABASE_URL: serviceDatabaseUrl(name, testConfig.TEST_DATABASE),
      AMQP_URL: testConfig.AMQP_URL,
      BUS_NAMESPACE: namespace,
      BUS_RETRY_DELAYS_MS: E2E_RETRY_DELAYS.join(','),
      OUTBOX_POLL_INTERVAL_MS: '250',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: '5000',
      ...(name === 'processing' ? testSigningEnv() : {}),
      ...extra,
    },
  };
}
