import type { EntityManager } from 'typeorm';
import type { AnyEventEnvelope } from '@dvc/contracts';
import type { OutboxWriter } from '@dvc/messaging';
import type { CalendarService } from '../../calendar/calendar.service';
import { PUBLISHED_YEAR_OVERRIDES } from '../../calendar/vietnam-holidays';
import { WorkingCalendar } from '../../calendar/working-calendar';
import type { CaseRecord, CaseTransitionRecord, Timeliness } from '../case.record';
import type { CaseRepository } from '../case.repository';
import { CaseTransitions } from '../case-transitions.service';
import type { CaseActionDto } from '../dto/case-action.dto';
import type { ResultsService } from '../results/results.service';
import type { SlipIssuer } from '../slips/slip-issuer.service';
import type { CaseState, OfficerAction } from '../workflow/case-workflow';
import { actionContext } from './action-handler';
import { OFFICER_ACTION_HANDLERS } from './officer-action-handlers';

/** The writes of CaseRepository the handlers use, kept in memory (the SQL is tested against PostgreSQL). */
class InMemoryCases {
  readonly rows = new Map<string, CaseRecord>();
  readonly transitions: CaseTransitionRecord[] = [];

  private row(id: string): CaseRecord {
    return this.rows.get(id)!;
  }
  async setStatus(_em: EntityManager, id: string, status: CaseState, nationalStatusCode: number) {
    Object.assign(this.row(id), { status, nationalStatusCode });
  }
  async setAccepted(_em: EntityManager, id: string, acceptedAt: Date, dueAt: Date) {
    Object.assign(this.row(id), { acceptedAt, dueAt });
  }
  async pauseClock(_em: EntityManager, id: string, pausedAt: Date) {
    this.row(id).clockPausedAt = pausedAt;
  }
  async setReturnDueAt(_em: EntityManager, id: string, returnDueAt: Date) {
    this.row(id).returnDueAt = returnDueAt;
  }
  async setAssignee(_em: EntityManager, id: string, assigneeId: string) {
    this.row(id).assigneeId = assigneeId;
  }
  async pauseClockForSupplement(_em: EntityManager, id: string, pausedAt: Date) {
    const r = this.row(id);
    Object.assign(r, { supplementRequests: r.supplementRequests + 1, clockPausedAt: pausedAt });
    return r.supplementRequests;
  }
  readonly supplementRequests: unknown[] = [];
  async addSupplementRequest(_em: EntityManager, r: unknown) {
    this.supplementRequests.push(r);
  }
  async setResultIssued(_em: EntityManager, id: string, at: Date) {
    this.row(id).resultIssuedAt = at;
  }
  async setCompleted(
    _em: EntityManager,
    id: string,
    done: { completedAt: Date; timeliness: Timeliness; workingHours: number | null },
  ) {
    Object.assign(this.row(id), done);
  }
  async addTransition(_em: EntityManager, _dossierCode: string, t: CaseTransitionRecord) {
    this.transitions.push(t);
  }
}

const CODE = '000.00.12.H30-261128-0001';
const calendar = new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES);

function receivedCase(over: Partial<CaseRecord> = {}): CaseRecord {
  return {
    id: 'c1',
    dossierCode: CODE,
    procedureCode: '1.005426',
    procedureVersion: 1,
    level: 4,
    processingTime: 5,
    processingTimeUnit: 'working_days',
    paymentMethod: 'online',
    deliveryMethod: 'office',
    deliveryAddress: null,
    fee: { amount: 50000, items: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000 }] },
    status: 'received',
    nationalStatusCode: 1,
    submittedAt: new Date('2026-11-30T01:00:00Z'),
    receivedAt: new Date('2026-11-30T01:00:05Z'),
    acceptedAt: null,
    dueAt: null,
    returnDueAt: null,
    resultIssuedAt: null,
    withdrawnAt: null,
    clockPausedAt: null,
    supplementRequests: 0,
    assigneeId: null,
    feePaidAt: null,
    completedAt: null,
    timeliness: null,
    applicant: { kind: 'individual', name: 'Nguyễn Văn An', citizenId: '001203004567', phone: '0912345678' },
    procedureName: 'Quyết định thanh lý tài sản công',
    fieldCode: 'QLCS',
    workingHours: null,
    channel: 2,
    ...over,
  };
}

