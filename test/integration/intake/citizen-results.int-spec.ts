import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { SwaggerModule, DocumentBuilder } from '@nestjs/swagger';
import { fileToken, FILE_TOKEN_HEADER, keyOf } from '@dvc/storage';
import { createPortalKey } from '../../../tools/harness/portal-client';
import { waitFor } from '../../../tools/harness/wait';
import { pdf, submitLiquidationDossier } from '../../support/portal-client';
import { IntakeHarness, INTERNAL_FILES_SECRET } from './intake-harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const inFiveMinutes = () => new Date(Date.now() + 5 * 60_000);
/** A response body as bytes, whatever its content type. */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * intake's side of the electronic result (ADR 0010), on the real intake application, PostgreSQL
 * and RabbitMQ: the references kept from result.issued and slip.issued published on the bus, the
 * citizen's downloads relayed from the files' owner, the refusals, and the internal endpoint that
 * hands processing the applicant's documents.
 */
describe('intake: citizens get their results and slips; processing gets the filed documents', () => {
  const intake = new IntakeHarness();
  let apiKey: string;
  let dossier: { code: string; lookupSecret: string; attachments: { documentCode: string; sha256: string }[] };
  const api = () => request(intake.url);

  beforeAll(async () => {
    await intake.start();
    ({ apiKey } = await createPortalKey(intake.url));
    const res = await submitLiquidationDossier(intake.url, apiKey).expect(202);
    dossier = res.body;
  });

  afterAll(async () => {
    await intake.stop();
  });

  describe('the filing on the bus', () => {
    it('dossier.submitted carries the labelled declaration and every document by reference', async () => {
      const [row] = await intake.ds.query(
        `SELECT envelope FROM intake.outbox WHERE routing_key = 'dossier.submitted.v1' AND envelope->>'correlationId' = $1`,
        [dossier.code],
      );
      const data = row.envelope.data;
      expect(data.declaration).toContainEqual({
        path: 'danhSachTaiSan.0.tenTaiSan',
        labelVi: 'Danh sách tài sản đề nghị thanh lý › 1 › Tên tài sản',
        value: 'Máy photocopy Ricoh',
      });
      expect(data.declaration).toContainEqual({
        path: 'danhSachTaiSan.0.nguyenGia',
        labelVi: 'Danh sách tài sản đề nghị thanh lý › 1 › Nguyên giá (đồng)',
        value: 45000000,
      });
      expect(data.documents).toEqual(
        dossier.attachments.map((a) =>
          expect.objectContaining({ documentCode: a.documentCode, sha256: a.sha256, contentType: 'application/pdf' }),
        ),
      );
    });
  });

  describe('GET /internal/files/:sha256 (for processing)', () => {
    it("streams a dossier's document with a valid token, byte for byte", async () => {
      const filed = dossier.attachments[0];
      const res = await api()
        .get(`/internal/files/${filed.sha256}`)
        .set(FILE_TOKEN_HEADER, fileToken(INTERNAL_FILES_SECRET, filed.sha256, inFiveMinutes()))
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(sha(res.body)).toBe(filed.sha256);
      expect(res.headers['content-length']).toBe(String(res.body.length));
    });

    it('refuses a missing token, one made with another secret, one for another file, and an expired one', async () => {
      const [a, b] = dossier.attachments.map((x) => x.sha256);
      const refused = async (token: string | undefined) => {
        const req = api().get(`/internal/files/${a}`);
        const res = await (token ? req.set(FILE_TOKEN_HEADER, token) : req).expect(403);
        expect(res.body).toMatchObject({ code: 'FILES.TOKEN_REFUSED' });
      };
      await refused(undefined);
      await refused(fileToken('another-secret-of-at-least-32-characters', a, inFiveMinutes()));
      await refused(fileToken(INTERNAL_FILES_SECRET, b, inFiveMinutes()));
      await refused(fileToken(INTERNAL_FILES_SECRET, a, new Date(Date.now() - 1000)));
    });

    it('serves only documents bound to a dossier: an upload no dossier took is not found', async () => {
      const upload = await api()
        .post('/v1/attachments')
        .set('X-Api-Key', apiKey)
        .attach('file', pdf(`chưa nộp ${randomUUID()}`), 'chua-nop.pdf')
        .expect(201);
      const res = await api()
        .get(`/internal/files/${upload.body.sha256}`)
        .set(FILE_TOKEN_HEADER, fileToken(INTERNAL_FILES_SECRET, upload.body.sha256, inFiveMinutes()))
        .expect(404);
      expect(res.body).toMatchObject({ code: 'FILES.NOT_FOUND' });
    });

    it('is not in the public OpenAPI document', () => {
      const doc = SwaggerModule.createDocument(intake.app, new DocumentBuilder().build());
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/internal'))).toBe(false);
      expect(Object.keys(doc.paths)).toContain('/v1/dossiers/{code}/results');
    });
  });

  describe("the citizen's results and slips", () => {
    const resultPdf = pdf(`Quyết định thanh lý tài sản ${randomUUID()}`);
    const receiptV1 = pdf(`Phiếu tiếp nhận ${randomUUID()}`);
    const receiptV2 = pdf(`Phiếu tiếp nhận (cấp lại) ${randomUUID()}`);
    const verificationCode = 'ABCD-EFGH-JKLM-NPQR';
    const fileId = randomUUID();
    const secret = () => ({ 'X-Lookup-Secret': dossier.lookupSecret });

    beforeAll(async () => {
      const stored = await intake.owner.keep(resultPdf);
      const r1 = await intake.owner.keep(receiptV1);
      const r2 = await intake.owner.keep(receiptV2);
      const issuedAt = new Date('2026-11-30T03:00:00.000Z');
      const slip = (s: typeof r1, fileIdOf: string, at: string) => ({
        dossierCode: dossier.code,
        kind: 'receipt' as const,
        file: {
          fileId: fileIdOf,
          name: 'Phiếu tiếp nhận và hẹn trả kết quả.pdf',
          contentType: 'application/pdf',
          size: s.size,
          sha256: s.sha256,
          signed: true,
        },
        issuedAt: at,
      });
      await intake.publish('slip.issued', slip(r1, randomUUID(), '2026-11-29T02:00:00.000Z'));
      await intake.publish('slip.issued', slip(r2, randomUUID(), '2026-11-29T05:00:00.000Z'));
      const result = await intake.publish('result.issued', {
        dossierCode: dossier.code,
        resultId: randomUUID(),
        documents: [{ name: 'Quyết định thanh lý tài sản.pdf', sha256: stored.sha256 }],
        deliveryMethod: 'office',
        codAmount: 0,
        issuedAt: issuedAt.toISOString(),
        files: [
          {
            fileId,
            name: 'Quyết định thanh lý tài sản.pdf',
            contentType: 'application/pdf',
            size: stored.size,
            sha256: stored.sha256,
            signed: true,
          },
        ],
        verificationCode,
        signedBy: 'Sở Tài chính tỉnh Thử nghiệm',
      });
      // The same envelope again (a relay resending after a crash): the inbox absorbs it.
      await intake.publish('result.issued', result.data, result);
      await waitFor('references kept', async () => {
        const [{ n }] = await intake.ds.query(
          `SELECT (SELECT count(*) FROM intake.result_files WHERE dossier_code = $1) + (SELECT count(*) FROM intake.slips WHERE dossier_code = $1) AS n`,
          [dossier.code],
        );
        return Number(n) === 3;
      });
      const [{ handled }] = await intake.ds.query(
        `SELECT count(*)::int AS handled FROM intake.inbox WHERE message_id = $1`,
        [result.id],
      );
      expect(handled).toBe(1);
    });

    it('lists the results with what the citizen needs to check them', async () => {
      const res = await api().get(`/v1/dossiers/${dossier.code}/results`).set(secret()).expect(200);
      expect(res.body).toEqual({
        code: dossier.code,
        results: [
          {
            fileId,
            resultId: expect.any(String),
            name: 'Quyết định thanh lý tài sản.pdf',
            contentType: 'application/pdf',
            size: resultPdf.length,
            sha256: sha(resultPdf),
            signed: true,
            verificationCode,
            issuedAt: '2026-11-30T03:00:00.000Z',
          },
        ],
      });
    });

    it('downloads the result byte for byte under its Vietnamese name', async () => {
      const res = await api()
        .get(`/v1/dossiers/${dossier.code}/results/${fileId}`)
        .set(secret())
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.body.equals(resultPdf)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent('Quyết định thanh lý tài sản.pdf')}`,
      );
      expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    });

    it('gives the newest slip of a kind', async () => {
      const res = await api()
        .get(`/v1/dossiers/${dossier.code}/slips/receipt`)
        .set(secret())
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.body.equals(receiptV2)).toBe(true);
    });

    it('refuses a wrong secret as a failed lookup, and says nothing of the files', async () => {
      const before = await failures(dossier.code);
      for (const path of ['results', `results/${fileId}`, 'slips/receipt']) {
        const res = await api()
          .get(`/v1/dossiers/${dossier.code}/${path}`)
          .set('X-Lookup-Secret', 'sai-ma-tra-cuu')
          .expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ code: 'DOSSIER.NOT_FOUND' });
        expect(JSON.stringify(res.body)).not.toMatch(/Quyết định|Phiếu|\.pdf|size/);
      }
      expect(await failures(dossier.code)).toBe(before + 3);
      await api().get(`/v1/dossiers/${dossier.code}/results`).expect(401);
    });

    it('answers an unknown result id, an unknown kind and a kind not issued yet with stable codes', async () => {
      const unknown = await api().get(`/v1/dossiers/${dossier.code}/results/${randomUUID()}`).set(secret()).expect(404);
      expect(unknown.body).toMatchObject({
        code: 'RESULT.NOT_FOUND',
        message: { vi: expect.any(String), en: expect.any(String) },
      });
      const kind = await api().get(`/v1/dossiers/${dossier.code}/slips/control`).set(secret()).expect(404);
      expect(kind.body).toMatchObject({ code: 'SLIP.UNKNOWN_KIND' });
      const notYet = await api().get(`/v1/dossiers/${dossier.code}/slips/refusal`).set(secret()).expect(404);
      expect(notYet.body).toMatchObject({ code: 'SLIP.NOT_ISSUED' });
    });

    it('cuts the download off when the bytes processing sends are not the file issued', async () => {
      const issued = pdf(`Kết quả đã cấp ${randomUUID()}`);
      const damaged = Buffer.from(issued);
      damaged[12] ^= 0x01; // one bit flipped, same size
      const sha256 = sha(issued);
      // The owner's disk holds other bytes under the issued file's key (a damaged store).
      await mkdir(dirname(join(intake.owner.dir, keyOf(sha256))), { recursive: true });
      await writeFile(join(intake.owner.dir, keyOf(sha256)), damaged);
      intake.owner.serve(sha256);
      const damagedId = randomUUID();
      await intake.publish('result.issued', {
        dossierCode: dossier.code,
        resultId: randomUUID(),
        documents: [{ name: 'Kết quả.pdf', sha256 }],
        deliveryMethod: 'office',
        codAmount: 0,
        issuedAt: new Date().toISOString(),
        files: [
          {
            fileId: damagedId,
            name: 'Kết quả.pdf',
            contentType: 'application/pdf',
            size: issued.length,
            sha256,
            signed: false,
          },
        ],
      });
      await waitFor(
        'reference kept',
        async () => (await intake.ds.query('SELECT 1 FROM intake.result_files WHERE file_id = $1', [damagedId])).length,
      );
      await expect(
        api().get(`/v1/dossiers/${dossier.code}/results/${damagedId}`).set(secret()).buffer(true).parse(binary),
      ).rejects.toThrow();
    });

    it('says to try again later while processing is down, and serves again once it is back', async () => {
      const port = intake.owner.port;
      await intake.owner.stop();
      const res = await api().get(`/v1/dossiers/${dossier.code}/results/${fileId}`).set(secret()).expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'RESULT.FILE_UNAVAILABLE' });
      expect(JSON.stringify(res.body)).not.toContain('127.0.0.1');
      await intake.owner.start(port);
      await api().get(`/v1/dossiers/${dossier.code}/results/${fileId}`).set(secret()).expect(200);
    });
  });

  describe('the lookup', () => {
    it('shows awaiting_payment with national code 6 and its label', async () => {
      const at = new Date().toISOString();
      await intake.publish('dossier.status_changed', {
        dossierCode: dossier.code,
        status: 'awaiting_payment',
        nationalStatusCode: 6,
        occurredAt: at,
      });
      const res = await waitFor('status 6 in the lookup', async () => {
        const r = await api().get(`/v1/dossiers/${dossier.code}`).set('X-Lookup-Secret', dossier.lookupSecret);
        return r.body.nationalStatusCode === 6 ? r : undefined;
      });
      expect(res.body).toMatchObject({
        status: 'awaiting_payment',
        nationalStatusCode: 6,
        statusText: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
      });
      expect(res.body.history).toContainEqual(
        expect.objectContaining({ status: 'awaiting_payment', nationalStatusCode: 6 }),
      );
    });
  });

  async function failures(code: string): Promise<number> {
    const [{ n }] = await intake.ds.query(
      'SELECT count(*)::int AS n FROM intake.lookup_failures WHERE dossier_code = $1',
      [code],
    );
    return n;
  }
});
