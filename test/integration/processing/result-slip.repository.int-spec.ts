import { randomUUID } from 'node:crypto';
import {
  CaseRepository,
  type NewCase,
  PROCESSING_MIGRATIONS,
  type ResultFileRecord,
  ResultRepository,
  type ResultUploadRecord,
  type SlipRecord,
  SlipRepository,
} from '../../../apps/processing/src';
import { useMigratedDatabase } from '../../support/migrated-database';

let seq = 0;
function newCase(): NewCase {
  seq += 1;
  return {
    dossierCode: `000.00.12.H30-261201-${String(seq).padStart(4, '0')}`,
    procedureCode: '1.005426',
    procedureVersion: 1,
    level: 4,
    processingTime: 5,
    processingTimeUnit: 'working_days',
    paymentMethod: 'none',
    deliveryMethod: 'office',
    deliveryAddress: null,
    fee: { amount: 0, items: [] },
    submittedAt: new Date('2026-12-01T01:00:00Z'),
    receivedAt: new Date('2026-12-01T01:00:05Z'),
    applicant: { kind: 'individual', name: 'Nguyễn Văn An', citizenId: '001203004567' },
    procedureName: 'Quyết định thanh lý tài sản công',
    fieldCode: 'QLCS',
    channel: 2,
  };
}

const hex = (c: string) => c.repeat(64);
const key = (sha: string) => `sha256/${sha.slice(0, 2)}/${sha}`;

function upload(dossierCode: string, over: Partial<ResultUploadRecord> = {}): ResultUploadRecord {
  const sha256 = over.sha256 ?? hex('1');
  return {
    id: randomUUID(),
    dossierCode,
    name: 'quyết-định.pdf',
    contentType: 'application/pdf',
    size: 1234,
    sha256,
    storageKey: key(sha256),
    uploadedBy: 'lanh-dao-1',
    uploadedAt: new Date(),
    issuedFileId: null,
    ...over,
  };
}

describe('processing ResultRepository and SlipRepository (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('processing', 'processing_results', PROCESSING_MIGRATIONS);
  const cases = new CaseRepository(ds);
  const results = new ResultRepository(ds);
  const slips = new SlipRepository(ds);

  async function opened(): Promise<string> {
    const c = newCase();
    await ds.transaction((em) => cases.openIfNew(em, c));
    return c.dossierCode;
  }

  it('an issue takes only its own case’s pending, unexpired uploads; a taken one cannot be taken again', async () => {
    const code = await opened();
    const other = await opened();
    const fresh = upload(code);
    const old = upload(code, { uploadedAt: new Date(Date.now() - 48 * 3600_000), sha256: hex('2') });
    const elsewhere = upload(other, { sha256: hex('3') });
    await results.addUploads([fresh, old, elsewhere]);
    const dayAgo = new Date(Date.now() - 24 * 3600_000);

    const fileId = randomUUID();
    await ds.transaction(async (em) => {
      const taken = await results.lockPendingUploads(em, code, [fresh.id, old.id, elsewhere.id], dayAgo);
      expect(taken).toEqual([{ ...fresh, uploadedAt: expect.any(Date) }]);
      await results.markUploadIssued(em, fresh.id, fileId);
    });
    await ds.transaction(async (em) =>
      expect(await results.lockPendingUploads(em, code, [fresh.id], dayAgo)).toEqual([]),
    );

    // The expired one is forgotten (its key returned for the bytes' owner to decide), the taken one stays.
    expect(await results.forgetPendingUploads(dayAgo)).toEqual([old.storageKey]);
    expect(await ds.query('SELECT id FROM processing.result_uploads WHERE dossier_code = $1', [code])).toEqual([
      { id: fresh.id },
    ]);
  });

  it('records the issued files in order, finds them per case and by SHA-256, never another case’s', async () => {
    const code = await opened();
    const other = await opened();
    const at = new Date('2026-12-02T03:00:00Z');
    const file = (position: number, sha: string, over: Partial<ResultFileRecord> = {}): ResultFileRecord => ({
      fileId: randomUUID(),
      dossierCode: code,
      resultId: `${code}:result`,
      position,
      name: `kết-quả-${position}.pdf`,
      contentType: 'application/pdf',
      size: 2000 + position,
      sha256: sha,
      storageKey: key(sha),
      signed: true,
      verificationCode: 'ABCD-EFGH-JKLM-NPQR',
      signedBy: 'Sở Tài chính tỉnh Thử nghiệm',
      issuedBy: 'lanh-dao-1',
      issuedAt: at,
      ...over,
    });
    const first = file(0, hex('a'));
    const image = file(1, hex('b'), { contentType: 'image/png', name: 'sơ-đồ.png', signed: false, signedBy: null });
    await ds.transaction((em) => results.addFiles(em, [first, image]));

    expect(await results.files(code)).toEqual([first, image]);
    expect(await results.file(code, image.fileId)).toEqual(image);
    expect(await results.file(other, image.fileId)).toBeNull();
    expect(await results.fileBySha256(hex('a'))).toEqual(first);
    expect(await results.fileBySha256(hex('c'))).toBeNull();
    expect(await results.storageKeyInUse(key(hex('b')))).toBe(true);
    expect(await results.storageKeyInUse(key(hex('d')))).toBe(false);
  });

  it('keeps every slip and answers the newest of a kind, and a slip by its SHA-256', async () => {
    const code = await opened();
    const slip = (kind: SlipRecord['kind'], sha: string, issuedAt: Date): SlipRecord => ({
      id: randomUUID(),
      dossierCode: code,
      kind,
      name: `${kind}-${code}.pdf`,
      contentType: 'application/pdf',
      size: 5000,
      sha256: sha,
      storageKey: key(sha),
      signed: true,
      signedBy: 'Sở Tài chính tỉnh Thử nghiệm',
      issuedBy: 'mot-cua-1',
      issuedAt,
    });
    const receipt = slip('receipt', hex('e'), new Date('2026-12-01T02:00:00Z'));
    const firstAsk = slip('supplement-request', hex('f'), new Date('2026-12-01T03:00:00Z'));
    const secondAsk = slip('supplement-request', hex('9'), new Date('2026-12-03T03:00:00Z'));
    await ds.transaction(async (em) => {
      for (const s of [receipt, firstAsk, secondAsk]) await slips.add(em, s);
    });

    expect(await slips.newest(code, 'supplement-request')).toEqual(secondAsk);
    expect(await slips.newest(code, 'refusal')).toBeNull();
    expect(await slips.list(code)).toEqual([receipt, firstAsk, secondAsk]);
    expect(await slips.bySha256(hex('f'))).toEqual(firstAsk);
    expect(await results.storageKeyInUse(key(hex('e')))).toBe(true);
  });
});
