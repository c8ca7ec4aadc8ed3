import type { ShipmentStatus } from '@dvc/contracts';

/**
 * A shipment's life as data: every state, and every step with the states it leaves and who takes
 * it (the postal partner reporting, an officer, nobody else). Services ask this table; they never
 * test states with ifs. A delivery that fails goes out again or starts back to the sender.
 */
export const SHIPMENT_STATES = {
  created: { final: false, vi: 'Đã tạo vận đơn', en: 'Created' },
  accepted_by_post_office: { final: false, vi: 'Bưu cục đã nhận', en: 'Accepted by the post office' },
  picked_up: { final: false, vi: 'Đã lấy hàng', en: 'Picked up' },
  in_transit: { final: false, vi: 'Đang vận chuyển', en: 'In transit' },
  out_for_delivery: { final: false, vi: 'Đang giao', en: 'Out for delivery' },
  delivered: { final: true, vi: 'Đã giao', en: 'Delivered' },
  delivery_failed: { final: false, vi: 'Giao không thành công', en: 'Delivery failed' },
  returning: { final: false, vi: 'Đang chuyển hoàn', en: 'Returning to sender' },
  returned_to_sender: { final: true, vi: 'Đã chuyển hoàn', en: 'Returned to sender' },
  cancelled: { final: true, vi: 'Đã hủy', en: 'Cancelled' },
} as const satisfies Record<ShipmentStatus, { final: boolean; vi: string; en: string }>;

export type ShipmentActor = 'partner' | 'officer';

export interface ShipmentStep {
  from: readonly ShipmentStatus[];
  by: readonly ShipmentActor[];
}

/** How each state is reached (the step is named by the state it reaches). */
export const SHIPMENT_STEPS = {
  accepted_by_post_office: { from: ['created'], by: ['partner'] },
  picked_up: { from: ['accepted_by_post_office'], by: ['partner'] },
  in_transit: { from: ['picked_up'], by: ['partner'] },
  out_for_delivery: { from: ['in_transit', 'delivery_failed'], by: ['partner'] },
  delivered: { from: ['out_for_delivery'], by: ['partner'] },
  delivery_failed: { from: ['out_for_delivery'], by: ['partner'] },
  returning: { from: ['delivery_failed'], by: ['partner'] },
  returned_to_sender: { from: ['returning'], by: ['partner'] },
  // Only before pick-up: once the postman has the parcel it can only be delivered or returned.
  cancelled: { from: ['created', 'accepted_by_post_office'], by: ['officer', 'partner'] },
} as const satisfies Record<Exclude<ShipmentStatus, 'created'>, ShipmentStep>;

export type ShipmentStepCheck =
  { ok: true } | { ok: false; reason: 'not_allowed_now' | 'not_your_role'; allowedFrom: readonly ShipmentStatus[] };

/** May `actor` move a shipment in `current` to `to`? */
export function checkStep(current: ShipmentStatus, to: ShipmentStatus, actor: ShipmentActor): ShipmentStepCheck {
  if (to === 'created') return { ok: false, reason: 'not_allowed_now', allowedFrom: [] };
  const step: ShipmentStep = SHIPMENT_STEPS[to];
  if (!step.by.includes(actor)) return { ok: false, reason: 'not_your_role', allowedFrom: step.from };
  if (!step.from.includes(current)) return { ok: false, reason: 'not_allowed_now', allowedFrom: step.from };
  return { ok: true };
}

/** The steps the partner may report now (for an answer that explains a refusal). */
export function nextSteps(current: ShipmentStatus, actor: ShipmentActor): ShipmentStatus[] {
  return (Object.keys(SHIPMENT_STEPS) as (keyof typeof SHIPMENT_STEPS)[]).filter(
    (to) => checkStep(current, to, actor).ok,
  );
}

export type ReportVerdict =
  | { kind: 'apply' }
  | { kind: 'late'; why: 'older_than_last_applied' | 'already_reached' | 'attempt_already_reported' }
  | { kind: 'impossible'; allowedNow: ShipmentStatus[] };

export interface ShipmentProgress {
  status: ShipmentStatus;
  /** The partner's time of the last step applied (null before the first report). */
  lastReportedAt: Date | null;
  /** States the shipment has been in, in order. */
  reached: readonly ShipmentStatus[];
  failedAttempts: number;
}

/**
 * Judges a partner report against the shipment. Applied: the table allows the step and it is newer
 * than the last one applied. Late or duplicate (stored, ignored, never applied backwards): older
 * than the last step applied, a state already reached, or a failed attempt already counted.
 * Impossible (refused): anything else, e.g. delivered after returned to sender.
 */
export function judgeReport(
  s: ShipmentProgress,
  report: { status: ShipmentStatus; occurredAt: Date; attempt?: number },
): ReportVerdict {
  const allowed = checkStep(s.status, report.status, 'partner').ok;
  const older = s.lastReportedAt !== null && report.occurredAt.getTime() <= s.lastReportedAt.getTime();
  if (allowed && report.status === 'delivery_failed' && (report.attempt ?? 0) <= s.failedAttempts)
    return { kind: 'late', why: 'attempt_already_reported' };
  if (allowed && !older) return { kind: 'apply' };
  if (allowed) return { kind: 'late', why: 'older_than_last_applied' };
  if (s.reached.includes(report.status)) return { kind: 'late', why: 'already_reached' };
  return { kind: 'impossible', allowedNow: nextSteps(s.status, 'partner') };
}