/** Runs one officer action's handler on a case kept in memory; returns what it wrote and sent. */
async function run(
  action: OfficerAction,
  c: CaseRecord,
  input: CaseActionDto = {},
  now = new Date('2026-11-30T02:00:00Z'),
) {
  const cases = new InMemoryCases();
  cases.rows.set(c.id, { ...c });
  const sent: AnyEventEnvelope[] = [];
  const outbox = {
    add: async (_em: EntityManager, ...events: AnyEventEnvelope[]) => void sent.push(...events),
  } as unknown as OutboxWriter;
  const repository = cases as unknown as CaseRepository;
  // The slips' rendering, signing and storage are tested end to end; here, what each step asks for.
  const slips: { kind: string; details: unknown; by: string; at: Date; status: string }[] = [];
  const slipIssuer: Pick<SlipIssuer, 'issue'> = {
    issue: async (_em, issuedFor, kind, details, by) => {
      slips.push({ kind, details, by: by.by.id, at: by.at, status: issuedFor.status });
      return {
        fileId: `slip-${slips.length}`,
        name: `${kind}.pdf`,
        contentType: 'application/pdf',
        size: 1,
        sha256: '0'.repeat(64),
        signed: true,
      };
    },
  };
  const ctx = actionContext({
    em: {} as EntityManager,
    case: c,
    action,
    officer: { id: 'officer-1', roles: ['reception', 'leader'] },
    input,
    now,
    origin: { source: 'processing', correlationId: c.dossierCode },
    cases: repository,
    transitions: new CaseTransitions(repository, outbox, { calendar } as CalendarService),
    outbox,
    calendar,
    // issue_result's files need storage and the signer: its effects are tested end to end.
    results: {} as ResultsService,
    slips: slipIssuer,
  });

  await OFFICER_ACTION_HANDLERS[action](ctx);
  return {
    stored: cases.rows.get(c.id)!,
    history: cases.transitions,
    sent: sent.map((e) => ({ type: e.type, data: e.data })),
    slips,
  };
}

