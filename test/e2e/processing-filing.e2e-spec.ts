import request from 'supertest';
import { DataSource } from 'typeorm';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { createPortalKey, officerToken } from '../../tools/harness/portal-client';
import { E2E_RETRY_DELAYS, ServiceProcess, serviceEnv } from '../../tools/harness/service-process';
import { adminTestDbUrl, uniqueNamespace } from '../../tools/harness/test-env.config';
import { waitFor } from '../../tools/harness/wait';
import { pdf, PNG, submitInvoiceDossier, submitLiquidationDossier } from '../support/portal-client';
import { binary, sha256Of as sha } from '../support/pdf-tools';

const bearer = async (roles: Parameters<typeof officerToken>[0], id: string) =>
  `Bearer ${await officerToken(roles, id)}`;
let RECEPTION: string;
let SPECIALIST: string;
let LEADER: string;
let CASHIER: string;
let ADMIN: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  [RECEPTION, SPECIALIST, LEADER, CASHIER, ADMIN] = await Promise.all([
    bearer(['reception'], 'mot-cua-1'),
    bearer(['specialist'], 'chuyen-vien-1'),
    bearer(['leader'], 'lanh-dao-1'),
    bearer(['cashier'], 'thu-ngan-1'),
    bearer(['admin'], 'quan-tri-1'),
  ]);
});

