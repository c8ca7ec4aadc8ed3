import { PUBLISHED_YEAR_OVERRIDES } from '../../calendar/vietnam-holidays';
import { WorkingCalendar } from '../../calendar/working-calendar';
import type { CaseRecord, CaseTransitionRecord } from '../case.record';
import type { CaseState } from '../workflow/case-workflow';
import { controlHandovers } from './control-slip';

const calendar = new WorkingCalendar(PUBLISHED_YEAR_OVERRIDES);

function step(
  action: string,
  from: CaseState | null,
  to: CaseState,
  at: string,
  actorId = 'mot-cua-1',
): CaseTransitionRecord {
  return {
    action,
    from,
    to,
    actorId,
    actorRoles: actorId === 'system' ? ['system'] : ['reception'],
    note: null,
    documents: [],
    at: new Date(at),
  };
}

const base = { processingTime: 5, processingTimeUnit: 'working_days' } as CaseRecord;

describe('control slip hand-overs', () => {
  it("measures each step against the due date then: none before acceptance or for the applicant's waits, later after a supplement", () => {
    const acceptedAt = new Date('2026-11-30T02:00:00Z');
    const due0 = calendar.addWorkingDays(acceptedAt, 5);
    const pausedAt = new Date('2026-12-01T02:00:00Z');
    const resumedAt = new Date('2026-12-03T02:00:00Z');
    const due1 = calendar.resumeAfterPause(due0, pausedAt, resumedAt);
    const history = [
      step('open', null, 'received', '2026-11-30T01:00:00Z', 'system'),
      step('accept', 'received', 'accepted', acceptedAt.toISOString()),
      step('request_supplement', 'accepted', 'supplement_requested', pausedAt.toISOString()),
      step('supplement_received', 'supplement_requested', 'in_review', resumedAt.toISOString(), 'system'),
      // After the first due date but before the moved one: on time.
      step('propose_result', 'in_review', 'result_proposed', new Date(due0.getTime() + 3600_000).toISOString()),
      step('apologize', 'result_proposed', 'result_proposed', new Date(due1.getTime() + 3600_000).toISOString()),
    ];
    const lines = controlHandovers({ ...base, acceptedAt, dueAt: due1 }, history, calendar);
    expect(lines.map((l) => [l.step, l.dueAt?.toISOString(), l.onTime])).toEqual([
      ['Nhận hồ sơ trực tuyến', undefined, null],
      ['Tiếp nhận hồ sơ', due0.toISOString(), null],
      ['Yêu cầu bổ sung hồ sơ', due0.toISOString(), true],
      ['Nhận hồ sơ bổ sung', due1.toISOString(), null],
      ['Trình kết quả', due1.toISOString(), true],
      // An apology does not move the legal date: the step after it is late.
      ['Xin lỗi, hẹn lại ngày trả kết quả', due1.toISOString(), false],
    ]);
    expect(lines[0]).toMatchObject({ from: 'Hệ thống / System', to: 'Mới đăng ký' });
    expect(lines[1]).toMatchObject({ from: 'mot-cua-1 (reception)', to: 'Đã tiếp nhận' });
  });

  it('a fee due first: the clock starts at the payment, the due date moves by the wait', () => {
    const acceptedAt = new Date('2026-11-30T02:00:00Z');
    const paidAt = new Date('2026-12-02T02:00:00Z');
    const due = calendar.resumeAfterPause(calendar.addWorkingDays(acceptedAt, 5), acceptedAt, paidAt);
    const lines = controlHandovers(
      { ...base, acceptedAt, dueAt: due },
      [
        step('accept', 'received', 'awaiting_payment', acceptedAt.toISOString()),
        step('payment_received', 'awaiting_payment', 'accepted', paidAt.toISOString(), 'system'),
        step('assign', 'accepted', 'in_review', '2026-12-02T03:00:00Z'),
      ],
      calendar,
    );
    expect(lines.map((l) => [l.dueAt?.toISOString(), l.onTime])).toEqual([
      [calendar.addWorkingDays(acceptedAt, 5).toISOString(), null],
      [due.toISOString(), null],
      [due.toISOString(), true],
    ]);
  });

  it("the case's stored due date is the last word (a calendar edited since the acceptance)", () => {
    const acceptedAt = new Date('2026-11-30T02:00:00Z');
    const stored = new Date('2026-12-20T10:00:00Z');
    const lines = controlHandovers(
      { ...base, acceptedAt, dueAt: stored },
      [
        step('accept', 'received', 'accepted', acceptedAt.toISOString()),
        step('assign', 'accepted', 'in_review', '2026-12-01T03:00:00Z'),
      ],
      calendar,
    );
    expect(lines.map((l) => l.dueAt)).toEqual([stored, stored]);
  });
});
