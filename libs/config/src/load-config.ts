import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

/** Thrown at boot when the environment does not describe a runnable service. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} variable(s)):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    // One line per variable; the value is deliberately not echoed: it may be a secret.
    const messages = Object.values(e.constraints ?? {});
    const own = messages.length ? [`${prefix}${e.property}: ${messages.join('; ')}`] : [];
    return [...own, ...flatten(e.children ?? [], `${prefix}${e.property}.`)];
  });
}

/**
 * Builds a config object from environment variables. The class declares each variable as a
 * property named exactly like the variable, with its default as the initialiser and
 * class-validator/class-transformer decorators for type and range. Every problem is reported at
 * once, so an operator fixes the environment in one pass instead of one restart per variable.
 *
 * This is the only place in the code base that reads process.env.
 */
export function loadConfig<T extends object>(
  cls: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    raw[key] = value === undefined || value === '' ? defaults[key] : value;
  }
  const config = plainToInstance(cls, raw, { enableImplicitConversion: true });
  const problems = flatten(validateSync(config, { whitelist: false }));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}
