import { createHash } from 'node:crypto';
import { checkFileToken, FILE_TOKEN_MAX_LIFETIME_SECONDS, fileToken } from './file-token';

const SECRET = 'local-only-internal-files-secret-0001';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const RESULT = sha('Quyết định cấp giấy phép');
const OTHER = sha('Phiếu tiếp nhận');
const NOW = new Date('2026-03-02T08:00:00Z');
const inMinutes = (m: number) => new Date(NOW.getTime() + m * 60_000);

describe('file tokens', () => {
  it('has the header form <expiresAtEpochSeconds>.<hex hmac>', () => {
    const token = fileToken(SECRET, RESULT, inMinutes(2));
    expect(token).toMatch(/^\d+\.[0-9a-f]{64}$/);
    expect(token.split('.')[0]).toBe(String(Math.floor(inMinutes(2).getTime() / 1000)));
  });

  it('opens the file it was made for until it expires', () => {
    const token = fileToken(SECRET, RESULT, inMinutes(2));
    expect(checkFileToken(SECRET, RESULT, token, NOW)).toBe(true);
    expect(checkFileToken(SECRET, RESULT, token, inMinutes(1.9))).toBe(true);
  });

  it('is refused once expired, and at the very second it expires', () => {
    const token = fileToken(SECRET, RESULT, inMinutes(2));
    expect(checkFileToken(SECRET, RESULT, token, inMinutes(2))).toBe(false);
    expect(checkFileToken(SECRET, RESULT, token, inMinutes(60))).toBe(false);
  });

  it('never opens another file', () => {
    expect(checkFileToken(SECRET, OTHER, fileToken(SECRET, RESULT, inMinutes(2)), NOW)).toBe(false);
  });

  it('is refused when made with another secret', () => {
    const foreign = fileToken('another-deployment-secret-of-32-chars!', RESULT, inMinutes(2));
    expect(checkFileToken(SECRET, RESULT, foreign, NOW)).toBe(false);
  });

  it('is refused when its expiry was moved, even by one second', () => {
    const [seconds, hmac] = fileToken(SECRET, RESULT, inMinutes(2)).split('.');
    expect(checkFileToken(SECRET, RESULT, `${Number(seconds) + 1}.${hmac}`, NOW)).toBe(false);
  });

  it('is refused when it claims to live longer than the owner allows', () => {
    const tooLong = fileToken(SECRET, RESULT, new Date(NOW.getTime() + (FILE_TOKEN_MAX_LIFETIME_SECONDS + 60) * 1000));
    expect(checkFileToken(SECRET, RESULT, tooLong, NOW)).toBe(false);
  });

  it.each([undefined, '', 'abc', '123', `123.${'0'.repeat(63)}`, `x.${'0'.repeat(64)}`, `123.${'G'.repeat(64)}`])(
    'refuses a malformed token %p without throwing',
    (token) => {
      expect(checkFileToken(SECRET, RESULT, token, NOW)).toBe(false);
    },
  );

  it('refuses a malformed sha256', () => {
    expect(() => fileToken(SECRET, '../etc/passwd', inMinutes(2))).toThrow('Refused sha256');
    expect(checkFileToken(SECRET, RESULT.toUpperCase(), fileToken(SECRET, RESULT, inMinutes(2)), NOW)).toBe(false);
  });

  it('will not sign with a short secret', () => {
    expect(() => fileToken('short', RESULT, inMinutes(2))).toThrow('at least 32 characters');
  });
});
