import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import request from 'supertest';
import { createTestPki, Pkcs12Signer } from '@dvc/documents';
import { testConfig } from '../../../tools/harness/test-env.config';
import { createPortalKey } from '../../../tools/harness/portal-client';
import { waitFor } from '../../../tools/harness/wait';
import { IntakeHarness } from './intake-harness';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function onePagePdf(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  page.drawText(text, { x: 50, y: 780, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return Buffer.from(await doc.save());
}

/** The same PDF encrypted by qpdf (AES-256, a user password): what a citizen's "protected" export looks like. */
function encrypted(pdf: Buffer): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'dvc-enc-'));
  try {
    writeFileSync(join(dir, 'plain.pdf'), pdf);
    execFileSync('qpdf', [
      '--encrypt',
      'mat-khau',
      'chu-so-huu',
      '256',
      '--',
      join(dir, 'plain.pdf'),
      join(dir, 'enc.pdf'),
    ]);
    return readFileSync(join(dir, 'enc.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The public verification of results and the refusal of encrypted uploads, on the real intake
 * (PostgreSQL, RabbitMQ) with a result signed by a throw-away PKI and announced on the bus.
 */
describe('intake: results verified by code or by PDF; encrypted PDFs refused at upload', () => {
  const intake = new IntakeHarness(`${testConfig.TEST_DATABASE}_intake_verify`);
  const api = () => request(intake.url);
  const pki = createTestPki({ commonName: 'Sở Tài chính tỉnh Thử nghiệm' });
  const signer = Pkcs12Signer.fromBytes(pki.p12, pki.passphrase);
  const verificationCode = 'WXYZ-2345-6789-ABCD';
  const dossierCode = '000.00.12.H30-261130-0042';
  let signed: Buffer;

  beforeAll(async () => {
    await intake.start();
    signed = await signer.signPdf(await onePagePdf(`Quyet dinh thanh ly ${randomUUID()}`), {
      reason: 'Kết quả giải quyết thủ tục hành chính',
    });
    await intake.publish('result.issued', {
      dossierCode,
      resultId: randomUUID(),
      documents: [{ name: 'Quyết định thanh lý.pdf', sha256: sha(signed) }],
      deliveryMethod: 'office',
      codAmount: 0,
      issuedAt: '2026-11-30T08:00:00.000Z',
      files: [
        {
          fileId: randomUUID(),
          name: 'Quyết định thanh lý.pdf',
          contentType: 'application/pdf',
          size: signed.length,
          sha256: sha(signed),
          signed: true,
        },
      ],
      verificationCode,
      signedBy: 'Sở Tài chính tỉnh Thử nghiệm',
    });
    await waitFor(
      'result kept',
      async () =>
        (await intake.ds.query('SELECT 1 FROM intake.result_files WHERE dossier_code = $1', [dossierCode])).length,
    );
  });

  afterAll(async () => {
    await intake.stop();
  });

  describe('GET /v1/results/verify/:verificationCode', () => {
    it('confirms an issued result, with the dossier code masked but for its last 4 characters', async () => {
      const res = await api().get(`/v1/results/verify/${verificationCode.toLowerCase()}`).expect(200);
      expect(res.body).toEqual({
        authentic: true,
        verificationCode,
        dossierCode: '***.**.**.***-******-0042',
        issuedAt: '2026-11-30T08:00:00.000Z',
        signedBy: 'Sở Tài chính tỉnh Thử nghiệm',
        files: [{ name: 'Quyết định thanh lý.pdf', sha256: sha(signed) }],
      });
    });

    it('answers an unknown code with a clear problem, and counts it against the client like a wrong lookup', async () => {
      const res = await api().get('/v1/results/verify/AAAA-BBBB-CCCC-DDDD').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'VERIFY.CODE_NOT_FOUND',
        message: { vi: expect.stringContaining('mã xác thực') },
      });
      const [{ n }] = await intake.ds.query(
        `SELECT count(*)::int AS n FROM intake.lookup_failures WHERE dossier_code = 'verify'`,
      );
      expect(n).toBe(1);
    });
  });

  describe('POST /v1/results/verify', () => {
    it('finds the issued, signed result authentic, as the raw body or as a multipart file', async () => {
      const expected = {
        authentic: true,
        unaltered: true,
        issuedResult: true,
        verificationCode,
        signatures: [
          {
            signer: expect.stringContaining('Sở Tài chính tỉnh Thử nghiệm'),
            signedAt: expect.any(String),
            valid: true,
          },
        ],
      };
      const raw = await api()
        .post('/v1/results/verify')
        .set('Content-Type', 'application/pdf')
        .send(signed)
        .expect(200);
      expect(raw.body).toEqual(expected);
      const multipart = await api().post('/v1/results/verify').attach('file', signed, 'ket-qua.pdf').expect(200);
      expect(multipart.body).toEqual(expected);
    });

    it('finds a tampered copy not authentic, and says why', async () => {
      const text = signed.toString('latin1');
      const at = text.indexOf('/MediaBox');
      const tampered = Buffer.from(signed);
      tampered.write('/MediaBoy', at, 'latin1'); // same length: the byte range still fits, the digest does not
      const res = await api()
        .post('/v1/results/verify')
        .set('Content-Type', 'application/pdf')
        .send(tampered)
        .expect(200);
      expect(res.body).toMatchObject({
        authentic: false,
        unaltered: false,
        issuedResult: false,
        verificationCode: null,
        signatures: [{ valid: false }],
        reason: { code: 'VERIFY.SIGNATURE_INVALID', vi: expect.any(String), en: expect.any(String) },
      });
    });

    it('finds an unsigned PDF not authentic, and refuses what is not a PDF, nothing, or too much', async () => {
      const plain = await api()
        .post('/v1/results/verify')
        .set('Content-Type', 'application/pdf')
        .send(await onePagePdf('Ban sao khong ky'))
        .expect(200);
      expect(plain.body).toMatchObject({
        authentic: false,
        issuedResult: false,
        signatures: [],
        reason: { code: 'VERIFY.NOT_SIGNED' },
      });
      const text = await api()
        .post('/v1/results/verify')
        .set('Content-Type', 'application/pdf')
        .send(Buffer.from('xin chào'))
        .expect(422);
      expect(text.body).toMatchObject({ code: 'VERIFY.NOT_A_PDF' });
      const none = await api().post('/v1/results/verify').expect(400);
      expect(none.body).toMatchObject({ code: 'VERIFY.NO_FILE' });
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(intake.config.ATTACHMENT_MAX_BYTES)]);
      const tooLarge = await api()
        .post('/v1/results/verify')
        .set('Content-Type', 'application/pdf')
        .send(big)
        .expect(413);
      expect(tooLarge.body).toMatchObject({ code: 'VERIFY.TOO_LARGE' });
    });
  });

  describe('uploads', () => {
    it('refuses an encrypted PDF with a stable code and stores nothing', async () => {
      const { apiKey } = await createPortalKey(intake.url);
      const [{ n: before }] = await intake.ds.query('SELECT count(*)::int AS n FROM intake.attachments');
      const filesBefore = readdirSync(intake.config.ATTACHMENTS_DIR, { recursive: true }).length;
      const res = await api()
        .post('/v1/attachments')
        .set('X-Api-Key', apiKey)
        .attach('file', encrypted(await onePagePdf('Don de nghi')), 'don-de-nghi.pdf')
        .expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.fields).toEqual([
        {
          field: 'file',
          code: 'ATTACHMENT.PDF_ENCRYPTED',
          vi: expect.stringContaining('bản không đặt mật khẩu'),
          en: expect.stringContaining('without a password'),
        },
      ]);
      const [{ n: after }] = await intake.ds.query('SELECT count(*)::int AS n FROM intake.attachments');
      expect(after).toBe(before);
      expect(readdirSync(intake.config.ATTACHMENTS_DIR, { recursive: true }).length).toBe(filesBefore);
    });
  });
});
