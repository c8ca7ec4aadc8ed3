import type { FiledDocument } from '@dvc/contracts';
import {
  AccessLogRepository,
  CaseRepository,
  FilingRepository,
  NewCase,
  PROCESSING_MIGRATIONS,
  StatsRepository,
} from '../../../apps/processing/src';
import { useMigratedDatabase } from '../../support/migrated-database';

let seq = 0;
function newCase(over: Partial<NewCase> = {}): NewCase {
  seq += 1;
  return {
    dossierCode: `000.00.12.H30-261201-${String(seq).padStart(4, '0')}`,
    procedureCode: '1.005426',
    procedureVersion: 2,
    level: 4,
    processingTime: 5,
    processingTimeUnit: 'working_days',
    paymentMethod: 'online',
    deliveryMethod: 'office',
    deliveryAddress: null,
    fee: { amount: 50000, items: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000 }] },
    submittedAt: new Date('2026-12-01T01:00:00Z'),
    receivedAt: new Date('2026-12-01T01:00:05Z'),
    applicant: { kind: 'individual', name: 'Nguyễn Văn An', citizenId: '001203004567' },
    procedureName: 'Quyết định thanh lý tài sản công',
    fieldCode: 'QLCS',
    channel: 2,
    ...over,
  };
}

const doc = (n: number, over: Partial<FiledDocument> = {}): FiledDocument => ({
  attachmentId: `att-${seq}-${n}`,
  documentCode: `TP${n}`,
  documentName: `Thành phần ${n}`,
  filename: `tài-liệu-${n}.pdf`,
  contentType: 'application/pdf',
  size: 1000 + n,
  sha256: String(n).repeat(64).slice(0, 64),
  ...over,
});

