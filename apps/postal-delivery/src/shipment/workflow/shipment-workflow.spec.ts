import { SHIPMENT_STATUSES, ShipmentStatus } from '@dvc/contracts';
import { checkStep, judgeReport, nextSteps, SHIPMENT_STATES, ShipmentProgress } from './shipment-workflow';

const at = (minute: number) => new Date(Date.UTC(2026, 4, 11, 8, minute));
const progress = (
  reached: ShipmentStatus[],
  lastMinute: number | null = reached.length - 1,
  failedAttempts = 0,
): ShipmentProgress => ({
  status: reached[reached.length - 1],
  reached,
  lastReportedAt: lastMinute === null ? null : at(lastMinute),
  failedAttempts,
});

describe('shipment workflow table', () => {
  it('names every status of the contract', () => {
    expect(Object.keys(SHIPMENT_STATES).sort()).toEqual([...SHIPMENT_STATUSES].sort());
  });

  it.each([
    ['created', 'accepted_by_post_office'],
    ['accepted_by_post_office', 'picked_up'],
    ['picked_up', 'in_transit'],
    ['in_transit', 'out_for_delivery'],
    ['out_for_delivery', 'delivered'],
    ['out_for_delivery', 'delivery_failed'],
    ['delivery_failed', 'out_for_delivery'],
    ['delivery_failed', 'returning'],
    ['returning', 'returned_to_sender'],
    ['created', 'cancelled'],
    ['accepted_by_post_office', 'cancelled'],
  ] as [ShipmentStatus, ShipmentStatus][])('the partner may report %s -> %s', (from, to) => {
    expect(checkStep(from, to, 'partner')).toEqual({ ok: true });
  });

  it('allows nothing else: every other pair of states is refused', () => {
    const allowed = new Set(
      SHIPMENT_STATUSES.flatMap((from) => nextSteps(from, 'partner').map((to) => `${from}>${to}`)),
    );
    expect(allowed.size).toBe(11);
    expect(checkStep('returned_to_sender', 'delivered', 'partner')).toEqual({
      ok: false,
      reason: 'not_allowed_now',
      allowedFrom: ['out_for_delivery'],
    });
    expect(checkStep('picked_up', 'cancelled', 'officer')).toMatchObject({ ok: false, reason: 'not_allowed_now' });
    expect(checkStep('created', 'created', 'partner').ok).toBe(false);
    for (const final of ['delivered', 'returned_to_sender', 'cancelled'] as ShipmentStatus[])
      expect(nextSteps(final, 'partner')).toEqual([]);
  });

  it('lets officers only cancel, and only before pick-up', () => {
    expect(checkStep('created', 'cancelled', 'officer')).toEqual({ ok: true });
    expect(checkStep('accepted_by_post_office', 'cancelled', 'officer')).toEqual({ ok: true });
    expect(checkStep('in_transit', 'delivered', 'officer')).toMatchObject({ ok: false, reason: 'not_your_role' });
    expect(nextSteps('created', 'officer')).toEqual(['cancelled']);
    expect(nextSteps('picked_up', 'officer')).toEqual([]);
  });
});

describe('judging a partner report', () => {
  it('applies the next step, newer than the last one', () => {
    expect(judgeReport(progress(['created'], null), { status: 'accepted_by_post_office', occurredAt: at(0) })).toEqual({
      kind: 'apply',
    });
    expect(
      judgeReport(progress(['created', 'accepted_by_post_office', 'picked_up']), {
        status: 'in_transit',
        occurredAt: at(5),
      }),
    ).toEqual({ kind: 'apply' });
  });

  it('ignores a duplicate or a late report of a state already reached', () => {
    const s = progress(['created', 'accepted_by_post_office', 'picked_up', 'in_transit']);
    expect(judgeReport(s, { status: 'in_transit', occurredAt: at(9) })).toEqual({
      kind: 'late',
      why: 'already_reached',
    });
    expect(judgeReport(s, { status: 'picked_up', occurredAt: at(1) })).toEqual({
      kind: 'late',
      why: 'already_reached',
    });
  });

  it('never goes backwards: an allowed step older than the last applied one is late', () => {
    // failed at minute 5; an "out for delivery" of minute 4 arriving now is the first one, late.
    const s = progress(
      ['created', 'accepted_by_post_office', 'picked_up', 'in_transit', 'out_for_delivery', 'delivery_failed'],
      5,
      1,
    );
    expect(judgeReport(s, { status: 'out_for_delivery', occurredAt: at(4) })).toEqual({
      kind: 'late',
      why: 'older_than_last_applied',
    });
    expect(judgeReport(s, { status: 'out_for_delivery', occurredAt: at(6) })).toEqual({ kind: 'apply' });
  });

  it('counts each failed attempt once', () => {
    const s = progress(
      [
        'created',
        'accepted_by_post_office',
        'picked_up',
        'in_transit',
        'out_for_delivery',
        'delivery_failed',
        'out_for_delivery',
      ],
      6,
      1,
    );
    expect(judgeReport(s, { status: 'delivery_failed', occurredAt: at(7), attempt: 1 })).toEqual({
      kind: 'late',
      why: 'attempt_already_reported',
    });
    expect(judgeReport(s, { status: 'delivery_failed', occurredAt: at(7), attempt: 2 })).toEqual({ kind: 'apply' });
  });

  it('refuses an impossible step, e.g. delivered after returned to sender, and says what is open', () => {
    const returned = progress([
      'created',
      'accepted_by_post_office',
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'delivery_failed',
      'returning',
      'returned_to_sender',
    ]);
    expect(judgeReport(returned, { status: 'delivered', occurredAt: at(30) })).toEqual({
      kind: 'impossible',
      allowedNow: [],
    });
    expect(judgeReport(progress(['created'], null), { status: 'in_transit', occurredAt: at(1) })).toEqual({
      kind: 'impossible',
      allowedNow: ['accepted_by_post_office', 'cancelled'],
    });
    expect(
      judgeReport(progress(['created', 'accepted_by_post_office', 'picked_up']), {
        status: 'cancelled',
        occurredAt: at(9),
      }),
    ).toEqual({
      kind: 'impossible',
      allowedNow: ['in_transit'],
    });
  });
});
