import { cpus, totalmem } from 'node:os';

/** The machine a benchmark ran on, first line of every report: figures mean nothing without it. */
export function machineLine(extra?: string): string {
  const cpu = cpus()[0]?.model ?? '?';
  const memory = Math.round(totalmem() / 2 ** 30);
  return `machine: ${cpus().length} cores (${cpu}), ${memory} GiB, Node ${process.version}${extra ? `; ${extra}` : ''}\n`;
}

/** Runs a benchmark's main and exits: 0 when it finished, 1 with the stack when it failed. */
export function runBench(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: Error) => {
      process.stderr.write(`${name} failed: ${err.stack ?? err.message}\n`);
      process.exit(1);
    },
  );
}
