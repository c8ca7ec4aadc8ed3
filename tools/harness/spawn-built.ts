import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Starts a compiled entry point (dist/...) with `env` on top of ours, keeping every line it prints
 * in `output` so that a failing test can show what the process said.
 */
export function spawnBuilt(entry: string, env: Record<string, string>, output: string[]): ChildProcess {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first (npm test does)`);
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return child;
}
