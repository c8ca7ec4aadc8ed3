import { eventually, Officers, Portal, type PlatformUrls } from './actors';

/** One line of a journey's story, as the demo prints it. */
export interface JourneyStep {
  at: string;
  journey: string;
  actor: string;
  what: string;
  code?: string;
  status?: string;
  nationalStatusCode?: number;
}

export interface JourneyOutcome {
  journey: string;
  title: string;
  code: string | null;
  finalStatus: string;
  nationalStatusCode: number | null;
  payment: string | null;
  shipment: string | null;
  steps: number;
  ms: number;
}

export interface JourneyDefinition {
  id: number;
  title: string;
  run(run: JourneyRun): Promise<JourneyOutcome>;
}

export type StepListener = (step: JourneyStep) => void;

/**
 * What one journey can use: the actors, and checks of what the citizen sees. Each check waits
 * for the platform to catch up (events travel asynchronously) and fails naming what it awaited.
 */
export class JourneyRun {
  readonly steps: JourneyStep[] = [];
  code: string | null = null;
  secret: string | null = null;
  payment: string | null = null;
  shipment: string | null = null;

  constructor(
    readonly journey: string,
    readonly urls: PlatformUrls,
    readonly portal: Portal,
    readonly officers: Officers,
    private readonly listener: StepListener = () => undefined,
    readonly timeoutMs = 60_000,
  ) {}

  note(actor: string, what: string, extra: Partial<JourneyStep> = {}): void {
    const step = {
      at: new Date().toISOString(),
      journey: this.journey,
      actor,
      what,
      code: this.code ?? undefined,
      ...extra,
    };
    this.steps.push(step);
    this.listener(step);
  }

  /**
   * Waits until the citizen's lookup shows `status` with `national` in its history, and returns
   * the lookup. The history, not only the current status: a parcel delivered a moment after the
   * result was issued moves the current status on before a slow reader looks.
   */
  async citizenSees(status: string, national: number): Promise<any> {
    const view = await eventually(
      `${this.code} looked up as ${status}/${national}`,
      async () => {
        const v = await this.portal.lookup(this.code!, this.secret!);
        const now = v.status === status && v.nationalStatusCode === national;
        const before = (v.history as { status: string; nationalStatusCode: number }[]).some(
          (h) => h.status === status && h.nationalStatusCode === national,
        );
        return now || before ? v : undefined;
      },
      this.timeoutMs,
    );
    this.note('citizen', `sees "${view.statusText?.vi ?? status}"`, { status, nationalStatusCode: national });
    return view;
  }

  /** The case as processing holds it, once it is in `status`; checks the national code. */
  async caseIs(status: string, national: number): Promise<any> {
    const c = await this.officers.inState(this.code!, status, this.timeoutMs);
    if (c.nationalStatusCode !== national)
      throw new Error(`${this.code}: ${status} should be national code ${national}, is ${c.nationalStatusCode}`);
    return c;
  }

  /** The journey's end as everyone sees it: processing, the citizen's lookup, and reached once. */
  async endsIn(finalState: string, national: number): Promise<void> {
    await this.caseIs(finalState, national);
    await this.citizenSees(finalState, national);
    await this.reachedOnce(finalState);
  }

  /** The case reached `finalState` exactly once in its audit trail. */
  async reachedOnce(finalState: string): Promise<void> {
    const trail = await this.officers.history(this.code!);
    // Entered, not stayed in: notes recorded in a state (returned_to_office) have from === to.
    const times = trail.filter((t) => t.to === finalState && t.from !== finalState).length;
    if (times !== 1)
      throw new Error(
        `${this.code}: reached ${finalState} ${times} times: ${JSON.stringify(trail.map((t) => t.action))}`,
      );
  }

  outcome(title: string, finalStatus: string, national: number | null, startedAt: number): JourneyOutcome {
    return {
      journey: this.journey,
      title,
      code: this.code,
      finalStatus,
      nationalStatusCode: national,
      payment: this.payment,
      shipment: this.shipment,
      steps: this.steps.length,
      ms: Date.now() - startedAt,
    };
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
