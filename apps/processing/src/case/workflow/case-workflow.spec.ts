import {
  availableActions,
  CASE_ACTIONS,
  CASE_ROLES,
  CASE_STATES,
  CaseState,
  checkTransition,
  feeDueFirst,
  missingInputs,
  movesCase,
  SAME_STATE,
  type TransitionRule,
} from './case-workflow';

describe('case workflow table', () => {
  it('maps every state to a national status code 1-10', () => {
    for (const s of Object.values(CASE_STATES)) {
      expect(s.national).toBeGreaterThanOrEqual(1);
      expect(s.national).toBeLessThanOrEqual(10);
    }
    expect(CASE_STATES.withdrawn.national).toBe(7);
    expect(CASE_STATES.supplement_requested).toMatchObject({ national: 5, clock: false });
  });

  it('only leads to known states, and nothing leaves a final state', () => {
    for (const [action, rule] of Object.entries(CASE_ACTIONS) as [string, TransitionRule][]) {
      expect([...Object.keys(CASE_STATES), SAME_STATE]).toContain(rule.to);
      if (rule.toWhenFeeDueFirst) expect(Object.keys(CASE_STATES)).toContain(rule.toWhenFeeDueFirst);
      for (const from of rule.from) expect(CASE_STATES[from as CaseState].final).toBe(false);
      expect(rule.by.length).toBeGreaterThan(0);
      expect(action).toMatch(/^[a-z_]+$/);
    }
  });

  it('lets the one-stop desk accept a received dossier, and nobody else', () => {
    expect(checkTransition('received', 'accept', ['reception'])).toEqual({
      ok: true,
      from: 'received',
      to: 'accepted',
      national: 2,
      clockRuns: true,
    });
    expect(checkTransition('received', 'accept', ['leader'])).toMatchObject({
      ok: false,
      reason: 'not_your_role',
      allowedRoles: ['reception'],
    });
    expect(checkTransition('accepted', 'accept', ['reception'])).toMatchObject({
      ok: false,
      reason: 'not_allowed_now',
      allowedFrom: ['received'],
    });
  });

  it('refuses a withdrawal once the result exists', () => {
    expect(checkTransition('in_review', 'withdraw', ['system'])).toMatchObject({
      ok: true,
      to: 'withdrawn',
      national: 7,
    });
    expect(checkTransition('result_issued', 'withdraw', ['system'])).toMatchObject({
      ok: false,
      reason: 'not_allowed_now',
    });
  });

  it('lists what an officer may do now', () => {
    expect(availableActions('result_proposed', ['leader']).sort()).toEqual([
      'apologize',
      'approve',
      'reject',
      'send_back',
      'stop',
    ]);
    expect(availableActions('received', ['specialist'])).toEqual([]);
  });

  it('accept waits for the payment when the fee is due before processing: code 6, clock stopped', () => {
    expect(CASE_STATES.awaiting_payment).toMatchObject({
      national: 6,
      clock: false,
      final: false,
      vi: 'Chờ thực hiện nghĩa vụ tài chính',
    });
    expect(checkTransition('received', 'accept', ['reception'], { feeDueFirst: true })).toEqual({
      ok: true,
      from: 'received',
      to: 'awaiting_payment',
      national: 6,
      clockRuns: false,
    });
    expect(checkTransition('received', 'accept', ['reception'], { feeDueFirst: false })).toMatchObject({
      to: 'accepted',
    });
    // Only the payment (an event) moves it on, to accepted with the clock running.
    expect(checkTransition('awaiting_payment', 'payment_received', ['system'])).toMatchObject({
      ok: true,
      to: 'accepted',
      national: 2,
      clockRuns: true,
    });
    expect(checkTransition('awaiting_payment', 'payment_received', ['reception'])).toMatchObject({ ok: false });
    expect(availableActions('awaiting_payment', ['reception', 'specialist', 'leader'])).toEqual(['stop']);
    expect(checkTransition('awaiting_payment', 'withdraw', ['system'])).toMatchObject({ ok: true, to: 'withdrawn' });
  });

  it('a fee is due first when paid online or at the counter; postal COD and no fee go straight to accepted', () => {
    const fee = { amount: 50000 };
    expect(feeDueFirst({ fee, paymentMethod: 'online' })).toBe(true);
    expect(feeDueFirst({ fee, paymentMethod: 'office' })).toBe(true);
    expect(feeDueFirst({ fee, paymentMethod: 'postal_cod' })).toBe(false);
    expect(feeDueFirst({ fee, paymentMethod: 'none' })).toBe(false);
    expect(feeDueFirst({ fee: { amount: 0 }, paymentMethod: 'online' })).toBe(false);
  });

  it('apologize keeps the state, in every state where the clock runs, for reception and leaders', () => {
    const running = (Object.keys(CASE_STATES) as CaseState[]).filter((s) => CASE_STATES[s].clock);
    for (const state of Object.keys(CASE_STATES) as CaseState[]) {
      const check = checkTransition(state, 'apologize', ['reception']);
      if (running.includes(state)) expect(check).toMatchObject({ ok: true, from: state, to: state });
      else expect(check).toMatchObject({ ok: false, reason: 'not_allowed_now' });
    }
    expect(checkTransition('in_review', 'apologize', ['leader'])).toMatchObject({ ok: true, to: 'in_review' });
    expect(checkTransition('in_review', 'apologize', ['specialist'])).toMatchObject({ reason: 'not_your_role' });
    expect(movesCase('apologize')).toBe(false);
    expect(movesCase('accept')).toBe(true);
    expect(missingInputs('apologize', { note: 'Chậm do xác minh' })).toEqual(['newDueAt']);
  });

  it('gives actions on a case to reception, specialists and leaders only (they read its filing)', () => {
    expect([...CASE_ROLES].sort()).toEqual(['leader', 'reception', 'specialist']);
  });
});
