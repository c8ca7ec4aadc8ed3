import { request as httpRequest } from 'node:http';
import { createPortalKey } from '../../../tools/harness/portal-client';
import { testConfig } from '../../../tools/harness/test-env.config';
import { idempotencyKey, submitLiquidationDossier } from '../../support/portal-client';
import { IntakeHarness } from './intake-harness';

/** The liquidation dossier's applicant (tools/journeys/dossiers.ts). */
const APPLICANT_ID = '001203004567';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/**
 * One request from a given loopback address: intake throttles by the client's address, and every
 * 127.x.y.z reaches a server listening on 127.0.0.1, so two addresses are two clients.
 */
function from(client: string, url: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { localAddress: client, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : {} });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Wrong lookup guesses slow the guesser and never lock out the holder of the secret or of the ID
 * number (ADR 0011), on the real intake application and PostgreSQL, with the default limits
 * (LOOKUP_MAX_FAILURES 5 per dossier, 20 per client, in 15 minutes).
 */
describe('intake: lookup throttling slows guessers, never the holder of the secret', () => {
  const intake = new IntakeHarness(`${testConfig.TEST_DATABASE}_intake_lookups`);
  let apiKey: string;
  const lookup = (client: string, code: string, headers: Record<string, string>) =>
    from(client, intake.url, `/v1/dossiers/${code}`, headers);
  const file = async () =>
    (await submitLiquidationDossier(intake.url, apiKey).expect(202)).body as {
      code: string;
      lookupSecret: string;
    };

  beforeAll(async () => {
    await intake.start();
    ({ apiKey } = await createPortalKey(intake.url));
  });

  afterAll(async () => {
    await intake.stop();
  });

  it('six wrong secrets, then the right one: 200, and the right ID number too', async () => {
    const { code, lookupSecret } = await file();
    const wrong = [];
    for (let i = 0; i < 6; i++) wrong.push(await lookup('127.0.0.11', code, { 'X-Lookup-Secret': `WRONG-GUESS-${i}` }));
    expect(wrong.map((a) => a.status)).toEqual([404, 404, 404, 404, 404, 429]);
    expect(wrong[5].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrong[5].body).toMatchObject({ code: 'DOSSIER.LOOKUP_THROTTLED', status: 429 });
    expect(Number(wrong[5].headers['retry-after'])).toBeGreaterThan(0);

    const right = await lookup('127.0.0.11', code, { 'X-Lookup-Secret': lookupSecret });
    expect(right.status).toBe(200);
    expect(right.body.code).toBe(code);
    const byId = await lookup('127.0.0.11', code, { 'X-Applicant-Id': APPLICANT_ID });
    expect(byId.status).toBe(200);
    expect(byId.body.code).toBe(code);
  });

  it('a guesser gets 429 with Retry-After in seconds and a vi/en message, while another client gets in', async () => {
    const { code, lookupSecret } = await file();
    const guesser = '127.0.0.12';
    const answers = [];
    // Sequential codes invite guessing the secret or the ID number of every dossier of the day.
    for (let i = 0; i < 25; i++)
      answers.push(
        await lookup(guesser, `${code.slice(0, -4)}${String(9000 + i)}`, { 'X-Applicant-Id': `0012030${i}` }),
      );
    expect(answers.slice(0, 20).every((a) => a.status === 404)).toBe(true);
    const refused = answers[20];
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(refused.body).toMatchObject({
      code: 'DOSSIER.LOOKUP_THROTTLED',
      message: { vi: expect.stringMatching(/Nhập sai quá nhiều lần/), en: expect.stringMatching(/Too many wrong/) },
    });
    expect(answers.slice(20).map((a) => a.status)).toEqual([429, 429, 429, 429, 429]);

    // The guesser's ID numbers are no longer checked, whatever they are...
    expect((await lookup(guesser, code, { 'X-Applicant-Id': APPLICANT_ID })).status).toBe(429);
    // ...but a lookup secret always is, even the guesser's.
    expect((await lookup(guesser, code, { 'X-Lookup-Secret': lookupSecret })).status).toBe(200);
    // Another client, meanwhile, gets in with the secret or the ID number.
    expect((await lookup('127.0.0.13', code, { 'X-Lookup-Secret': lookupSecret })).status).toBe(200);
    expect((await lookup('127.0.0.13', code, { 'X-Applicant-Id': APPLICANT_ID })).status).toBe(200);
  });

  it('a dossier under attack from many clients still opens to its secret and its ID number', async () => {
    const { code, lookupSecret } = await file();
    const statuses = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await lookup(`127.0.1.${i + 1}`, code, { 'X-Lookup-Secret': `AAAAA-AAAAA-AAAA${i}` })).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429, 429, 429, 429, 429]);
    expect((await lookup('127.0.2.1', code, { 'X-Lookup-Secret': lookupSecret })).status).toBe(200);
    expect((await lookup('127.0.2.2', code, { 'X-Applicant-Id': APPLICANT_ID })).status).toBe(200);
    // The same path for every endpoint that takes the lookup's credentials: results and slips...
    const results = await from('127.0.1.1', intake.url, `/v1/dossiers/${code}/results`, {
      'X-Lookup-Secret': 'AAAAA-AAAAA-AAAAA',
    });
    expect(results.status).toBe(429);
    expect(Number(results.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await from('127.0.1.1', intake.url, `/v1/dossiers/${code}/results`, { 'X-Lookup-Secret': lookupSecret })).status,
    ).toBe(200);
  });

  it('verification by code: a guesser gets 429 with Retry-After past its quota', async () => {
    const statuses = [];
    let last: Answer | undefined;
    for (let i = 0; i < 21; i++) {
      last = await from('127.0.0.14', intake.url, '/v1/results/verify/ABCD-EFGH-JKLM-NPQR');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('the stored idempotent answer holds no secret in clear, and a retry gets the same secret', async () => {
    const key = idempotencyKey();
    const first = (await submitLiquidationDossier(intake.url, apiKey, undefined, key).expect(202)).body;
    expect(first.lookupSecret).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const [row] = await intake.ds.query(
      'SELECT response_body::text AS body FROM intake.idempotency_keys WHERE key = $1',
      [key],
    );
    expect(row.body).not.toContain(first.lookupSecret);
    expect(row.body).not.toContain(first.lookupSecret.replace(/-/g, ''));
    expect(row.body).not.toContain(first.code);

    const again = (await submitLiquidationDossier(intake.url, apiKey, undefined, key).expect(202)).body;
    expect(again).toEqual(first);
    expect((await lookup('127.0.0.15', first.code, { 'X-Lookup-Secret': again.lookupSecret })).status).toBe(200);
  });
});
