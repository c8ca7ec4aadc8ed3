import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { fileToken } from '@dvc/storage';
import { officerToken } from '../../tools/harness/portal-client';
import { waitFor } from '../../tools/harness/wait';
import { resultPdf } from '../../tools/journeys/result-pdf';
import { usePlatform } from '../support/platform-fixture';
import { PNG, submitLiquidationDossier } from '../support/portal-client';
import { binary, pdfsig, sha256Of as sha } from '../support/pdf-tools';

let RECEPTION: string;
let LEADER: string;
let CASHIER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  RECEPTION = `Bearer ${await officerToken(['reception'], 'mot-cua-1')}`;
  LEADER = `Bearer ${await officerToken(['leader'], 'lanh-dao-1')}`;
  CASHIER = `Bearer ${await officerToken(['cashier'], 'thu-ngan-1')}`;
});
const SECRET = 'local-only-internal-files-secret-0001';

describe('processing: result files issued, signed, stored and downloaded (real processes)', () => {
  const platform = usePlatform(['intake', 'processing']);
  let pdf: Buffer;
  const processing = () => request(platform.services.processing.url);
  const storedRows = async (code: string) =>
    (await processing().get(`/v1/cases/${code}/results`).set('Authorization', LEADER).expect(200)).body;

  beforeAll(async () => {
    pdf = Buffer.from(await resultPdf('Quyet dinh thanh ly tai san'));
  });

  async function acceptedCase(): Promise<string> {
    const { code } = (await submitLiquidationDossier(platform.services.intake.url, platform.apiKey).expect(202)).body;
    await waitFor(
      'case opened',
      async () => (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status === 200,
    );
    await processing().post(`/v1/cases/${code}/actions/accept`).set('Authorization', RECEPTION).send({}).expect(200);
    return code;
  }

  it('multipart issue_result: the PDF is signed (pdfsig: valid), downloaded byte for byte, announced by reference; an image is kept unsigned', async () => {
    const code = await acceptedCase();
    const issued = await processing()
      .post(`/v1/cases/${code}/actions/issue_result`)
      .set('Authorization', LEADER)
      .field('note', 'Ban hành quyết định')
      .attach('files', pdf, 'quyết-định.pdf')
      .attach('files', PNG, 'sơ-đồ.png')
      .expect(200);
    expect(issued.body).toMatchObject({ status: 'result_issued', nationalStatusCode: 9 });

    const files = await storedRows(code);
    expect(files).toEqual([
      expect.objectContaining({ name: 'quyết-định.pdf', contentType: 'application/pdf', signed: true }),
      expect.objectContaining({
        name: 'sơ-đồ.png',
        contentType: 'image/png',
        signed: false,
        signedBy: null,
        sha256: sha(PNG),
      }),
    ]);
    expect(files[0].verificationCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
    expect(files[0].sha256).not.toBe(sha(pdf));

    const download = await processing()
      .get(`/v1/cases/${code}/results/${files[0].fileId}`)
      .set('Authorization', RECEPTION)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^inline;/);
    const signed = download.body as Buffer;
    expect(sha(signed)).toBe(files[0].sha256);
    expect(signed.length).toBe(files[0].size);
    expect(pdfsig(signed)).toMatch(/Signature Validation: Signature is Valid/);
    // The stamp: the verification code printed on the first page (its QR points to the verification page).
    const textPath = join(mkdtempSync(join(tmpdir(), 'dvc-txt-')), 'r.pdf');
    writeFileSync(textPath, signed);
    expect(execFileSync('pdftotext', [textPath, '-'], { encoding: 'utf8' })).toContain(files[0].verificationCode);
    // A tampered copy is not valid.
    const tampered = Buffer.from(signed);
    // A byte of the page content (before the signature field), inside the signed range.
    tampered[200] ^= 0x01;
    expect(pdfsig(tampered)).not.toMatch(/Signature Validation: Signature is Valid/);

    // The history and the event carry references: the names and the SHA-256 of the stored bytes.
    const history = (await processing().get(`/v1/cases/${code}/history`).set('Authorization', LEADER)).body;
    expect(history.at(-1)).toMatchObject({
      action: 'issue_result',
      note: 'Ban hành quyết định',
      documents: [
        { name: 'quyết-định.pdf', sha256: files[0].sha256 },
        { name: 'sơ-đồ.png', sha256: sha(PNG) },
      ],
    });
    // intake fetches the file from the internal endpoint with a token over its SHA-256.
    const token = fileToken(SECRET, files[0].sha256, new Date(Date.now() + 60_000));
    const internal = await processing()
      .get(`/internal/files/${files[0].sha256}`)
      .set('X-DVC-File-Token', token)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(sha(internal.body as Buffer)).toBe(files[0].sha256);
    await processing().get(`/internal/files/${files[0].sha256}`).expect(403);
    // The original upload is stored but no issued record refers to it: not served.
    const upload = sha(pdf);
    await processing()
      .get(`/internal/files/${upload}`)
      .set('X-DVC-File-Token', fileToken(SECRET, upload, new Date(Date.now() + 60_000)))
      .expect(404);

    // Officers of the case only; a wrong file id says nothing.
    await processing().get(`/v1/cases/${code}/results`).set('Authorization', CASHIER).expect(403);
    expect(
      (
        await processing()
          .get(`/v1/cases/${code}/results/00000000-0000-4000-8000-000000000000`)
          .set('Authorization', LEADER)
          .expect(404)
      ).body.code,
    ).toBe('RESULT.FILE_NOT_FOUND');
  });

  it('uploaded ahead, then issued by JSON fileIds', async () => {
    const code = await acceptedCase();
    const up = await processing()
      .post(`/v1/cases/${code}/result-files`)
      .set('Authorization', LEADER)
      .attach('files', pdf, 'giay-chung-nhan.pdf')
      .expect(201);
    expect(up.body).toEqual([expect.objectContaining({ name: 'giay-chung-nhan.pdf', sha256: sha(pdf) })]);
    await processing()
      .post(`/v1/cases/${code}/actions/issue_result`)
      .set('Authorization', LEADER)
      .send({ fileIds: [up.body[0].fileId] })
      .expect(200);
    expect((await storedRows(code)).map((f: { name: string; signed: boolean }) => [f.name, f.signed])).toEqual([
      ['giay-chung-nhan.pdf', true],
    ]);
  });

  it('refuses no file, the old documents body, a PNG that is text, an encrypted PDF and a file too big: nothing stored, the case unmoved', async () => {
    const code = await acceptedCase();
    const issue = () => processing().post(`/v1/cases/${code}/actions/issue_result`).set('Authorization', LEADER);
    expect((await issue().send({}).expect(400)).body.code).toBe('RESULT.FILE_REQUIRED');
    expect(
      (
        await issue()
          .send({ documents: [{ name: 'kq.pdf', sha256: 'a'.repeat(64) }] })
          .expect(400)
      ).body.code,
    ).toBe('RESULT.FILE_REQUIRED');
    const fake = await issue().attach('files', Buffer.from('not an image at all'), 'anh.png').expect(422);
    expect(fake.body).toMatchObject({
      code: 'RESULT.FILES_INVALID',
      errors: { fields: [{ code: 'RESULT.FILE_CONTENT_MISMATCH' }] },
    });

    const dir = mkdtempSync(join(tmpdir(), 'dvc-enc-'));
    writeFileSync(join(dir, 'plain.pdf'), pdf);
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', join(dir, 'plain.pdf'), join(dir, 'enc.pdf')]);
    const encrypted = await issue()
      .attach('files', readFileSync(join(dir, 'enc.pdf')), 'khoa.pdf')
      .expect(422);
    expect(encrypted.body.errors.fields[0].code).toBe('RESULT.FILE_ENCRYPTED');

    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    expect((await issue().attach('files', big, 'lon.pdf').expect(413)).body.code).toBe('REQUEST.TOO_LARGE');

    expect(await storedRows(code)).toEqual([]);
    expect((await processing().get(`/v1/cases/${code}`).set('Authorization', LEADER)).body.status).toBe('accepted');
  });
});
