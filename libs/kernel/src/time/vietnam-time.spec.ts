import { vietnamWallClock } from './vietnam-time';

describe('vietnamWallClock', () => {
  it('shows the instant as read on a clock in Hanoi', () => {
    expect(vietnamWallClock(new Date('2026-11-27T17:30:05.120Z'))).toBe('2026-11-28T00:30:05.120');
    expect(vietnamWallClock(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31T23:59:59.000');
  });
});
