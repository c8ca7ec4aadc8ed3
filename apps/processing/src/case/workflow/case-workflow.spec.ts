import { availableActions, CASE_ACTIONS, CASE_STATES, CaseState, checkTransition } from './case-workflow';

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
    for (const [action, rule] of Object.entries(CASE_ACTIONS)) {
      expect(Object.keys(CASE_STATES)).toContain(rule.to);
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
    expect(availableActions('result_proposed', ['leader']).sort()).toEqual(['approve', 'reject', 'send_back', 'stop']);
    expect(availableActions('received', ['specialist'])).toEqual([]);
  });
});
