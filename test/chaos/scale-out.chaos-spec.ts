import { useFaultyPlatform } from '../support/chaos/faulty-platform';
import { checkExactlyOnce } from '../support/chaos/exactly-once-checker';
import { runJourneyStream, type StreamEntry } from '../support/chaos/journey-stream';
import type { HarnessActors } from '../../tools/journeys/platform-harness';
import {
  codJourney,
  counterJourney,
  onlineOfficeJourney,
  onlinePostJourney,
  rejectedRefundJourney,
  withdrawnJourney,
} from '../../tools/journeys/journeys';

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
  const run = useFaultyPlatform({ instances: 2 }, 0.05);

  it('the same checker holds: every dossier final, nothing twice, nothing parked', async () => {
    const stream = await runJourneyStream({ harness: run.harness, mix, workers: 6, durationMs: 25_000, spread: true });
    const report = await checkExactlyOnce(run.db, run.harness.namespace, stream.acknowledged);
    process.stdout.write(
      `${JSON.stringify({ instances: run.harness.processes.length, journeys: { started: stream.started, failed: stream.errors.length }, acknowledged: report.acknowledged, counts: report.counts, duplicatedEvents: run.duplicator.duplicated }, null, 2)}\n`,
    );

    // Both instances of each service did work.
    for (const name of ['intake', 'processing', 'payment', 'postal-delivery'] as const) {
      expect(run.harness.of(name)).toHaveLength(2);
      for (const p of run.harness.of(name)) expect(p.running).toBe(true);
    }
    expect(report.acknowledged).toBeGreaterThanOrEqual(12);
    expect(stream.errors).toEqual([]);
    expect(report.notFinal).toEqual([]);
    expect(report.twice).toEqual([]);
    expect(report.parked).toEqual([]);
  }, 300_000);
});
