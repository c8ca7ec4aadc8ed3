import request from 'supertest';
import { vietnamWallClock } from '@dvc/kernel';
import { fileToken } from '@dvc/storage';
import { officerToken } from '../../tools/harness/portal-client';
import { waitFor } from '../../tools/harness/wait';
import { usePlatform } from '../support/platform-fixture';
import { invoiceDossier } from '../../tools/journeys/dossiers';
import { pdf, submitInvoiceDossier, submitLiquidationDossier } from '../support/portal-client';
import { binary, pdfsig, pdfText, sha256Of as sha } from '../support/pdf-tools';

let RECEPTION: string;
let SPECIALIST: string;
let LEADER: string;
let CASHIER: string;
let ADMIN: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  RECEPTION = `Bearer ${await officerToken(['reception'], 'mot-cua-1')}`;
  SPECIALIST = `Bearer ${await officerToken(['specialist'], 'chuyen-vien-1')}`;
  LEADER = `Bearer ${await officerToken(['leader'], 'lanh-dao-1')}`;
  CASHIER = `Bearer ${await officerToken(['cashier'], 'thu-ngan-1')}`;
  ADMIN = `Bearer ${await officerToken(['admin'], 'quan-tri-1')}`;
});
const SECRET = 'local-only-internal-files-secret-0001';

