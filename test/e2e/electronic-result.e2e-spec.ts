import request from 'supertest';
import { officerToken } from '../../tools/harness/portal-client';
import { waitFor } from '../../tools/harness/wait';
import { liquidationDossier } from '../../tools/journeys/dossiers';
import { resultPdf } from '../../tools/journeys/result-pdf';
import { usePlatform } from '../support/platform-fixture';
import { pdf, submitMultipart } from '../support/portal-client';
import { binary, pdfsig, pdfText, sha256Of as sha } from '../support/pdf-tools';

let RECEPTION: string;
let LEADER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  RECEPTION = `Bearer ${await officerToken(['reception'], 'mot-cua-1')}`;
  LEADER = `Bearer ${await officerToken(['leader'], 'lanh-dao-1')}`;
});

/**
 * The electronic dossier from both ends, across the real intake and processing: what the
 * applicant filed reaches the officer (Vietnamese file names intact), the signed result reaches
 * the citizen byte for byte through intake, Poppler and the public verification endpoint both
 * accept it, and a copy with one byte changed is refused by both.
 */
describe('electronic dossier and result: filed by the applicant, read by officers, issued, downloaded and verified (real processes)', () => {
  const platform = usePlatform(['intake', 'processing']);
  const intake = () => request(platform.services.intake.url);
  const processing = () => request(platform.services.processing.url);

  it('officer reads the filing, the citizen downloads the signed result and its receipt, both verify; a tampered copy does not', async () => {
    const request = pdf('văn bản đề nghị thanh lý');
    const filed = await submitMultipart(platform.services.intake.url, platform.apiKey, liquidationDossier(), [
      ['TP1', request, 'Văn bản đề nghị thanh lý.pdf'],
      ['TP3', pdf('danh mục tài sản'), 'Danh mục tài sản.pdf'],
    ]).expect(202);
    const { code, lookupSecret } = filed.body as { code: string; lookupSecret: string };
    const citizen = (path: string) => intake().get(path).set('X-Lookup-Secret', lookupSecret);

    // The officer opens what was filed: the applicant's own file names and bytes.
    await waitFor(
      'case opened',
      async () => (await processing().get(`/v1/cases/${code}`).set('Authorization', RECEPTION)).status === 200,
    );
    const filing = (await processing().get(`/v1/cases/${code}/filing`).set('Authorization', RECEPTION).expect(200))
      .body as { documents: { attachmentId: string; filename: string; sha256: string }[] };
    const tp1 = filing.documents.find((d) => d.filename === 'Văn bản đề nghị thanh lý.pdf');
    expect(tp1).toMatchObject({ sha256: sha(request) });
    const opened = await processing()
      .get(`/v1/cases/${code}/documents/${tp1!.attachmentId}`)
      .set('Authorization', RECEPTION)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(Buffer.compare(opened.body as Buffer, request)).toBe(0);

    // Accepted, then the leader issues the result as a file.
    await processing().post(`/v1/cases/${code}/actions/accept`).set('Authorization', RECEPTION).send({}).expect(200);
    const decision = Buffer.from(await resultPdf('Quyet dinh thanh ly tai san cong'));
    await processing()
      .post(`/v1/cases/${code}/actions/issue_result`)
      .set('Authorization', LEADER)
      .attach('files', decision, 'Quyết định thanh lý.pdf')
      .expect(200);

    // The citizen lists and downloads it through intake, with the lookup secret.
    const listed = await waitFor('the result reaches the citizen', async () => {
      const res = await citizen(`/v1/dossiers/${code}/results`);
      return res.status === 200 && res.body.results?.length === 1 ? res.body : undefined;
    });
    const [file] = listed.results as { fileId: string; name: string; sha256: string; verificationCode: string }[];
    expect(file.name).toBe('Quyết định thanh lý.pdf');
    const downloaded = (
      await citizen(`/v1/dossiers/${code}/results/${file.fileId}`).buffer(true).parse(binary).expect(200)
    ).body as Buffer;
    expect(sha(downloaded)).toBe(file.sha256);
    const officerCopy = (
      await processing()
        .get(`/v1/cases/${code}/results/${file.fileId}`)
        .set('Authorization', LEADER)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
    expect(Buffer.compare(downloaded, officerCopy)).toBe(0);

    // Checked by tools nobody here wrote, and by the public endpoint.
    expect(pdfsig(downloaded)).toMatch(/Signature is Valid/);
    expect(pdfText(downloaded)).toContain(file.verificationCode);
    const byCode = await intake().get(`/v1/results/verify/${file.verificationCode}`).expect(200);
    expect(byCode.body).toMatchObject({ authentic: true, files: [{ sha256: file.sha256 }] });
    const byPdf = await intake().post('/v1/results/verify').set('Content-Type', 'application/pdf').send(downloaded);
    expect(byPdf.status).toBe(200);
    expect(byPdf.body).toMatchObject({ authentic: true, unaltered: true, issuedResult: true });

    // One byte changed halfway through the part signed before the signature's value.
    const [, firstRangeLength] = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)/
      .exec(downloaded.toString('latin1'))!
      .slice(1)
      .map(Number);
    const tampered = Buffer.from(downloaded);
    const at = Math.floor(firstRangeLength / 2);
    tampered[at] = tampered[at] ^ 0x01;
    expect(pdfsig(tampered)).not.toMatch(/Signature is Valid/);
    const refused = await intake().post('/v1/results/verify').set('Content-Type', 'application/pdf').send(tampered);
    expect(refused.body).toMatchObject({ authentic: false });

    // The receipt and appointment slip issued at acceptance, signed, from the citizen's side.
    const receipt = await waitFor('the receipt reaches the citizen', async () => {
      const res = await citizen(`/v1/dossiers/${code}/slips/receipt`).buffer(true).parse(binary);
      return res.status === 200 ? (res.body as Buffer) : undefined;
    });
    expect(pdfsig(receipt)).toMatch(/Signature is Valid/);
    expect(pdfText(receipt)).toContain(code);

    // A wrong secret learns nothing about the files.
    const wrong = await intake().get(`/v1/dossiers/${code}/results`).set('X-Lookup-Secret', 'WRONG-SECRET-1');
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(wrong.body)).not.toContain('Quyết định');
    expect(JSON.stringify(wrong.body)).not.toContain(file.sha256);
  });
});
