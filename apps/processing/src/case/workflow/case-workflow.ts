import type { OfficerRole } from '@dvc/auth';

/**
 * The officers' workflow as data: every local state with its national status code (Decision
 * 31/2021) and whether the legal clock runs, and every action with the states it leaves, the
 * state it reaches and who may take it. Services ask this table; they never test states with ifs.
 */
export const CASE_STATES = {
  received: { national: 1, clock: false, final: false, vi: 'Mới đăng ký', en: 'Newly registered' },
  accepted: { national: 2, clock: true, final: false, vi: 'Đã tiếp nhận', en: 'Accepted' },
  // Accepted, but the fee is due before processing: the clock waits for the payment. The national
  // portal names code 6 "Yêu cầu thực hiện nghĩa vụ tài chính" (financial obligation requested).
  awaiting_payment: {
    national: 6,
    clock: false,
    final: false,
    vi: 'Chờ thực hiện nghĩa vụ tài chính',
    en: "Awaiting the applicant's payment",
  },
  in_review: { national: 4, clock: true, final: false, vi: 'Đang xử lý', en: 'In process' },
  supplement_requested: { national: 5, clock: false, final: false, vi: 'Yêu cầu bổ sung', en: 'Supplement requested' },
  result_proposed: { national: 4, clock: true, final: false, vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  approved: { national: 4, clock: true, final: false, vi: 'Đã phê duyệt', en: 'Approved' },
  result_issued: { national: 9, clock: false, final: false, vi: 'Đã có kết quả', en: 'Result issued' },
  completed: { national: 10, clock: false, final: true, vi: 'Đã trả kết quả', en: 'Result returned' },
  refused: { national: 3, clock: false, final: true, vi: 'Không tiếp nhận', en: 'Not accepted' },
  rejected: { national: 9, clock: false, final: true, vi: 'Từ chối giải quyết', en: 'Rejected after review' },
  stopped: { national: 8, clock: false, final: true, vi: 'Dừng xử lý', en: 'Processing stopped' },
  withdrawn: { national: 7, clock: false, final: true, vi: 'Rút hồ sơ', en: 'Withdrawn by the applicant' },
} as const;
export type CaseState = keyof typeof CASE_STATES;

/** Who takes an action: an officer's role, or the system on an event (the applicant's withdrawal, a delivery). */
export type Actor = OfficerRole | 'system';

/** The target of an action that keeps the case in the state it is in (e.g. an apology moves a date, not the case). */
export const SAME_STATE = 'same_state';

export interface TransitionRule {
  from: readonly CaseState[];
  to: CaseState | typeof SAME_STATE;
  /** Where the action leads instead when the fee must be paid before processing (feeDueFirst). */
  toWhenFeeDueFirst?: CaseState;
  by: readonly Actor[];
}

/** The states in which the legal clock runs, where an officer may still apologise for a late return. */
const CLOCK_RUNNING = ['accepted', 'in_review', 'result_proposed', 'approved'] as const;

export const CASE_ACTIONS = {
  accept: { from: ['received'], to: 'accepted', toWhenFeeDueFirst: 'awaiting_payment', by: ['reception'] },
  // The fee due before processing is paid (payment.succeeded): the clock starts.
  payment_received: { from: ['awaiting_payment'], to: 'accepted', by: ['system'] },
  refuse: { from: ['received'], to: 'refused', by: ['reception'] },
  assign: { from: ['accepted'], to: 'in_review', by: ['reception', 'leader'] },
  request_supplement: { from: ['accepted', 'in_review'], to: 'supplement_requested', by: ['reception', 'specialist'] },
  supplement_received: { from: ['supplement_requested'], to: 'in_review', by: ['system'] },
  propose_result: { from: ['in_review'], to: 'result_proposed', by: ['specialist'] },
  approve: { from: ['result_proposed'], to: 'approved', by: ['leader'] },
  send_back: { from: ['result_proposed'], to: 'in_review', by: ['leader'] },
  reject: { from: ['in_review', 'result_proposed'], to: 'rejected', by: ['leader'] },
  // A leader may issue the result right after acceptance when no review is needed, or after approving a proposal.
  issue_result: { from: ['accepted', 'approved'], to: 'result_issued', by: ['leader'] },
  hand_over: { from: ['result_issued'], to: 'completed', by: ['reception'] },
  delivered: { from: ['result_issued'], to: 'completed', by: ['system'] },
  stop: {
    from: ['accepted', 'awaiting_payment', 'in_review', 'supplement_requested', 'result_proposed', 'approved'],
    to: 'stopped',
    by: ['leader'],
  },
  withdraw: {
    from: [
      'received',
      'accepted',
      'awaiting_payment',
      'in_review',
      'supplement_requested',
      'result_proposed',
      'approved',
    ],
    to: 'withdrawn',
    by: ['system'],
  },
  // Thư xin lỗi và hẹn lại ngày trả kết quả: a new promised date, same state; the legal due date stays.
  apologize: { from: CLOCK_RUNNING, to: SAME_STATE, by: ['reception', 'leader'] },
} as const satisfies Record<string, TransitionRule>;
export type CaseAction = keyof typeof CASE_ACTIONS;

export type TransitionCheck =
  | { ok: true; from: CaseState; to: CaseState; national: number; clockRuns: boolean }
  | {
      ok: false;
      reason: 'not_allowed_now' | 'not_your_role';
      allowedFrom: readonly CaseState[];
      allowedRoles: readonly Actor[];
    };

/** What about the case, beyond its state, decides where an action leads. */
export interface CaseFacts {
  /** The fee must be paid before processing starts (see feeDueFirst). */
  feeDueFirst?: boolean;
}

/**
 * May `actor` (any of its roles) take `action` while the case is in `state`? With `facts`, the
 * state the action leads to for this case (accept with a fee due first waits for the payment).
 */
export function checkTransition(
  state: CaseState,
  action: CaseAction,
  actor: readonly Actor[],
  facts: CaseFacts = {},
): TransitionCheck {
  const rule: TransitionRule = CASE_ACTIONS[action];
  // The role first: an officer who may never take the action learns nothing about the case's state.
  if (!mayTake(action, actor))
    return { ok: false, reason: 'not_your_role', allowedFrom: rule.from, allowedRoles: rule.by };
  if (!rule.from.includes(state))
    return { ok: false, reason: 'not_allowed_now', allowedFrom: rule.from, allowedRoles: rule.by };
  const to =
    facts.feeDueFirst && rule.toWhenFeeDueFirst ? rule.toWhenFeeDueFirst : rule.to === SAME_STATE ? state : rule.to;
  return { ok: true, from: state, to, national: CASE_STATES[to].national, clockRuns: CASE_STATES[to].clock };
}

/**
 * Whether the fee must be paid before the case is processed: a fee paid online or at the counter
 * (Decree 42/2022 level 4 services collect it upfront). Postal COD is collected with the result,
 * and no fee means nothing to wait for.
 */
export function feeDueFirst(c: { fee: { amount: number }; paymentMethod: string }): boolean {
  return c.fee.amount > 0 && (c.paymentMethod === 'online' || c.paymentMethod === 'office');
}

/** Whether the action moves the case to another state (an apology does not: it keeps it where it is). */
export function movesCase(action: CaseAction): boolean {
  return (CASE_ACTIONS[action] as TransitionRule).to !== SAME_STATE;
}

/** Whether any of these roles may ever take the action, whatever the state. */
export function mayTake(action: CaseAction, actor: readonly Actor[]): boolean {
  return (CASE_ACTIONS[action].by as readonly Actor[]).some((r) => actor.includes(r));
}

/** The actions open to these roles in this state (for an officer's screen). */
export function availableActions(state: CaseState, actor: readonly Actor[]): CaseAction[] {
  return (Object.keys(CASE_ACTIONS) as CaseAction[]).filter((a) => checkTransition(state, a, actor).ok);
}

/** The roles the workflow gives actions on a case: the officers who may read its filing. */
export const CASE_ROLES = [...new Set(Object.values(CASE_ACTIONS).flatMap((r) => r.by as readonly Actor[]))].filter(
  (r): r is OfficerRole => r !== 'system',
);

/** The actions officers take through the API (the others are taken by the system on events). */
export const OFFICER_ACTIONS = [
  'accept',
  'refuse',
  'assign',
  'request_supplement',
  'propose_result',
  'approve',
  'send_back',
  'reject',
  'issue_result',
  'hand_over',
  'stop',
  'apologize',
] as const satisfies readonly CaseAction[];
export type OfficerAction = (typeof OFFICER_ACTIONS)[number];

/** What each action needs from the officer, beyond the case being in the right state. */
type ActionInput = 'note' | 'items' | 'assigneeId' | 'documents' | 'newDueAt' | 'fileIds';

const REQUIRED_INPUTS: Partial<Record<OfficerAction, readonly ActionInput[]>> = {
  refuse: ['note'],
  reject: ['note'],
  request_supplement: ['note', 'items'],
  send_back: ['note'],
  stop: ['note'],
  assign: ['assigneeId'],
  // The result is its files (stored, PDFs signed), never a name and a hash.
  issue_result: ['fileIds'],
  // The reason and the new return date (ISO 8601), later than the date promised so far.
  apologize: ['note', 'newDueAt'],
};

export function missingInputs(
  action: OfficerAction,
  input: {
    note?: string;
    items?: string[];
    assigneeId?: string;
    documents?: unknown[];
    newDueAt?: string;
    fileIds?: string[];
  },
): string[] {
  return (REQUIRED_INPUTS[action] ?? []).filter((field) => {
    const v = input[field];
    return v === undefined || (typeof v === 'string' ? v.trim() === '' : v.length === 0);
  });
}
