import { DataSource } from 'typeorm';
import { type HarnessOptions, PlatformHarness } from '../../../tools/journeys/platform-harness';
import { adminTestDbUrl, testConfig } from '../../../tools/harness/test-env.config';
import { BusDuplicator } from './bus-duplicator';

/**
 * The set-up the chaos and scale-out runs share: the whole platform, a tap republishing
 * `duplicateRate` of its events, and a superuser connection for the checker; torn down after.
 */
export function useFaultyPlatform(options: HarnessOptions, duplicateRate: number) {
  const run = {
    harness: new PlatformHarness(options),
    duplicator: undefined as unknown as BusDuplicator,
    db: undefined as unknown as DataSource,
  };

  beforeAll(async () => {
    await run.harness.start();
    run.duplicator = new BusDuplicator(testConfig.AMQP_URL, run.harness.namespace, duplicateRate);
    await run.duplicator.start();
    run.db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  }, 180_000);

  afterAll(async () => {
    await run.duplicator?.stop();
    await run.db?.destroy();
    await run.harness.stop();
  }, 120_000);

  return run;
}
