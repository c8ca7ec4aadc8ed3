/**
 * Runs `one` back to back on `concurrency` workers for `seconds`: what is done, what failed, and
 * how long it really took (the last calls end after the deadline).
 */
export async function closedLoop<T>(seconds: number, concurrency: number, one: () => Promise<T>) {
  const done: T[] = [];
  const errors: string[] = [];
  const t0 = Date.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        try {
          done.push(await one());
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    }),
  );
  return { done, errors, seconds: (Date.now() - t0) / 1000 };
}

/** The p-th percentile (nearest rank) of xs; NaN when empty. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}
