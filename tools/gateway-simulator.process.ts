import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

/** The gateway simulator as a real separate process (compiled: run `npm run build` first). */
export class GatewaySimulatorProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts on a free port and resolves once it prints where it listens. */
  async start(): Promise<void> {
    const entry = join(repoRoot(), 'dist', 'tools', 'gateway-simulator.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, SIM_PORT: '0', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${this.output.join('\n')}`)), 15000);
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          this.output.push(line);
          try {
            const j = JSON.parse(line);
            if (j.port) {
              this.port = j.port;
              clearTimeout(timer);
              resolve();
            }
          } catch {
            // not JSON
          }
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
      child.on('exit', (code) => reject(new Error(`simulator exited (${code}):\n${this.output.join('\n')}`)));
    });
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }

  private async call(method: string, path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 500) throw new Error(`simulator ${path}: ${res.status} ${text}`);
    return res.headers.get('content-type')?.includes('json')
      ? { status: res.status, ...JSON.parse(text) }
      : { status: res.status, text };
  }

  /** The citizen pays (or cancels) on the payment page; the simulator calls the IPN as told. */
  pay(
    paymentUrl: string,
    o: {
      outcome?: 'success' | 'fail';
      copies?: number;
      tamper?: 'none' | 'wrong_amount' | 'forged_hash';
      notify?: boolean;
    } = {},
  ) {
    return this.call('POST', '/sim/pay', {
      paymentUrl,
      outcome: o.outcome ?? 'success',
      copies: o.copies,
      tamper: o.tamper,
      notify: o.notify,
    });
  }

  resendIpn(query: string, copies = 1) {
    return this.call('POST', '/sim/ipn', { query, copies });
  }

  webhook(o: {
    reference: string;
    amount: number;
    type?: string;
    eventId?: string;
    skewSeconds?: number;
    forge?: boolean;
  }) {
    return this.call('POST', '/sim/webhook', o);
  }

  async settlementCsv(): Promise<string> {
    return (await this.call('GET', '/sim/settlement.csv')).text;
  }
}
