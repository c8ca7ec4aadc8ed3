import { ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from './repo-root';

/** s3rver's fixed credentials: it checks request signatures against these. */
export const S3_SERVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

// Plain JavaScript run with `node -e`: s3rver needs no compiling, so a test can start it without
// `npm run build` (and never from a stale dist/). argv: port, directory, bucket.
const SERVER_SCRIPT = `
const S3rver = require('s3rver');
const [port, directory, bucket] = process.argv.slice(1);
const server = new S3rver({
  address: '127.0.0.1',
  port: Number(port),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});
server.run().then(
  (address) => console.log(JSON.stringify({ ready: true, port: address.port, bucket })),
  (error) => { console.error(error); process.exit(1); },
);
const stop = () => server.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
`;

/**
 * A real S3 API server (s3rver) as its own process, on a free port, keeping its objects in
 * `directory` with `bucket` created. Resolves start() once it prints its ready line.
 */
export class S3ServerProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  port = 0;

  constructor(
    private readonly directory: string,
    readonly bucket: string,
  ) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // cwd: the repository, so that require('s3rver') finds node_modules.
    const child = spawn(process.execPath, ['-e', SERVER_SCRIPT, '0', this.directory, this.bucket], {
      cwd: repoRoot(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('did not print its ready line within 15 s')), 15000);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(new Error(`S3 server: ${error.message}\n${this.output.join('\n')}`));
      };
      child.stdout!.on('data', (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          this.output.push(line);
          try {
            const j = JSON.parse(line) as { ready?: boolean; port?: number };
            if (j.ready && j.port) {
              this.port = j.port;
              clearTimeout(timer);
              resolve();
            }
          } catch {
            // not its ready line
          }
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
      child.once('error', fail);
      child.once('exit', (code) => fail(new Error(`exited (${code})`)));
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
}