describe('processing: officers read the filing and its documents, every read logged; the apology (real intake and processing)', () => {
  const namespace = uniqueNamespace('e2e');
  let intake: ServiceProcess;
  let processing: ServiceProcess;
  let apiKey: string;
  const p = () => request(processing.url);

  beforeAll(async () => {
    const i = await serviceEnv('intake', namespace);
    // processing streams the filed documents from intake's internal endpoint (ADR 0010).
    const pr = await serviceEnv('processing', namespace, { INTAKE_URL: `http://127.0.0.1:${i.port}` });
    intake = new ServiceProcess('intake', i.port, i.env);
    processing = new ServiceProcess('processing', pr.port, pr.env);
    intake.start();
    processing.start();
    await Promise.all([intake.ready(), processing.ready()]);
    ({ apiKey } = await createPortalKey(intake.url));
  });

  afterAll(async () => {
    for (const s of [intake, processing]) await s?.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  const opened = (code: string) =>
    waitFor(
      'case opened',
      async () => (await p().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status === 200,
    );

  it('gives reception, specialists and leaders the filing and each document byte for byte; refuses others without a word about the file', async () => {
    const { code } = (await submitInvoiceDossier(intake.url, apiKey).expect(202)).body;
    const { code: other } = (await submitLiquidationDossier(intake.url, apiKey).expect(202)).body;
    await opened(code);
    await opened(other);

    const filing = (await p().get(`/v1/cases/${code}/filing`).set('Authorization', SPECIALIST).expect(200)).body;
    expect(filing).toMatchObject({
      dossierCode: code,
      procedure: { code: 'M.QLCS.22' },
      applicant: { kind: 'organisation', name: 'Ban Quản lý dự án Đầu tư xây dựng', taxCode: '0100109106' },
      supplements: [],
    });
    expect(filing.declaration).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'soQuyetDinhBan', value: '12/QĐ-STC', labelVi: expect.any(String) }),
      ]),
    );
    const byCode = Object.fromEntries(filing.documents.map((d: { code: string }) => [d.code, d]));
    expect(byCode.TP1).toMatchObject({
      filename: 'don-de-nghi.pdf',
      contentType: 'application/pdf',
      size: pdf('đơn đề nghị').length,
      sha256: sha(pdf('đơn đề nghị')),
    });
    expect(byCode.TP3).toMatchObject({ filename: 'bien-ban.png', contentType: 'image/png', sha256: sha(PNG) });

    const got = await p()
      .get(byCode.TP1.download)
      .set('Authorization', RECEPTION)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(got.body.equals(pdf('đơn đề nghị'))).toBe(true);
    expect(got.headers['content-type']).toMatch(/^application\/pdf/);
    expect(got.headers['content-disposition']).toMatch(/^inline; filename="don-de-nghi.pdf"/);
    const png = await p().get(byCode.TP3.download).set('Authorization', LEADER).buffer(true).parse(binary).expect(200);
    expect(png.body.equals(PNG)).toBe(true);

    // No role on the case, an unknown document, another dossier's document: refused, nothing about the file.
    const otherFiling = (await p().get(`/v1/cases/${other}/filing`).set('Authorization', LEADER).expect(200)).body;
    const foreign = otherFiling.documents[0];
    const refusals = [
      await p().get(byCode.TP1.download).set('Authorization', CASHIER).expect(403),
      await p().get(byCode.TP1.download).set('Authorization', ADMIN).expect(403),
      await p().get(`/v1/cases/${code}/filing`).set('Authorization', CASHIER).expect(403),
      await p().get(`/v1/cases/${code}/documents/not-an-attachment`).set('Authorization', RECEPTION).expect(404),
      await p().get(`/v1/cases/${code}/documents/${foreign.attachmentId}`).set('Authorization', RECEPTION).expect(404),
    ];
    for (const r of refusals) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const text = JSON.stringify(r.body);
      for (const leak of ['don-de-nghi', foreign.filename, byCode.TP1.sha256]) expect(text).not.toContain(leak);
      // A size is a short number: look for it as a number of its own, not inside a code or a request id.
      expect(text).not.toMatch(new RegExp(`(^|[^0-9a-f-])${foreign.size}([^0-9a-f-]|$)`));
    }
    expect(refusals[4].body.code).toBe('FILING.DOCUMENT_NOT_FOUND');

    // The administrator lists who read what, newest first; the refusals left nothing.
    expect((await p().get(`/v1/cases/${code}/access-log`).set('Authorization', RECEPTION).expect(403)).body.code).toBe(
      'AUTH.FORBIDDEN',
    );
    const log = (await p().get(`/v1/cases/${code}/access-log`).set('Authorization', ADMIN).expect(200)).body;
    expect(
      log.items.map((r: { what: string; officer: { id: string }; documentId: string | null }) => [
        r.what,
        r.officer.id,
        r.documentId,
      ]),
    ).toEqual([
      ['document', 'lanh-dao-1', byCode.TP3.attachmentId],
      ['document', 'mot-cua-1', byCode.TP1.attachmentId],
      ['filing', 'chuyen-vien-1', null],
    ]);
    expect(log.items[0]).toMatchObject({ officer: { roles: ['leader'] }, clientIp: expect.any(String) });
    const page = (await p().get(`/v1/cases/${code}/access-log`).query({ limit: 2 }).set('Authorization', ADMIN)).body;
    expect(page.items).toHaveLength(2);
    const rest = (
      await p().get(`/v1/cases/${code}/access-log`).query({ limit: 2, before: page.next }).set('Authorization', ADMIN)
    ).body;
    expect(rest.items.map((r: { what: string }) => r.what)).toEqual(['filing']);
  });

  it('an apology promises a later date to the citizen; the legal due date stays, so the case is overdue in the statistics', async () => {
    const { code, lookupSecret } = (await submitLiquidationDossier(intake.url, apiKey).expect(202)).body;
    await opened(code);
    const accepted = (await p().post(`/v1/cases/${code}/actions/accept`).set('Authorization', RECEPTION).expect(200))
      .body;
    expect(accepted).toMatchObject({ status: 'accepted', returnDueAt: null });
    const act = (token: string, body: Record<string, unknown>) =>
      p().post(`/v1/cases/${code}/actions/apologize`).set('Authorization', token).send(body);

    expect((await act(SPECIALIST, { note: 'x', newDueAt: '2099-01-01T00:00:00Z' }).expect(403)).body.code).toBe(
      'CASE.ACTION_NOT_YOUR_ROLE',
    );
    expect((await act(RECEPTION, { note: 'Chậm do xác minh' }).expect(400)).body.code).toBe(
      'CASE.ACTION_INPUT_MISSING',
    );
    expect((await act(RECEPTION, { note: 'x', newDueAt: 'next week' }).expect(400)).body.code).toBe(
      'REQUEST.VALIDATION_FAILED',
    );
    const earlier = (await act(RECEPTION, { note: 'x', newDueAt: accepted.acceptedAt }).expect(422)).body;
    expect(earlier).toMatchObject({ code: 'CASE.NEW_DUE_DATE_NOT_LATER', errors: { currentDueAt: accepted.dueAt } });

    const newDueAt = new Date(Date.parse(accepted.dueAt) + 7 * 24 * 3600 * 1000).toISOString();
    const note = 'Cần lấy ý kiến cơ quan thuế, xin lỗi ông/bà vì sự chậm trễ';
    const after = (await act(LEADER, { note, newDueAt }).expect(200)).body;
    expect(after).toMatchObject({
      status: 'accepted',
      nationalStatusCode: 2,
      dueAt: accepted.dueAt,
      returnDueAt: newDueAt,
    });
    const history = (await p().get(`/v1/cases/${code}/history`).set('Authorization', LEADER)).body;
    expect(history[history.length - 1]).toMatchObject({
      action: 'apologize',
      from: 'accepted',
      to: 'accepted',
      note,
      details: { previousDueAt: accepted.dueAt, newDueAt },
    });
    await waitFor(
      'the citizen sees the new date',
      async () =>
        (await request(intake.url).get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', lookupSecret)).body.dueAt ===
        newDueAt,
    );

    // The legal due date passes (set back here): overdue in the statistics although the promised date is ahead.
    const overdue = async () =>
      (
        await p()
          .get('/v1/stats')
          .query({ from: '2020-01-01', to: '2020-01-01' })
          .set('Authorization', LEADER)
          .expect(200)
      ).body.overdueNow;
    const before = await overdue();
    const db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
    try {
      await db.query(`UPDATE processing.cases SET due_at = now() - interval '1 day' WHERE dossier_code = $1`, [code]);
    } finally {
      await db.destroy();
    }
    expect(await overdue()).toBe(before + 1);
    const queue = (await p().get('/v1/cases/queue').query({ limit: 1000 }).set('Authorization', LEADER)).body;
    expect(queue.find((c: { dossierCode: string }) => c.dossierCode === code)).toMatchObject({
      overdue: true,
      returnDueAt: newDueAt,
    });
  });
});