describe('officer action handlers (in-memory case repository)', () => {
  it('accept: the due date in working days, then dossier.accepted and fee.assessed after the status event', async () => {
    const c = receivedCase({ paymentMethod: 'postal_cod' });
    const { stored, history, sent } = await run('accept', c);

    const dueAt = calendar.addWorkingDays(new Date('2026-11-30T02:00:00Z'), 5);
    expect(stored).toMatchObject({
      status: 'accepted',
      nationalStatusCode: 2,
      acceptedAt: new Date('2026-11-30T02:00:00Z'),
      dueAt,
      clockPausedAt: null,
    });
    expect(c).toMatchObject({ status: 'accepted', dueAt });
    expect(history).toMatchObject([{ action: 'accept', from: 'received', to: 'accepted', actorId: 'officer-1' }]);
    expect(sent.map((e) => e.type)).toEqual(['dossier.status_changed', 'dossier.accepted', 'fee.assessed']);
    expect(sent[2].data).toMatchObject({
      dossierCode: CODE,
      feeId: `${CODE}:fee`,
      amount: 50000,
      currency: 'VND',
      payerName: 'Nguyễn Văn An',
    });
  });

  it('accept with a fee paid online or at the counter: awaiting_payment (code 6), clock paused until the payment', async () => {
    const now = new Date('2026-11-30T02:00:00Z');
    for (const paymentMethod of ['online', 'office'] as const) {
      const { stored, history, sent, slips } = await run('accept', receivedCase({ paymentMethod }), {}, now);
      expect(stored).toMatchObject({
        status: 'awaiting_payment',
        nationalStatusCode: 6,
        acceptedAt: now,
        dueAt: calendar.addWorkingDays(now, 5),
        clockPausedAt: now,
      });
      expect(history).toMatchObject([{ action: 'accept', from: 'received', to: 'awaiting_payment' }]);
      expect(sent.map((e) => e.type)).toEqual(['dossier.status_changed', 'dossier.accepted', 'fee.assessed']);
      expect(sent[0].data).toMatchObject({ status: 'awaiting_payment', nationalStatusCode: 6 });
      expect(sent[2].data).toMatchObject({ paymentMethod, amount: 50000 });
      // The receipt is issued at acceptance, while the case waits for its fee.
      expect(slips).toEqual([{ kind: 'receipt', details: {}, by: 'officer-1', at: now, status: 'awaiting_payment' }]);
    }
  });

  it('accept: no fee.assessed when the procedure charges nothing, and the clock runs at once', async () => {
    const { stored, sent } = await run('accept', receivedCase({ fee: { amount: 0, items: [] } }));
    expect(stored).toMatchObject({ status: 'accepted', clockPausedAt: null });
    expect(sent.map((e) => e.type)).toEqual(['dossier.status_changed', 'dossier.accepted']);
  });

  it('apologize: same state, a later promised date for the citizen, the legal due date untouched', async () => {
    const dueAt = new Date('2026-12-07T10:00:00Z');
    const c = receivedCase({ status: 'in_review', nationalStatusCode: 4, acceptedAt: new Date(), dueAt });
    const input = { note: 'Cần xác minh thêm với cơ quan thuế', newDueAt: '2026-12-14T10:00:00.000Z' };
    const { stored, history, sent, slips } = await run('apologize', c, input);
    expect(stored).toMatchObject({
      status: 'in_review',
      nationalStatusCode: 4,
      dueAt,
      returnDueAt: new Date('2026-12-14T10:00:00Z'),
    });
    expect(history).toMatchObject([
      {
        action: 'apologize',
        from: 'in_review',
        to: 'in_review',
        note: 'Cần xác minh thêm với cơ quan thuế',
        details: { previousDueAt: dueAt.toISOString(), newDueAt: '2026-12-14T10:00:00.000Z' },
      },
    ]);
    expect(sent).toMatchObject([
      {
        type: 'dossier.status_changed',
        data: {
          status: 'in_review',
          nationalStatusCode: 4,
          dueAt: '2026-12-14T10:00:00.000Z',
          note: 'Cần xác minh thêm với cơ quan thuế',
        },
      },
    ]);

    expect(slips).toMatchObject([
      {
        kind: 'apology',
        details: { reason: input.note, originalDueAt: dueAt, newDueAt: new Date('2026-12-14T10:00:00Z') },
      },
    ]);

    // A second apology must promise later than the first one.
    const again = { ...c, returnDueAt: new Date('2026-12-14T10:00:00Z') };
    await expect(run('apologize', again, { note: 'x', newDueAt: '2026-12-10T10:00:00.000Z' })).rejects.toMatchObject({
      code: 'CASE.NEW_DUE_DATE_NOT_LATER',
      status: 422,
    });
  });

  it('apologize: refused outside the states where the clock runs', async () => {
    const c = receivedCase({ status: 'awaiting_payment', dueAt: new Date('2026-12-07T10:00:00Z') });
    await expect(run('apologize', c, { note: 'x', newDueAt: '2026-12-14T10:00:00.000Z' })).rejects.toMatchObject({
      code: 'CASE.ACTION_NOT_ALLOWED',
    });
  });

  it('request_supplement: the clock stops and the request is numbered', async () => {
    const now = new Date('2026-12-01T03:00:00Z');
    const { stored, sent, slips } = await run(
      'request_supplement',
      receivedCase({ status: 'accepted', supplementRequests: 1 }),
      { note: 'thiếu bản sao', items: ['TP2'] },
      now,
    );
    expect(stored).toMatchObject({ status: 'supplement_requested', clockPausedAt: now, supplementRequests: 2 });
    expect(sent[1]).toEqual({
      type: 'dossier.supplement_requested',
      data: {
        dossierCode: CODE,
        requestId: `${CODE}:supplement:2`,
        reason: 'thiếu bản sao',
        items: ['TP2'],
        requestedAt: now.toISOString(),
      },
    });
    expect(slips).toEqual([
      {
        kind: 'supplement-request',
        details: { reason: 'thiếu bản sao', items: ['TP2'] },
        by: 'officer-1',
        at: now,
        status: 'supplement_requested',
      },
    ]);
  });

  it('refuse issues the refusal slip with the reason; reject after review issues none', async () => {
    const refused = await run('refuse', receivedCase(), { note: 'Hồ sơ không thuộc thẩm quyền' });
    expect(refused.slips).toMatchObject([{ kind: 'refusal', details: { reason: 'Hồ sơ không thuộc thẩm quyền' } }]);
    const rejected = await run('reject', receivedCase({ status: 'in_review' }), { note: 'Không đủ điều kiện' });
    expect(rejected.slips).toEqual([]);
  });

  it('hand_over after an apology: late against the legal due date, whatever date was promised', async () => {
    const c = receivedCase({
      status: 'result_issued',
      nationalStatusCode: 9,
      acceptedAt: new Date('2026-11-30T02:00:00Z'),
      dueAt: new Date('2026-12-07T10:00:00Z'),
      returnDueAt: new Date('2026-12-21T10:00:00Z'),
      feePaidAt: new Date('2026-11-30T03:00:00Z'),
    });
    const { stored, sent } = await run('hand_over', c, {}, new Date('2026-12-14T03:00:00Z'));
    expect(stored).toMatchObject({ status: 'completed', timeliness: 'late' });
    expect(sent.find((e) => e.type === 'dossier.completed')?.data).toMatchObject({ timeliness: 'late' });
  });

  it('hand_over: refused while the fee is unpaid', async () => {
    const c = receivedCase({ status: 'result_issued' });
    await expect(run('hand_over', c)).rejects.toMatchObject({ code: 'CASE.FEE_NOT_PAID' });
  });
});
