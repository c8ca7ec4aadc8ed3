/** Vietnam is UTC+7 all year (no daylight saving), so an offset is all its time zone needs. */
export const VIETNAM_UTC_OFFSET_HOURS = 7;
export const VIETNAM_UTC_OFFSET_MS = VIETNAM_UTC_OFFSET_HOURS * 3_600_000;

/** The wall-clock time in Vietnam of an instant, as `YYYY-MM-DDTHH:mm:ss.sss`, whatever the host's zone. */
export function vietnamWallClock(at: Date): string {
  return new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 23);
}
