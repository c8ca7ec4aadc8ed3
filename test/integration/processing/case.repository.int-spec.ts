import {
  CaseRepository,
  type CaseTransitionRecord,
  NewCase,
  PROCESSING_MIGRATIONS,
} from '../../../apps/processing/src';
import { sleep } from '../../../tools/harness/wait';
import { useMigratedDatabase } from '../../support/migrated-database';

let seq = 0;
function newCase(over: Partial<NewCase> = {}): NewCase {
  seq += 1;
  return {
    dossierCode: `000.00.12.H30-261128-${String(seq).padStart(4, '0')}`,
    procedureCode: '1.005426',
    procedureVersion: 1,
    level: 4,
    processingTime: 5,
    processingTimeUnit: 'working_days',
    paymentMethod: 'online',
    deliveryMethod: 'postal',
    deliveryAddress: null,
    fee: { amount: 50000, items: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000 }] },
    submittedAt: new Date('2026-11-28T01:00:00Z'),
    receivedAt: new Date('2026-11-28T01:00:05Z'),
    applicant: { kind: 'individual', name: 'Nguyễn Văn An', citizenId: '001203004567', phone: '0912345678' },
    procedureName: 'Quyết định thanh lý tài sản công',
    fieldCode: 'QLCS',
    channel: 2,
    ...over,
  };
}

