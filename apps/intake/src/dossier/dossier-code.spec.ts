import { vietnamDay } from './dossier-code';

describe('vietnamDay', () => {
  it("uses Vietnam's date (UTC+7), not the server's", () => {
    expect(vietnamDay(new Date('2026-11-27T16:59:59Z'))).toBe('261127'); // 23:59:59 in Hanoi
    expect(vietnamDay(new Date('2026-11-27T17:00:00Z'))).toBe('261128'); // midnight in Hanoi: a new day, a new sequence
    expect(vietnamDay(new Date('2026-12-31T17:00:00Z'))).toBe('270101');
  });
});
