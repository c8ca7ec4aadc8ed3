import { connect as tcp } from 'node:net';
import request from 'supertest';
import { namespaced, PORTAL_QUEUES } from '@dvc/contracts';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { usePlatform } from '../support/platform-fixture';
import { officerToken } from '../../tools/harness/portal-client';
import { idempotencyKey, pdf, submitLiquidationDossier } from '../support/portal-client';
import { liquidationDossier } from '../../tools/journeys/dossiers';

const NUL = '\u0000';
let ADMIN: string;
let OFFICER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  ADMIN = `Bearer ${await officerToken(['admin'])}`;
  OFFICER = `Bearer ${await officerToken(['specialist'])}`;
});

/** What a portal and a citizen would check after a refusal: application/problem+json, 400, the code, the field. */
function expectRefused(res: request.Response, code: string, field: string) {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 400, code });
  expect(res.body.message.vi).toEqual(expect.any(String));
  expect(res.body.message.en).toEqual(expect.any(String));
  expect(res.body.errors.fields).toContainEqual(expect.objectContaining({ field, code }));
}

/**
 * A hostile tester's inputs through the public interfaces, against the compiled services: NUL and
 * other control characters in every kind of input, and `__proto__` / `constructor` keys. Each
 * is a 400 problem with a stable code and its field, and nothing is stored or published.
 */