describe('processing CaseRepository (real PostgreSQL)', () => {
  const ds = useMigratedDatabase('processing', 'processing_cases', PROCESSING_MIGRATIONS);
  const cases = new CaseRepository(ds);

  it('opens a case once per dossier, and reads it back with its types', async () => {
    const c = newCase();
    const first = await ds.transaction((em) => cases.openIfNew(em, c));
    // A re-submitted event (new event id, changed data) opens nothing.
    const again = await ds.transaction((em) => cases.openIfNew(em, { ...c, procedureCode: '2.000001' }));

    expect([first, again]).toEqual([true, false]);
    const rows = await ds.query('SELECT procedure_code FROM processing.cases WHERE dossier_code = $1', [c.dossierCode]);
    expect(rows).toEqual([{ procedure_code: '1.005426' }]);
    const found = await cases.find(c.dossierCode);
    expect(found).toMatchObject({
      dossierCode: c.dossierCode,
      procedureCode: '1.005426',
      level: 4,
      processingTime: 5,
      status: 'received',
      nationalStatusCode: 1,
      fee: c.fee,
      applicant: c.applicant,
      deliveryAddress: null,
      submittedAt: c.submittedAt,
      receivedAt: c.receivedAt,
      acceptedAt: null,
      dueAt: null,
      clockPausedAt: null,
      supplementRequests: 0,
      assigneeId: null,
      feePaidAt: null,
      completedAt: null,
      timeliness: null,
      workingHours: null,
      channel: 2,
    });
    expect(found!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await cases.find('000.00.12.H30-261128-9999')).toBeNull();
  });

  it('keeps what the workflow writes: status, acceptance, assignee, paused clock, fee, completion', async () => {
    const c = newCase();
    await ds.transaction((em) => cases.openIfNew(em, c));
    const acceptedAt = new Date('2026-11-30T02:00:00Z');
    const dueAt = new Date('2026-12-07T02:00:00Z');
    const completedAt = new Date('2026-12-04T09:30:00Z');
    const requests = await ds.transaction(async (em) => {
      const locked = (await cases.lock(em, c.dossierCode))!;
      await cases.setStatus(em, locked.id, 'accepted', 2);
      await cases.setAccepted(em, locked.id, acceptedAt, dueAt);
      await cases.setAssignee(em, locked.id, 'specialist-7');
      const first = await cases.pauseClockForSupplement(em, locked.id, new Date('2026-12-01T03:00:00Z'));
      const second = await cases.pauseClockForSupplement(em, locked.id, new Date('2026-12-02T03:00:00Z'));
      await cases.resumeClock(em, locked.id, new Date('2026-12-08T02:00:00Z'));
      await cases.setResultIssued(em, locked.id, new Date('2026-12-04T08:00:00Z'));
      await cases.setFeePaid(em, locked.id, new Date('2026-12-03T08:00:00Z'));
      await cases.setCollectAtOffice(em, locked.id);
      await cases.setCompleted(em, locked.id, { completedAt, timeliness: 'early', workingHours: 31.25 });
      return [first, second];
    });

    expect(requests).toEqual([1, 2]);
    expect(await cases.find(c.dossierCode)).toMatchObject({
      status: 'accepted',
      nationalStatusCode: 2,
      acceptedAt,
      dueAt: new Date('2026-12-08T02:00:00Z'),
      assigneeId: 'specialist-7',
      supplementRequests: 2,
      clockPausedAt: null,
      resultIssuedAt: new Date('2026-12-04T08:00:00Z'),
      feePaidAt: new Date('2026-12-03T08:00:00Z'),
      deliveryMethod: 'office',
      completedAt,
      timeliness: 'early',
      workingHours: 31.25,
    });
  });

  it('locks the case: a second transaction waits until the first commits, then sees its change', async () => {
    const c = newCase();
    await ds.transaction((em) => cases.openIfNew(em, c));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const first = ds.transaction(async (em) => {
      const row = (await cases.lock(em, c.dossierCode))!;
      locked();
      await held;
      await cases.setStatus(em, row.id, 'refused', 3);
    });
    await isLocked;
    let secondSaw: string | null = null;
    const second = ds.transaction(async (em) => {
      secondSaw = (await cases.lock(em, c.dossierCode))!.status;
    });
    await sleep(300);
    expect(secondSaw).toBeNull();

    release();
    await Promise.all([first, second]);
    expect(secondSaw).toBe('refused');
    expect(await ds.transaction((em) => cases.lock(em, '000.00.12.H30-261128-9999'))).toBeNull();
  });

  it("builds a queue: the officer's states, due soonest first, undated cases oldest first, assigned cases only when asked", async () => {
    await ds.query('TRUNCATE processing.cases CASCADE');
    const open = async (
      over: Partial<NewCase>,
      then?: { status: 'accepted' | 'in_review' | 'refused'; dueAt?: Date; assignee?: string },
    ) => {
      const c = newCase(over);
      await ds.transaction(async (em) => {
        await cases.openIfNew(em, c);
        if (!then) return;
        const row = (await cases.lock(em, c.dossierCode))!;
        await cases.setStatus(em, row.id, then.status, 2);
        if (then.dueAt) await cases.setAccepted(em, row.id, new Date('2026-11-30T02:00:00Z'), then.dueAt);
        if (then.assignee) await cases.setAssignee(em, row.id, then.assignee);
      });
      return c.dossierCode;
    };
    const newer = await open({ receivedAt: new Date('2026-11-29T01:00:00Z') });
    const older = await open({ receivedAt: new Date('2026-11-28T01:00:00Z') });
    const dueLater = await open(
      {},
      { status: 'in_review', dueAt: new Date('2026-12-10T02:00:00Z'), assignee: 'spec-a' },
    );
    const dueSooner = await open({}, { status: 'accepted', dueAt: new Date('2026-12-05T02:00:00Z') });
    const othersCase = await open(
      {},
      { status: 'in_review', dueAt: new Date('2026-12-01T02:00:00Z'), assignee: 'spec-b' },
    );
    await open({}, { status: 'refused' });

    const codes = async (q: Parameters<CaseRepository['queue']>[0]) => (await cases.queue(q)).map((c) => c.dossierCode);
    expect(await codes({ states: ['received', 'accepted', 'in_review'], assignedTo: null, limit: 10 })).toEqual([
      othersCase,
      dueSooner,
      dueLater,
      older,
      newer,
    ]);
    expect(await codes({ states: ['received', 'in_review'], assignedTo: 'spec-a', limit: 10 })).toEqual([
      dueLater,
      older,
      newer,
    ]);
    expect(await codes({ states: ['received', 'accepted', 'in_review'], assignedTo: null, limit: 2 })).toEqual([
      othersCase,
      dueSooner,
    ]);
  });

  it('keeps the audit trail in order and a supplement once', async () => {
    const c = newCase();
    const opened: CaseTransitionRecord = {
      action: 'open',
      from: null,
      to: 'received',
      actorId: 'system',
      actorRoles: ['system'],
      note: null,
      documents: [],
      at: new Date('2026-11-28T01:00:05Z'),
    };
    const accepted: CaseTransitionRecord = {
      action: 'accept',
      from: 'received',
      to: 'accepted',
      actorId: 'officer-1',
      actorRoles: ['reception'],
      note: 'đủ hồ sơ',
      documents: [{ name: 'bien-nhan.pdf' }],
      at: new Date('2026-11-30T02:00:00Z'),
    };
    await ds.transaction(async (em) => {
      await cases.openIfNew(em, c);
      await cases.addTransition(em, c.dossierCode, opened);
      await cases.addTransition(em, c.dossierCode, accepted);
      const supplement = {
        requestId: `${c.dossierCode}:supplement:1`,
        dossierCode: c.dossierCode,
        documents: [{ documentCode: 'TP1' }],
        supplementedAt: new Date('2026-12-01T02:00:00Z'),
      };
      await cases.addSupplement(em, supplement);
      await cases.addSupplement(em, supplement);
    });

    expect(await cases.history(c.dossierCode)).toEqual([opened, accepted]);
    expect(
      await ds.query('SELECT request_id FROM processing.case_supplements WHERE dossier_code = $1', [c.dossierCode]),
    ).toEqual([{ request_id: `${c.dossierCode}:supplement:1` }]);
    expect(await ds.transaction((em) => cases.exists(em, c.dossierCode))).toBe(true);
    expect(await ds.transaction((em) => cases.exists(em, '000.00.12.H30-261128-9999'))).toBe(false);
  });
});
