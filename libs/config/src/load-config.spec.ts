import { IsInt, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service.config';

class DemoConfig extends ServiceConfig {
  override PORT = 3009;
  @Type(() => Number) @IsInt() @Min(1) @Max(10) WORKERS = 2;
}

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const c = loadConfig(DemoConfig, {});
    expect(c.PORT).toBe(3009);
    expect(c.WORKERS).toBe(2);
    expect(c.BUS_PREFETCH).toBe(32);
    expect(c.BUS_RETRY_DELAYS_MS).toEqual([1000, 5000, 30000]);
    expect(c.MIGRATIONS_RUN_ON_START).toBe(true);
    expect(c.MIGRATE_ONLY).toBe(false);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('converts strings from the environment to numbers, lists and booleans', () => {
    const c = loadConfig(DemoConfig, {
      PORT: '4000',
      BUS_RETRY_DELAYS_MS: '100, 200,400',
      MIGRATIONS_RUN_ON_START: 'false',
      MIGRATE_ONLY: 'true',
      WORKERS: '7',
    });
    expect(c.PORT).toBe(4000);
    expect(c.BUS_RETRY_DELAYS_MS).toEqual([100, 200, 400]);
    expect(c.MIGRATIONS_RUN_ON_START).toBe(false);
    expect(c.MIGRATE_ONLY).toBe(true);
    expect(c.WORKERS).toBe(7);
  });

  it('reports every bad value at once, without echoing the values', () => {
    let error: unknown;
    try {
      loadConfig(DemoConfig, {
        PORT: 'abc',
        DATABASE_URL: 'mysql://secret@x/y',
        WORKERS: '99',
        BUS_RETRY_DELAYS_MS: '10',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'DATABASE_URL', 'WORKERS', 'BUS_RETRY_DELAYS_MS', 'LOG_LEVEL'])
      expect(problems).toContain(`${key}:`);
    expect((error as Error).message).not.toContain('secret');
  });
});