describe('processing filing, supplements, apology and access log (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('processing', 'processing_filing', PROCESSING_MIGRATIONS);
  const cases = new CaseRepository(ds);
  const filings = new FilingRepository(ds);
  const log = new AccessLogRepository(ds);
  const stats = new StatsRepository(ds);
  const open = async (over: Partial<NewCase> = {}) => {
    const c = newCase(over);
    await ds.transaction((em) => cases.openIfNew(em, c));
    return c.dossierCode;
  };

  it('keeps the declaration and the documents of a dossier once, and each document only for its own dossier', async () => {
    const code = await open();
    const other = await open();
    const declaration = [
      { path: 'tenTaiSan', labelVi: 'Tên tài sản', labelEn: 'Asset name', value: 'Xe ô tô 7 chỗ' },
      { path: 'danhSach.0.soLuong', labelVi: 'Danh sách › Số lượng', value: 2 },
      { path: 'daKiemKe', labelVi: 'Đã kiểm kê', value: true },
    ];
    const docs = [doc(1), doc(2, { contentType: 'image/jpeg', filename: 'ảnh.jpg' })];
    const filedAt = new Date('2026-12-01T01:00:00Z');
    await ds.transaction((em) => filings.addFiling(em, { dossierCode: code, declaration, documents: docs, filedAt }));
    // A redelivered dossier.submitted keeps the first copy.
    await ds.transaction((em) =>
      filings.addFiling(em, { dossierCode: code, declaration: [], documents: [doc(1, { size: 1 })], filedAt }),
    );

    expect(await filings.filing(code)).toEqual({ declaration, filedAt });
    expect(await filings.documents(code)).toEqual(docs.map((d) => ({ ...d, supplementRequestId: null, filedAt })));
    expect(await filings.document(code, docs[1].attachmentId)).toMatchObject({ filename: 'ảnh.jpg', size: 1002 });
    expect(await filings.document(other, docs[1].attachmentId)).toBeNull();
    expect(await filings.document(code, 'att-unknown')).toBeNull();
    // A dossier filed before the event carried its filing has none.
    expect(await filings.filing(other)).toBeNull();
    expect(await filings.documents(other)).toEqual([]);
  });

  it('lists supplement requests with what they asked and their answers, old answers without a kept request too', async () => {
    const code = await open();
    const asked = new Date('2026-12-02T02:00:00Z');
    const answered = new Date('2026-12-03T02:00:00Z');
    await ds.transaction(async (em) => {
      // An answer to a request made before requests were kept.
      await cases.addSupplement(em, {
        requestId: `${code}:supplement:1`,
        dossierCode: code,
        documents: [{ name: 'cũ.pdf', sha256: 'e'.repeat(64) }],
        supplementedAt: new Date('2026-12-01T05:00:00Z'),
      });
      await cases.addSupplementRequest(em, {
        requestId: `${code}:supplement:2`,
        dossierCode: code,
        reason: 'Thiếu biên bản kiểm kê',
        items: ['Biên bản kiểm kê tài sản'],
        requestedAt: asked,
      });
      await cases.addSupplementRequest(em, {
        requestId: `${code}:supplement:3`,
        dossierCode: code,
        reason: 'Thiếu ảnh chụp',
        items: ['Ảnh tài sản'],
        requestedAt: new Date('2026-12-04T02:00:00Z'),
      });
      await cases.addSupplement(em, {
        requestId: `${code}:supplement:2`,
        dossierCode: code,
        documents: [{ name: 'bien-ban.pdf', sha256: '5'.repeat(64) }],
        supplementedAt: answered,
      });
      await filings.addSupplementFiles(em, {
        dossierCode: code,
        requestId: `${code}:supplement:2`,
        files: [doc(5)],
        filedAt: answered,
      });
    });

    expect(await cases.supplements(code)).toEqual([
      {
        requestId: `${code}:supplement:1`,
        reason: null,
        items: null,
        requestedAt: null,
        answeredAt: new Date('2026-12-01T05:00:00Z'),
        documents: [{ name: 'cũ.pdf', sha256: 'e'.repeat(64) }],
      },
      {
        requestId: `${code}:supplement:2`,
        reason: 'Thiếu biên bản kiểm kê',
        items: ['Biên bản kiểm kê tài sản'],
        requestedAt: asked,
        answeredAt: answered,
        documents: [{ name: 'bien-ban.pdf', sha256: '5'.repeat(64) }],
      },
      {
        requestId: `${code}:supplement:3`,
        reason: 'Thiếu ảnh chụp',
        items: ['Ảnh tài sản'],
        requestedAt: new Date('2026-12-04T02:00:00Z'),
        answeredAt: null,
        documents: [],
      },
    ]);
    expect(await filings.documents(code)).toMatchObject([
      { documentCode: 'TP5', supplementRequestId: `${code}:supplement:2`, filedAt: answered },
    ]);
  });

  it('keeps the promised return date apart from the legal due date, the paused clock, and the history details', async () => {
    const code = await open();
    const dueAt = new Date('2026-12-08T10:00:00Z');
    const promised = new Date('2026-12-15T10:00:00Z');
    await ds.transaction(async (em) => {
      const c = (await cases.lock(em, code))!;
      await cases.setStatus(em, c.id, 'awaiting_payment', 6);
      await cases.setAccepted(em, c.id, new Date('2026-12-01T02:00:00Z'), dueAt);
      await cases.pauseClock(em, c.id, new Date('2026-12-01T02:00:00Z'));
    });
    expect(await cases.find(code)).toMatchObject({
      status: 'awaiting_payment',
      nationalStatusCode: 6,
      clockPausedAt: new Date('2026-12-01T02:00:00Z'),
      supplementRequests: 0,
      returnDueAt: null,
    });
    await ds.transaction(async (em) => {
      const c = (await cases.lock(em, code))!;
      await cases.resumeClock(em, c.id, dueAt);
      await cases.setReturnDueAt(em, c.id, promised);
      await cases.addTransition(em, code, {
        action: 'apologize',
        from: 'in_review',
        to: 'in_review',
        actorId: 'lanh-dao-1',
        actorRoles: ['leader'],
        note: 'Cần xác minh thêm',
        documents: [],
        details: { previousDueAt: dueAt.toISOString(), newDueAt: promised.toISOString() },
        at: new Date('2026-12-05T02:00:00Z'),
      });
    });
    expect(await cases.find(code)).toMatchObject({ dueAt, returnDueAt: promised, clockPausedAt: null });
    expect(await cases.history(code)).toEqual([
      {
        action: 'apologize',
        from: 'in_review',
        to: 'in_review',
        actorId: 'lanh-dao-1',
        actorRoles: ['leader'],
        note: 'Cần xác minh thêm',
        documents: [],
        details: { previousDueAt: dueAt.toISOString(), newDueAt: promised.toISOString() },
        at: new Date('2026-12-05T02:00:00Z'),
      },
    ]);
  });

  it('statistics count an apologised case against its legal due date: overdue now, and late once completed late', async () => {
    const field = 'APOLOGY';
    const running = await open({ fieldCode: field, receivedAt: new Date('2025-03-03T01:00:00Z') });
    const finished = await open({ fieldCode: field, receivedAt: new Date('2025-03-03T01:00:00Z') });
    const farFuture = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    await ds.transaction(async (em) => {
      for (const code of [running, finished]) {
        const c = (await cases.lock(em, code))!;
        await cases.setStatus(em, c.id, 'in_review', 4);
        await cases.setAccepted(em, c.id, new Date('2025-03-03T02:00:00Z'), new Date('2025-03-10T10:00:00Z'));
        await cases.setReturnDueAt(em, c.id, farFuture);
      }
      const f = (await cases.lock(em, finished))!;
      await cases.setStatus(em, f.id, 'completed', 10);
      await cases.setCompleted(em, f.id, {
        completedAt: new Date('2025-03-20T03:00:00Z'),
        timeliness: 'late',
        workingHours: 100,
      });
    });
    const counts = await stats.periodCounts({
      start: new Date('2025-03-01T00:00:00+07:00'),
      end: new Date('2025-04-01T00:00:00+07:00'),
      field,
      finalStates: ['completed', 'refused', 'rejected', 'stopped', 'withdrawn'],
    });
    expect(counts).toMatchObject({ received: 2, accepted: 2, inProcess: 1, late: 1, early: 0, overdueNow: 1 });
  });

  it('logs each read newest first, page by page, and refuses to rewrite the log', async () => {
    const code = await open();
    const officer = { officerId: 'mot-cua-1', officerRoles: ['reception'], clientIp: '10.0.0.7' };
    const first = await log.add({ ...officer, dossierCode: code, what: 'filing', documentId: null });
    const second = await log.add({ ...officer, dossierCode: code, what: 'document', documentId: 'att-1' });
    const third = await log.add({
      officerId: 'lanh-dao-1',
      officerRoles: ['leader'],
      clientIp: null,
      dossierCode: code,
      what: 'result',
      documentId: 'file-9',
    });
    await log.add({ ...officer, dossierCode: await open(), what: 'filing', documentId: null });

    expect(first).toMatchObject({ dossierCode: code, what: 'filing', documentId: null, clientIp: '10.0.0.7' });
    expect(first.at).toBeInstanceOf(Date);
    const page1 = await log.list(code, { limit: 2 });
    expect(page1.map((r) => r.id)).toEqual([third.id, second.id]);
    expect(page1[0]).toMatchObject({ officerId: 'lanh-dao-1', officerRoles: ['leader'], what: 'result' });
    const page2 = await log.list(code, { limit: 2, before: page1[1].id });
    expect(page2.map((r) => r.id)).toEqual([first.id]);

    await expect(ds.query('UPDATE processing.case_access_log SET officer_id = $1', ['x'])).rejects.toThrow(
      /append-only/,
    );
    await expect(ds.query('DELETE FROM processing.case_access_log')).rejects.toThrow(/append-only/);
    await expect(
      ds.query(
        `INSERT INTO processing.case_access_log (dossier_code, officer_id, officer_roles, what) VALUES ($1, 'x', '{}', 'anything')`,
        [code],
      ),
    ).rejects.toThrow(/check constraint/);
  });
});
