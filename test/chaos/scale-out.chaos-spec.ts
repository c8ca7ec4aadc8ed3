import { DataSource } from 'typeorm';
import { BusDuplicator } from '../support/chaos/bus-duplicator';
import { checkExactlyOnce } from '../support/chaos/exactly-once-checker';
import { runJourneyStream, type StreamEntry } from '../support/chaos/journey-stream';
import { type HarnessActors, PlatformHarness } from '../support/journeys/platform-harness';
import { codJourney, counterJourney, onlineOfficeJourney, onlinePostJourney, rejectedRefundJourney, withdrawnJourney } from '../support/journeys/journeys';
import { adminTestDbUrl, testConfig } from '../support/test.config';

const mix = ({ desk, post }: HarnessActors): StreamEntry[] => [
  { journey: onlinePostJourney(desk, post, () => 2), expectedFinal: 'completed' },
  { journey: codJourney(desk, post), expectedFinal: 'completed' },
  { journey: onlineOfficeJourney(desk), expectedFinal: 'completed' },
  { journey: counterJourney(desk), expectedFinal: 'completed' },
  { journey: rejectedRefundJourney(desk), expectedFinal: 'rejected' },
  { journey: withdrawnJourney, expectedFinal: 'withdrawn' },
];

/**
 * Scale-out: two instances of every service at once against the same database and broker
 * (competing consumers on each queue, two outbox relays per schema claiming rows with SKIP
 * LOCKED), the portal and officers spread over the instances, 5 % of events published twice.
 */
describe('scale-out: two instances of every service', () => {
  const harness = new PlatformHarness({ instances: 2 });
  let duplicator: BusDuplicator;
  let db: DataSource;

  beforeAll(async () => {
    await harness.start();
    duplicator = new BusDuplicator(testConfig.AMQP_URL, harness.namespace, 0.05);
    await duplicator.start();
    db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  }, 180_000);

  afterAll(async () => {
    await duplicator?.stop();
    await db?.destroy();
    await harness.stop();
  }, 120_000);

  it('the same checker holds: every dossier final, nothing twice, nothing parked', async () => {
    const stream = await runJourneyStream({ harness, mix, workers: 6, durationMs: 25_000, spread: true });
    const report = await checkExactlyOnce(db, harness.namespace, stream.acknowledged);
    process.stdout.write(`${JSON.stringify({ instances: harness.processes.length, journeys: { started: stream.started, failed: stream.errors.length }, acknowledged: report.acknowledged, counts: report.counts, duplicatedEvents: duplicator.duplicated }, null, 2)}\n`);

    // Both instances of each service did work.
    for (const name of ['intake', 'processing', 'payment', 'postal-delivery'] as const) {
      expect(harness.of(name)).toHaveLength(2);
      for (const p of harness.of(name)) expect(p.running).toBe(true);
    }
    expect(report.acknowledged).toBeGreaterThanOrEqual(12);
    expect(stream.errors).toEqual([]);
    expect(report.notFinal).toEqual([]);
    expect(report.twice).toEqual([]);
    expect(report.parked).toEqual([]);
  }, 300_000);
});
