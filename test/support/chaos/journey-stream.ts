import { type JourneyDefinition, type JourneyOutcome, JourneyRun } from '../../../tools/journeys/journey';
import type { HarnessActors, PlatformHarness } from '../../../tools/journeys/platform-harness';
import type { Acknowledged } from './exactly-once-checker';

export interface StreamEntry {
  journey: JourneyDefinition;
  /** The state the dossier must end in. */
  expectedFinal: string;
}

export interface StreamResult {
  acknowledged: Acknowledged[];
  outcomes: JourneyOutcome[];
  errors: { journey: string; code: string | null; error: string }[];
  started: number;
}

/**
 * A steady stream of journeys: `workers` loops, each starting a new journey (picked in turn from
 * `mix`) as soon as its last one ended, until `durationMs`; journeys in flight then finish.
 * Every dossier the portal got a 202 for is recorded, whatever happened to the journey after.
 */
export async function runJourneyStream(o: {
  harness: PlatformHarness;
  /** The journeys, for one worker's actors. */
  mix: (actors: HarnessActors) => StreamEntry[];
  workers: number;
  durationMs: number;
  timeoutMs?: number;
  /** Spread worker i over the service instances (scale-out) rather than the first of each. */
  spread?: boolean;
}): Promise<StreamResult> {
  const result: StreamResult = { acknowledged: [], outcomes: [], errors: [], started: 0 };
  const until = Date.now() + o.durationMs;
  let turn = 0;
  const worker = async (w: number) => {
    const actors = o.harness.actors(o.spread ? o.harness.urlsFor(w) : o.harness.urls);
    const mix = o.mix(actors);
    while (Date.now() < until) {
      const entry = mix[turn++ % mix.length];
      result.started++;
      const run = new JourneyRun(
        `J${entry.journey.id}`,
        actors.urls,
        actors.portal,
        actors.officers,
        undefined,
        o.timeoutMs ?? 120_000,
      );
      try {
        result.outcomes.push(await entry.journey.run(run));
      } catch (err) {
        result.errors.push({ journey: run.journey, code: run.code, error: (err as Error).message.slice(0, 500) });
      }
      if (run.code) result.acknowledged.push({ code: run.code, expectedFinal: entry.expectedFinal });
    }
  };
  await Promise.all(Array.from({ length: o.workers }, (_, w) => worker(w)));
  return result;
}
