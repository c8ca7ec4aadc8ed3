import type { ControlSlip } from '@dvc/documents';
import type { WorkingCalendar } from '../../calendar/working-calendar';
import type { CaseRecord, CaseTransitionRecord } from '../case.record';
import { CASE_STATES, type CaseState } from '../workflow/case-workflow';

/** How the control slip names each step of the history (Vietnamese, as on the paper form). */
const STEP_LABELS: Record<string, string> = {
  open: 'Nhận hồ sơ trực tuyến',
  accept: 'Tiếp nhận hồ sơ',
  payment_received: 'Đã thực hiện nghĩa vụ tài chính',
  refuse: 'Từ chối tiếp nhận',
  assign: 'Chuyển chuyên viên xử lý',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  supplement_received: 'Nhận hồ sơ bổ sung',
  propose_result: 'Trình kết quả',
  approve: 'Phê duyệt kết quả',
  send_back: 'Trả lại để xử lý lại',
  reject: 'Từ chối giải quyết',
  issue_result: 'Ban hành kết quả',
  hand_over: 'Trả kết quả tại bộ phận một cửa',
  delivered: 'Trả kết quả qua bưu chính',
  stop: 'Dừng xử lý',
  withdraw: 'Rút hồ sơ',
  apologize: 'Xin lỗi, hẹn lại ngày trả kết quả',
};

/** States in which the time is the applicant's (a fee due first, a supplement asked): a step ending one is not the agency's to be late on. */
const APPLICANT_WAITS: readonly CaseState[] = ['awaiting_payment', 'supplement_requested'];

type Handover = ControlSlip['handovers'][number];

/**
 * The processing control slip's lines (phiếu kiểm soát quá trình giải quyết): every step of the
 * history with its time, who handed over to which state, the legal due date in force at that step
 * and whether the step came before it.
 *
 * The history keeps no due date per step, so it is replayed the way the case moved it: set at
 * acceptance (as the accept handler computes it), moved later by each pause of the clock (a fee
 * due first, a supplement) when the pause ends, never by an apology (a late case stays late).
 * The last value is the case's stored due_at, which stays authoritative should the calendar have
 * been edited since. onTime is null where the clock did not run: before acceptance, and for a
 * step that ends the applicant's wait.
 */
export function controlHandovers(
  c: CaseRecord,
  history: CaseTransitionRecord[],
  calendar: WorkingCalendar,
): Handover[] {
  const dues: (Date | null)[] = [];
  let due: Date | null = null;
  let pausedAt: Date | null = null;
  let lastChange = -1;
  history.forEach((t, i) => {
    if (t.action === 'accept' && t.to !== 'refused') {
      due =
        c.processingTimeUnit === 'working_hours'
          ? calendar.addWorkingHours(t.at, c.processingTime)
          : calendar.addWorkingDays(t.at, Math.max(1, c.processingTime));
      lastChange = i;
      if (t.to === 'awaiting_payment') pausedAt = t.at;
    } else if (t.action === 'request_supplement') {
      pausedAt = t.at;
    } else if (pausedAt && t.from && APPLICANT_WAITS.includes(t.from) && t.to !== t.from) {
      if (due) {
        due = calendar.resumeAfterPause(due, pausedAt, t.at);
        lastChange = i;
      }
      pausedAt = null;
    }
    dues.push(due);
  });
  // From the last change on, the due date is the one the case holds now.
  if (c.dueAt) for (let i = Math.max(lastChange, 0); lastChange >= 0 && i < dues.length; i++) dues[i] = c.dueAt;

  return history.map((t, i) => {
    const measured = dues[i] && t.action !== 'accept' && !(t.from && APPLICANT_WAITS.includes(t.from)) ? dues[i] : null;
    return {
      step: STEP_LABELS[t.action] ?? t.action,
      from: t.actorId === 'system' ? 'Hệ thống / System' : `${t.actorId} (${t.actorRoles.join(', ')})`,
      to: CASE_STATES[t.to]?.vi ?? t.to,
      at: t.at,
      ...(dues[i] ? { dueAt: dues[i] } : {}),
      onTime: measured ? t.at.getTime() <= measured.getTime() : null,
      ...(t.note ? { note: t.note } : {}),
    };
  });
}