describe('hostile input: one sanitation rule on every service (real intake, processing, payment)', () => {
  const platform = usePlatform(['intake', 'processing', 'payment'], { database: true });
  const intake = () => request(platform.services.intake.url);
  const counts = async () => {
    const [row] = await platform.db.query(`SELECT
      (SELECT count(*) FROM intake.dossiers)::int AS dossiers,
      (SELECT count(*) FROM intake.outbox)::int AS events,
      (SELECT count(*) FROM intake.attachments WHERE dossier_id IS NOT NULL)::int AS attached,
      (SELECT count(*) FROM intake.idempotency_keys)::int AS keys,
      (SELECT count(*) FROM intake.portals)::int AS portals,
      (SELECT count(*) FROM payment.gateway_callbacks)::int AS callbacks`);
    return row;
  };
  /** Two pre-uploaded documents for a liquidation dossier, so that a submission passes every other check. */
  const uploaded = async () => {
    const ids: string[] = [];
    for (const [i, b] of [pdf('a'), pdf('b')].entries())
      ids.push(
        (
          await intake()
            .post('/v1/attachments')
            .set('X-Api-Key', platform.apiKey)
            .attach('file', b, `h${i}.pdf`)
            .expect(201)
        ).body.id,
      );
    return [
      { documentCode: 'TP1', attachmentId: ids[0] },
      { documentCode: 'TP3', attachmentId: ids[1] },
    ];
  };
  const submitJson = (raw: string) =>
    intake()
      .post('/v1/dossiers')
      .set('X-Api-Key', platform.apiKey)
      .set('Idempotency-Key', idempotencyKey())
      .set('Content-Type', 'application/json')
      .send(raw);

  describe('intake over HTTP', () => {
    it('refuses a NUL in a JSON submission field, and stores nothing', async () => {
      const attachments = await uploaded();
      const before = await counts();
      const body = liquidationDossier({ attachments });
      const res = await submitJson(
        JSON.stringify({ ...body, declaration: { ...body.declaration, lyDo: `Hư hỏng${NUL}` } }),
      );
      expectRefused(res, 'REQUEST.CONTROL_CHARACTER', 'declaration.lyDo');
      expect(await counts()).toEqual(before);
      // The same dossier without the NUL is filed: the refusal was about the character only.
      await submitJson(JSON.stringify(body)).expect(202);
    });

    it("refuses a NUL in a multipart submission's dossier field and in an uploaded file's name", async () => {
      const before = await counts();
      const res = await submitLiquidationDossier(
        platform.services.intake.url,
        platform.apiKey,
        liquidationDossier({
          applicant: { kind: 'individual', name: `Nguyễn${NUL}Hoa`, citizenId: '001203004567', phone: '0912345678' },
        }),
      );
      expectRefused(res, 'REQUEST.CONTROL_CHARACTER', 'applicant.name');
      const escape = await submitLiquidationDossier(
        platform.services.intake.url,
        platform.apiKey,
        liquidationDossier({ declaration: { ...liquidationDossier().declaration, lyDo: 'Hỏng\u001b[2J' } }),
      );
      expectRefused(escape, 'REQUEST.CONTROL_CHARACTER', 'declaration.lyDo');
      // A raw NUL in a part's header is refused by the multipart parser itself; the RFC 5987 form
      // (filename*=UTF-8''...) decodes to one, which the rule refuses on the file's name.
      const raw = await intake()
        .post('/v1/attachments')
        .set('X-Api-Key', platform.apiKey)
        .attach('file', pdf('c'), `tep${NUL}.pdf`);
      expect(raw.status).toBe(400);
      const boundary = 'hostile-input-boundary';
      const encoded = await intake()
        .post('/v1/attachments')
        .set('X-Api-Key', platform.apiKey)
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(
          Buffer.concat([
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''tep%00.pdf\r\n` +
                'Content-Type: application/pdf\r\n\r\n',
            ),
            pdf('c'),
            Buffer.from(`\r\n--${boundary}--\r\n`),
          ]),
        );
      expect(encoded.status).toBe(400);
      expect(encoded.body.code).toBe('REQUEST.CONTROL_CHARACTER');
      expect(encoded.body.errors.fields).toContainEqual(expect.objectContaining({ field: 'originalname' }));
      expect(await platform.db.query(`SELECT 1 FROM intake.attachments WHERE filename LIKE 'tep%'`)).toEqual([]);
      expect(await counts()).toEqual(before);
    });

    it('keeps tab and line breaks in a multi-line answer', async () => {
      const attachments = await uploaded();
      const body = liquidationDossier({ attachments });
      const res = await submitJson(
        JSON.stringify({ ...body, declaration: { ...body.declaration, lyDo: 'Dòng một\r\nDòng hai\tcột' } }),
      );
      expect(res.status).toBe(202);
    });

    it('refuses a top-level __proto__ key and a nested constructor key like any unknown key, and stores nothing', async () => {
      const attachments = await uploaded();
      const before = await counts();
      const body = JSON.stringify(liquidationDossier({ attachments }));
      const proto = await submitJson(`{"__proto__":{"isAdmin":true},${body.slice(1)}`);
      expectRefused(proto, 'REQUEST.FORBIDDEN_KEY', '__proto__');
      const nested = await submitJson(body.replace('"declaration":{', '"declaration":{"constructor":{"prototype":1},'));
      expectRefused(nested, 'REQUEST.FORBIDDEN_KEY', 'declaration.constructor');
      const multipart = await intake()
        .post('/v1/dossiers')
        .set('X-Api-Key', platform.apiKey)
        .set('Idempotency-Key', idempotencyKey())
        .field('dossier', `{"__proto__":{},${body.slice(1)}`);
      expectRefused(multipart, 'REQUEST.FORBIDDEN_KEY', '__proto__');
      expect(await counts()).toEqual(before);
    });

    it('refuses a NUL in the catalog search, a procedure code and a query key', async () => {
      expectRefused(await intake().get(`/v1/procedures?q=thanh%00ly`), 'REQUEST.CONTROL_CHARACTER', 'q');
      const code = await intake().get('/v1/procedures/M.QLCS.22%00');
      expect(code.status).toBe(400);
      expect(code.body.code).toBe('REQUEST.CONTROL_CHARACTER');
      expectRefused(await intake().get('/v1/procedures?__proto__=x'), 'REQUEST.FORBIDDEN_KEY', '__proto__');
    });

    it('refuses a NUL in a portal name, and issues no key', async () => {
      const before = await counts();
      const res = await intake()
        .post('/v1/admin/portals')
        .set('Authorization', ADMIN)
        .send({ name: `Cổng${NUL}thử` });
      expectRefused(res, 'REQUEST.CONTROL_CHARACTER', 'name');
      const form = await intake()
        .post('/v1/admin/portals')
        .set('Authorization', ADMIN)
        .type('form')
        .send(`name=C%E1%BB%95ng%00`);
      expectRefused(form, 'REQUEST.CONTROL_CHARACTER', 'name');
      expect(await counts()).toEqual(before);
    });

    it('gets no control character through a header: Node refuses the request before any handler', async () => {
      const before = await counts();
      const answer = await new Promise<string>((resolve, reject) => {
        const url = new URL(platform.services.intake.url);
        const socket = tcp(Number(url.port), url.hostname, () =>
          socket.write(
            `POST /v1/dossiers HTTP/1.1\r\nHost: x\r\nX-Api-Key: ${platform.apiKey}\r\nIdempotency-Key: k${NUL}1\r\n` +
              `Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
          ),
        );
        let data = '';
        socket.on('data', (c) => (data += c.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      expect(await counts()).toEqual(before);
    });
  });

  describe('intake over AMQP', () => {
    it('answers a queued submission holding a NUL or a __proto__ key with the same 400 problem, storing nothing', async () => {
      const attachments = await uploaded();
      const broker = await BrokerProbe.open();
      try {
        const before = await counts();
        const queue = namespaced(PORTAL_QUEUES.SUBMISSIONS, platform.namespace);
        const body = liquidationDossier({ attachments });
        const nul = await broker.request(
          queue,
          Buffer.from(JSON.stringify({ ...body, declaration: { ...body.declaration, tenDonVi: `Trường${NUL}` } })),
          { messageId: `amqp-${idempotencyKey()}`, headers: { 'x-api-key': platform.apiKey } },
        );
        expect(nul.body).toMatchObject({
          outcome: 'rejected',
          status: 400,
          problem: { code: 'REQUEST.CONTROL_CHARACTER' },
        });
        expect(nul.body.problem.errors.fields).toContainEqual(
          expect.objectContaining({ field: 'declaration.tenDonVi', code: 'REQUEST.CONTROL_CHARACTER' }),
        );
        const proto = await broker.request(queue, Buffer.from(`{"__proto__":{},${JSON.stringify(body).slice(1)}`), {
          messageId: `amqp-${idempotencyKey()}`,
          headers: { 'x-api-key': platform.apiKey },
        });
        expect(proto.body).toMatchObject({
          outcome: 'rejected',
          status: 400,
          problem: { code: 'REQUEST.FORBIDDEN_KEY' },
        });
        expect(await counts()).toEqual(before);
      } finally {
        await broker.close();
      }
    });
  });

  describe('processing and payment', () => {
    it("refuses a NUL in an officer's case code and in an action's note", async () => {
      const res = await request(platform.services.processing.url)
        .get(`/v1/cases/STC-260101-1%00`)
        .set('Authorization', OFFICER);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REQUEST.CONTROL_CHARACTER');
      const action = await request(platform.services.processing.url)
        .post('/v1/cases/STC-260101-1/actions/reject')
        .set('Authorization', OFFICER)
        .send({ note: `Thiếu${NUL}giấy tờ` });
      expectRefused(action, 'REQUEST.CONTROL_CHARACTER', 'note');
    });

    it("refuses a NUL in VNPay's return query and in a payment portal's request, and records no callback", async () => {
      const before = await counts();
      const back = await request(platform.services.payment.url).get(
        '/v1/payments/vnpay/return?vnp_TxnRef=DVC%00&vnp_Amount=1',
      );
      expectRefused(back, 'REQUEST.CONTROL_CHARACTER', 'vnp_TxnRef');
      const ipn = await request(platform.services.payment.url).get('/v1/payments/vnpay/ipn?vnp_TxnRef=%00');
      expectRefused(ipn, 'REQUEST.CONTROL_CHARACTER', 'vnp_TxnRef');
      // Past Express's 1,000-parameter limit only VNPay's own parser reads the query: screened there too.
      const padding = Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&');
      const long = await request(platform.services.payment.url).get(
        `/v1/payments/vnpay/return?${padding}&vnp_TxnRef=DVC%00`,
      );
      expectRefused(long, 'REQUEST.CONTROL_CHARACTER', 'vnp_TxnRef');
      const hub = await request(platform.services.payment.url)
        .post('/v1/payments/webhooks/hub')
        .set('Content-Type', 'application/json')
        .send(`{"id":"e1","reference":"R${'\\u0000'}","__proto__":{}}`);
      expect(hub.status).toBe(400);
      expect(hub.body.errors.fields.map((f: { field: string }) => f.field).sort()).toEqual(['__proto__', 'reference']);
      expect(await counts()).toEqual(before);
    });
  });
});
