import { randomUUID } from 'node:crypto';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import type { HarnessActors } from '../../tools/journeys/platform-harness';
import {
  codJourney,
  counterJourney,
  onlineOfficeJourney,
  onlinePostJourney,
  withdrawnJourney,
} from '../../tools/journeys/journeys';
import { useFaultyPlatform } from '../support/chaos/faulty-platform';
import { checkExactlyOnce } from '../support/chaos/exactly-once-checker';
import { runFaultSchedule } from '../support/chaos/fault-schedule';
import { runJourneyStream, type StreamEntry } from '../support/chaos/journey-stream';

/** About 5 % of gateway callbacks are sent twice at once; the partner simulator repeats 5 % of its reports. */
const DUPLICATE_RATE = 0.05;
const copies = () => (Math.random() < DUPLICATE_RATE ? 2 : 1);

const mix = ({ desk, post }: HarnessActors): StreamEntry[] => [
  { journey: onlinePostJourney(desk, post, copies), expectedFinal: 'completed' },
  { journey: codJourney(desk, post), expectedFinal: 'completed' },
  { journey: onlineOfficeJourney(desk, copies), expectedFinal: 'completed' },
  { journey: counterJourney(desk), expectedFinal: 'completed' },
  { journey: withdrawnJourney, expectedFinal: 'withdrawn' },
];

/**
 * Fault injection (npm run test:chaos; also part of npm test): while a steady stream of journeys
 * runs, kill -9 a random service every few seconds and start it again, stop and start RabbitMQ,
 * restart PostgreSQL, duplicate about 5 % of events and callbacks, inject one poison message.
 * Then drain and check like a total-queue checker.
 */
describe('chaos: journeys while services die, the broker and the database restart, messages repeat', () => {
  const run = useFaultyPlatform({ partnerEnv: { SIMULATOR_DUPLICATE_RATE: String(DUPLICATE_RATE) } }, DUPLICATE_RATE);

  it('every acknowledged submission reaches its final state; nothing happens twice; only the poison message is parked', async () => {
    const poisonId = randomUUID();
    const [stream, faults] = await Promise.all([
      runJourneyStream({ harness: run.harness, mix, workers: 4, durationMs: 50_000, timeoutMs: 180_000 }),
      runFaultSchedule({
        processes: run.harness.processes,
        durationMs: 50_000,
        killEveryMs: 4_000,
        downMs: 1_500,
        poisonAtMs: 5_000,
        poison: async () => {
          const broker = await BrokerProbe.open();
          await broker.publishRaw(
            run.harness.namespace,
            'dossier.submitted.v1',
            Buffer.from('{"type":"dossier.submitted","data":'),
            poisonId,
          );
          await broker.close();
        },
        brokerStopAtMs: 15_000,
        brokerDownMs: 5_000,
        postgresRestartAtMs: 32_000,
      }),
    ]);
    await Promise.all(run.harness.processes.map((p) => p.ready(120_000)));

    const report = await checkExactlyOnce(run.db, run.harness.namespace, stream.acknowledged);
    const kills = faults.filter((f) => f.fault.startsWith('kill -9')).length;
    process.stdout.write(
      `${JSON.stringify(
        {
          journeys: { started: stream.started, finished: stream.outcomes.length, failed: stream.errors.length },
          acknowledged: report.acknowledged,
          reachedFinal: report.reachedFinal,
          faults: { kills, log: faults.map((f) => `${(f.at / 1000).toFixed(1)}s ${f.fault}`) },
          duplicatedEvents: run.duplicator.duplicated,
          eventsSeenByTap: run.duplicator.seen,
          parked: report.parked,
          counts: report.counts,
          twice: report.twice,
          errors: stream.errors.slice(0, 5),
        },
        null,
        2,
      )}\n`,
    );

    expect(kills).toBeGreaterThanOrEqual(5);
    expect(faults.map((f) => f.fault)).toEqual(
      expect.arrayContaining([
        'RabbitMQ stopped',
        'RabbitMQ started',
        'PostgreSQL restarted',
        'poison message published',
      ]),
    );
    expect(run.duplicator.duplicated).toBeGreaterThan(0);
    expect(report.acknowledged).toBeGreaterThanOrEqual(10);
    expect(stream.errors).toEqual([]);
    expect(report.notFinal).toEqual([]);
    expect(report.twice).toEqual([]);
    // Only the poison message is parked (twice when the tap happened to copy it too: same message).
    expect(report.parked.length).toBeGreaterThanOrEqual(1);
    expect([...new Set(report.parked.map((p) => p.messageId))]).toEqual([poisonId]);
    expect(report.parked.every((p) => p.reason === 'body is not valid JSON')).toBe(true);
  }, 600_000);
});
