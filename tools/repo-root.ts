import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, whether running from source (ts-jest) or from dist/. */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no nest-cli.json above ${from}`);
    dir = up;
  }
  return dir;
}