/** A date as the slips print it: "14 giờ 05 phút, ngày 02/03/2026", Vietnam time. */
function printed(iso: string): string {
  const t = vietnamWallClock(new Date(iso));
  return `${t.slice(11, 13)} giờ ${t.slice(14, 16)} phút, ngày ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
}

describe('processing: the one-stop slips issued at their steps, signed, announced, downloaded (real intake and processing)', () => {
  const platform = usePlatform(['intake', 'processing'], { database: true });
  const processing = () => request(platform.services.processing.url);
  const act = (code: string, action: string, token: string, body: Record<string, unknown> = {}) =>
    processing().post(`/v1/cases/${code}/actions/${action}`).set('Authorization', token).send(body);
  const slip = (code: string, kind: string, token = RECEPTION) =>
    processing().get(`/v1/cases/${code}/slips/${kind}`).set('Authorization', token).buffer(true).parse(binary);
  /** The slip.issued events processing wrote for the dossier, oldest first. */
  const announced = async (code: string) =>
    (
      await platform.db.query(
        `SELECT envelope->'data' AS data FROM processing.outbox
          WHERE envelope->>'type' = 'slip.issued' AND envelope->'data'->>'dossierCode' = $1 ORDER BY seq`,
        [code],
      )
    ).map((r: { data: unknown }) => r.data);

  async function openedCase(): Promise<{ code: string; lookupSecret: string }> {
    const { code, lookupSecret } = (
      await submitLiquidationDossier(platform.services.intake.url, platform.apiKey).expect(202)
    ).body;
    await waitFor(
      'case opened',
      async () => (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status === 200,
    );
    return { code, lookupSecret };
  }

  it('accept issues the receipt: signed (pdfsig), with the code, due date and documents received; announced with the SHA-256 of the stored bytes; served to intake; access-logged', async () => {
    const { code, lookupSecret } = await openedCase();
    const accepted = (await act(code, 'accept', RECEPTION).expect(200)).body;

    const res = await slip(code, 'receipt', SPECIALIST).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline;/);
    expect(res.headers['content-disposition']).toContain(`${code}-phieu-tiep-nhan.pdf`);
    const bytes = res.body as Buffer;
    expect(pdfsig(bytes)).toMatch(/Signature Validation: Signature is Valid/);

    const text = pdfText(bytes);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(code);
    expect(text).toContain('Nguyễn Thị Hoa');
    expect(text).toContain(`Result due: ${printed(accepted.dueAt)}`);
    const filing = (await processing().get(`/v1/cases/${code}/filing`).set('Authorization', RECEPTION)).body;
    expect(filing.documents).toHaveLength(2);
    for (const d of filing.documents as { name: string; filename: string }[]) {
      expect(text).toContain(d.name);
      expect(text).toContain(d.filename);
    }
    expect(text).toContain('Bộ phận Một cửa / at the one-stop office');
    expect(text).toContain(`?code=${code}`);

    // Announced by reference: the SHA-256 and size of exactly the bytes downloaded.
    const events = await announced(code);
    expect(events).toEqual([
      {
        dossierCode: code,
        kind: 'receipt',
        file: {
          fileId: expect.any(String),
          name: `${code}-phieu-tiep-nhan.pdf`,
          contentType: 'application/pdf',
          size: bytes.length,
          sha256: sha(bytes),
          signed: true,
        },
        issuedAt: expect.any(String),
      },
    ]);

    // intake fetches the slip from the internal endpoint with a token over its SHA-256; not without one.
    const token = fileToken(SECRET, sha(bytes), new Date(Date.now() + 60_000));
    const internal = await processing()
      .get(`/internal/files/${sha(bytes)}`)
      .set('X-DVC-File-Token', token)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sha(internal.body as Buffer)).toBe(sha(bytes));
    await processing()
      .get(`/internal/files/${sha(bytes)}`)
      .expect(403);

    // The citizen gets the same bytes through intake with the lookup secret (relayed from processing).
    const citizen = await waitFor('receipt relayed to the citizen', async () => {
      const r = await request(platform.services.intake.url)
        .get(`/v1/dossiers/${code}/slips/receipt`)
        .set('X-Lookup-Secret', lookupSecret)
        .buffer(true)
        .parse(binary);
      return r.status === 200 ? (r.body as Buffer) : undefined;
    });
    expect(sha(citizen)).toBe(sha(bytes));

    // The download is in the access log, naming the slip.
    const log = (await processing().get(`/v1/cases/${code}/access-log`).set('Authorization', ADMIN).expect(200)).body;
    expect(log.items.find((i: { what: string }) => i.what === 'slip')).toMatchObject({
      officer: { id: 'chuyen-vien-1', roles: ['specialist'] },
      what: 'slip',
      documentId: events[0].file.fileId,
    });
  });

  it('a fee due first and a postal return: the receipt at acceptance (awaiting_payment) with the due date computed then and the address', async () => {
    const { code } = (
      await submitInvoiceDossier(
        platform.services.intake.url,
        platform.apiKey,
        invoiceDossier({ paymentMethod: 'online' }),
      ).expect(202)
    ).body;
    await waitFor(
      'case opened',
      async () => (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status === 200,
    );
    const accepted = (await act(code, 'accept', RECEPTION).expect(200)).body;
    expect(accepted).toMatchObject({ status: 'awaiting_payment', nationalStatusCode: 6 });
    const text = pdfText((await slip(code, 'receipt').expect(200)).body as Buffer);
    expect(text).toContain(`Result due: ${printed(accepted.dueAt)}`);
    expect(text).toContain('qua dịch vụ bưu chính công ích / by post: Trần Văn Bình, 12 Lê Lợi, Phường Sài Gòn');
    expect(text).toContain('Ban Quản lý dự án Đầu tư xây dựng');
  });

  it('request_supplement issues the supplement request with its items and reason; a second request is a new slip, the newest one served', async () => {
    const { code, lookupSecret } = await openedCase();
    await act(code, 'accept', RECEPTION).expect(200);
    await act(code, 'request_supplement', RECEPTION, {
      note: 'Thiếu biên bản kiểm kê',
      items: ['Biên bản kiểm kê tài sản'],
    }).expect(200);
    const first = (await slip(code, 'supplement-request').expect(200)).body as Buffer;
    expect(pdfsig(first)).toMatch(/Signature Validation: Signature is Valid/);
    const text = pdfText(first);
    expect(text).toContain('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ');
    expect(text).toContain(code);
    expect(text).toContain('1. Biên bản kiểm kê tài sản');
    expect(text).toContain('Thiếu biên bản kiểm kê');

    // The applicant answers through intake; the clock resumes; the officer asks again.
    await request(platform.services.intake.url)
      .post(`/v1/dossiers/${code}/supplements`)
      .set('X-Api-Key', platform.apiKey)
      .set('X-Lookup-Secret', lookupSecret)
      .field('supplement', JSON.stringify({ requestId: `${code}:supplement:1` }))
      .attach('TP5', pdf('biên bản kiểm kê'), 'bien-ban-kiem-ke.pdf')
      .expect(202);
    await waitFor(
      'supplement received',
      async () =>
        (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).body.status === 'in_review',
    );
    await act(code, 'request_supplement', SPECIALIST, {
      note: 'Biên bản chưa có chữ ký',
      items: ['Biên bản kiểm kê có chữ ký của thủ trưởng đơn vị', 'Bản sao quyết định giao tài sản'],
    }).expect(200);
    const second = (await slip(code, 'supplement-request', LEADER).expect(200)).body as Buffer;
    const secondText = pdfText(second);
    expect(secondText).toContain('1. Biên bản kiểm kê có chữ ký của thủ trưởng đơn vị');
    expect(secondText).toContain('2. Bản sao quyết định giao tài sản');
    expect(secondText).toContain('Biên bản chưa có chữ ký');
    expect(secondText).not.toContain('Thiếu biên bản kiểm kê');
    const events = await announced(code);
    expect(events.map((e: { kind: string; file: { sha256: string } }) => [e.kind, e.file.sha256])).toEqual([
      ['receipt', expect.any(String)],
      ['supplement-request', sha(first)],
      ['supplement-request', sha(second)],
    ]);

    // The control slip lists every step, from the opening to the second request.
    const control = (await slip(code, 'control', LEADER).expect(200)).body as Buffer;
    expect(pdfsig(control)).toMatch(/Signature Validation: Signature is Valid/);
    const steps = pdfText(control);
    expect(steps).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    const order = [
      '1. Nhận hồ sơ trực tuyến',
      '2. Tiếp nhận hồ sơ',
      '3. Yêu cầu bổ sung hồ sơ',
      '4. Nhận hồ sơ bổ sung',
      '5. Yêu cầu bổ sung hồ sơ',
    ].map((s) => steps.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps).toContain('mot-cua-1 (reception)');
    expect(steps).toContain('chuyen-vien-1 (specialist)');
    expect(steps).toContain('Đúng hạn / On time');
    expect(steps).toContain('Chưa đến hạn / Not yet due');
    // Drawn on request, not stored: nothing announced for it.
    expect((await announced(code)).length).toBe(3);
  });

  it('refuse issues the refusal with its reason', async () => {
    const { code } = await openedCase();
    await act(code, 'refuse', RECEPTION, { note: 'Tài sản không thuộc thẩm quyền thanh lý của Sở' }).expect(200);
    const bytes = (await slip(code, 'refusal').expect(200)).body as Buffer;
    expect(pdfsig(bytes)).toMatch(/Signature Validation: Signature is Valid/);
    const text = pdfText(bytes);
    expect(text).toContain('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(code);
    expect(text).toContain('Tài sản không thuộc thẩm quyền thanh lý của Sở');
    expect((await announced(code)).map((e: { kind: string }) => e.kind)).toEqual(['refusal']);
  });

  it('apologize issues the apology with the date promised before and the new one', async () => {
    const { code } = await openedCase();
    const accepted = (await act(code, 'accept', RECEPTION).expect(200)).body;
    const newDueAt = new Date(Date.parse(accepted.dueAt) + 7 * 24 * 3600 * 1000).toISOString();
    await act(code, 'apologize', LEADER, { note: 'Cần xác minh thêm với cơ quan thuế', newDueAt }).expect(200);
    const bytes = (await slip(code, 'apology', SPECIALIST).expect(200)).body as Buffer;
    expect(pdfsig(bytes)).toMatch(/Signature Validation: Signature is Valid/);
    const text = pdfText(bytes);
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(text).toContain(code);
    expect(text).toContain('Cần xác minh thêm với cơ quan thuế');
    expect(text).toContain(`Result was due: ${printed(accepted.dueAt)}`);
    expect(text).toContain(`New return date: ${printed(newDueAt)}`);
    expect((await announced(code)).map((e: { kind: string }) => e.kind)).toEqual(['receipt', 'apology']);
  });

  it('refuses an unknown kind, a kind not issued, an unknown case and officers without a case role, with stable codes and nothing of the file', async () => {
    const { code } = await openedCase();
    const unknown = await processing()
      .get(`/v1/cases/${code}/slips/bien-lai`)
      .set('Authorization', RECEPTION)
      .expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ code: 'SLIP.UNKNOWN_KIND' });
    const notIssued = await processing()
      .get(`/v1/cases/${code}/slips/receipt`)
      .set('Authorization', RECEPTION)
      .expect(404);
    expect(notIssued.body).toMatchObject({ code: 'SLIP.NOT_ISSUED' });
    expect(JSON.stringify(notIssued.body)).not.toMatch(/sha256|\.pdf|storage/i);
    const noCase = await processing()
      .get('/v1/cases/000.00.12.H30-200101-9999/slips/receipt')
      .set('Authorization', RECEPTION)
      .expect(404);
    expect(noCase.body.code).toBe('CASE.NOT_FOUND');
    await act(code, 'accept', RECEPTION).expect(200);
    for (const who of [CASHIER, ADMIN]) {
      const refused = await processing().get(`/v1/cases/${code}/slips/receipt`).set('Authorization', who).expect(403);
      expect(JSON.stringify(refused.body)).not.toMatch(/sha256|\.pdf/i);
    }
    await processing().get(`/v1/cases/${code}/slips/receipt`).expect(401);
  });
});
