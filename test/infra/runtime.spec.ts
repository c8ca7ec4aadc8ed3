import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnBuilt } from '../../tools/harness/spawn-built';
import { repoRoot } from '../../tools/repo-root';

/**
 * The platform runs on Node 24 LTS wherever it runs (docs/adr/0012-runtime-node-24.md): the suite
 * itself, every process the harness and npm start spawn, the image and CI. On a machine whose own
 * node is older, that holds only if every entry point goes through the `node` package's binary in
 * node_modules/.bin: these checks fail the day one of them does not.
 */

const ROOT = repoRoot();
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const RUNTIME = pkg.devDependencies.node as string;
const major = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('the runtime: Node 24', () => {
  it('runs this suite on the project-installed Node 24, not whatever node the machine has', () => {
    expect(major(process.versions.node)).toBe(24);
    // npm test reaches jest through node_modules/.bin, so the exact version of the `node` package.
    expect(process.versions.node).toBe(RUNTIME);
    expect(process.execPath).toBe(
      execFileSync(join(ROOT, 'node_modules', '.bin', 'node'), ['-p', 'process.execPath'], { encoding: 'utf8' }).trim(),
    );
  });

  it('runs a process spawned by the harness (as the services are) on the same node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-runtime-'));
    try {
      const script = join(dir, 'report-version.js');
      writeFileSync(script, 'console.log(JSON.stringify({ version: process.version, execPath: process.execPath }));\n');
      const output: string[] = [];
      const child = spawnBuilt(script, {}, output);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(0);
      const reported = JSON.parse(output[0]);
      expect(reported.version).toBe(`v${RUNTIME}`);
      expect(reported.execPath).toBe(process.execPath);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares Node 24 in engines and builds the image on Node 24', () => {
    expect(major(pkg.engines.node.replace(/^[^\d]*/, ''))).toBe(24);
    const dockerfile = readFileSync(join(ROOT, 'infra', 'docker', 'Dockerfile'), 'utf8');
    const images = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^node:24[-.]/);
  });

  it('makes CI and the local scripts put the project-installed node first before running node', () => {
    // A script run as `bash .ci/run` (not through npm) must prepend node_modules/.bin itself before
    // its first `node ...` line, or that line runs on the machine's node.
    for (const file of ['.ci/run', 'infra/local/start.sh', 'infra/local/test.sh']) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      const pathAt = lines.findIndex((l) => /^export PATH="\$PWD\/node_modules\/\.bin:\$PATH"$/.test(l));
      const firstNode = lines.findIndex((l) => /^(\w+=\S+\s+)*(node|npx|npm (test|run|exec))\b/.test(l.trim()));
      expect({ file, prependsPath: pathAt >= 0 }).toEqual({ file, prependsPath: true });
      if (firstNode >= 0) expect({ file, before: pathAt < firstNode }).toEqual({ file, before: true });
    }
  });
});
