import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SiteStatsRepository } from './site-stats.repository';

const FLUSH_EVERY_MS = 1000;
/** Sessions buffered between flushes; beyond this a beacon is dropped (counted) rather than queued. */
const MAX_BUFFERED = 100_000;
const ONLINE_WINDOW_MINUTES = 5;
const READ_CACHE_MS = 2000;
/** Beacons taken per second per process; the rest are answered 429 at once. */
const BEACONS_PER_SECOND = 1000;

/**
 * Access statistics like the source page's footer: "online now" (sessions seen in the last five
 * minutes) and total visits (sessions ever seen). A beacon only touches memory; once a second the
 * buffer is written in one statement, so a storm of beacons costs the database one upsert per
 * second and never competes with submissions.
 */
@Injectable()
export class SiteStatsService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(SiteStatsService.name);
  private buffer = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private cached?: { value: { onlineNow: number; totalVisits: number; windowMinutes: number }; until: number };
  dropped = 0;
  private bucket = { tokens: BEACONS_PER_SECOND, at: Date.now() };

  constructor(private readonly repository: SiteStatsRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /**
   * Records a beacon; false when the process is over its beacon budget (a token bucket), so that a
   * storm is turned away cheaply instead of taking the CPU that submissions need.
   */
  beacon(sessionId: string): boolean {
    const now = Date.now();
    this.bucket.tokens = Math.min(
      BEACONS_PER_SECOND,
      this.bucket.tokens + ((now - this.bucket.at) / 1000) * BEACONS_PER_SECOND,
    );
    this.bucket.at = now;
    if (this.bucket.tokens < 1) return false;
    this.bucket.tokens -= 1;
    if (!this.buffer.has(sessionId) && this.buffer.size >= MAX_BUFFERED) {
      this.dropped++;
      return true;
    }
    this.buffer.set(sessionId, now);
    return true;
  }

  /** Writes the buffered sessions; a session seen for the first time is a new visit. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.buffer.size === 0) return;
    const batch = this.buffer;
    this.buffer = new Map();
    const ids = [...batch.keys()];
    const seen = ids.map((id) => new Date(batch.get(id)!));
    try {
      await this.repository.recordSessions(ids, seen);
    } catch (err) {
      // Keep the sessions for the next flush rather than lose them to a database hiccup.
      for (const [id, at] of batch)
        if (!this.buffer.has(id) && this.buffer.size < MAX_BUFFERED) this.buffer.set(id, at);
      this.logger.warn({ msg: 'site stats flush failed; will retry', error: (err as Error).message });
    }
  }

  async read() {
    const now = Date.now();
    if (this.cached && this.cached.until > now) return this.cached.value;
    const { online, total } = await this.repository.read(ONLINE_WINDOW_MINUTES);
    const value = { onlineNow: online, totalVisits: total, windowMinutes: ONLINE_WINDOW_MINUTES };
    this.cached = { value, until: now + READ_CACHE_MS };
    return value;
  }
}
