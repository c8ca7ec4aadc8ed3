import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDevPki } from './dev-pki';
import { sleep } from './harness/wait';
import { repoRoot } from './repo-root';

/** The four services, their entry points and default ports (3001-3004). */
export const PLATFORM_SERVICES = [
  { name: 'intake', port: 3001 },
  { name: 'processing', port: 3002 },
  { name: 'payment', port: 3003 },
  { name: 'postal-delivery', port: 3004 },
] as const;

export function serviceEntry(name: string): string {
  return join(repoRoot(), 'dist', 'apps', name, 'src', 'main.js');
}

const runDir = () => join(repoRoot(), '.run');
const pidFile = (name: string) => join(runDir(), `${name}.pid`);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function runningPid(name: string): number | undefined {
  if (!existsSync(pidFile(name))) return undefined;
  const pid = Number(readFileSync(pidFile(name), 'utf8'));
  return pid > 0 && alive(pid) ? pid : undefined;
}

/** Polls GET /health/ready until 200 or the deadline. */
export async function waitReady(
  port: number,
  timeoutMs: number,
  isAlive: () => boolean = () => true,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && isAlive()) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  return false;
}

async function up(): Promise<void> {
  mkdirSync(runDir(), { recursive: true });
  // processing will not boot without a signing key: unless one is configured, a local platform
  // signs with a throw-away one at processing's default path (var/pki/agency.p12), made on first start.
  if (!process.env.SIGNING_P12_PATH) ensureDevPki(join(repoRoot(), 'var', 'pki'));
  for (const s of PLATFORM_SERVICES) {
    if (runningPid(s.name)) continue;
    const log = openSync(join(runDir(), `${s.name}.log`), 'a');
    const child = spawn(process.execPath, [serviceEntry(s.name)], {
      detached: true,
      stdio: ['ignore', log, log],
      env: process.env,
    });
    closeSync(log);
    writeFileSync(pidFile(s.name), String(child.pid));
    child.unref();
  }
  const results = await Promise.all(
    PLATFORM_SERVICES.map(async (s) => ({
      ...s,
      ready: await waitReady(s.port, 90_000, () => runningPid(s.name) !== undefined),
    })),
  );
  process.stdout.write('\nDVC platform\n');
  for (const r of results) {
    process.stdout.write(
      `  ${r.name.padEnd(16)} http://127.0.0.1:${r.port}   ${r.ready ? 'ready' : 'NOT READY'}   (log: .run/${r.name}.log)\n`,
    );
  }
  process.stdout.write('\nHealth: GET /health/live, /health/ready. Stop with: npm run stop\n');
  if (results.some((r) => !r.ready)) process.exit(1);
}

async function down(): Promise<void> {
  for (const s of PLATFORM_SERVICES) {
    const pid = runningPid(s.name);
    if (pid) {
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100 && alive(pid); i++) await sleep(100);
      if (alive(pid)) process.kill(pid, 'SIGKILL');
      process.stdout.write(`stopped ${s.name} (pid ${pid})\n`);
    }
    rmSync(pidFile(s.name), { force: true });
  }
}

if (require.main === module) {
  const command = process.argv[2];
  const run = command === 'up' ? up : command === 'down' ? down : undefined;
  if (!run) {
    process.stderr.write('usage: node dist/tools/platform.js up|down\n');
    process.exit(2);
  }
  run().catch((err: Error) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
