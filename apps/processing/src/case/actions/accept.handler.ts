import { feeDueFirst } from '../workflow/case-workflow';
import type { ActionHandler } from './action-handler';

/**
 * Tiếp nhận: the due date is set and the fee (if any) is assessed. The legal clock starts now,
 * unless the fee must be paid before processing (online or at the counter): then the case waits
 * in awaiting_payment (national code 6) with its clock paused as a supplement request pauses it,
 * and payment.succeeded resumes it (CaseSettlementService.recordPayment).
 */
export const accept: ActionHandler = async ({
  em,
  case: c,
  officer,
  input,
  now,
  cases,
  calendar,
  slips,
  move,
  announce,
}) => {
  const dossierCode = c.dossierCode;
  const dueFirst = feeDueFirst(c);
  // Counted from acceptance. When the fee is due first this is the date if the applicant paid at
  // once: the payment moves it later by the working time spent waiting, so the accepted event
  // and the answer give the earliest honest date, and the status event at payment the final one.
  const dueAt =
    c.processingTimeUnit === 'working_hours'
      ? calendar.addWorkingHours(now, c.processingTime)
      : calendar.addWorkingDays(now, Math.max(1, c.processingTime));
  await move({ dueAt, note: input.note, at: now, facts: { feeDueFirst: dueFirst } });
  Object.assign(c, { acceptedAt: now, dueAt });
  await cases.setAccepted(em, c.id, now, dueAt);
  if (dueFirst) {
    await cases.pauseClock(em, c.id, now);
    c.clockPausedAt = now;
  }
  // Giấy tiếp nhận hồ sơ và hẹn trả kết quả: the documents received, the due date, the return.
  await slips.issue(em, c, 'receipt', {}, { by: officer, at: now });
  await announce('dossier.accepted', {
    dossierCode,
    acceptedAt: now.toISOString(),
    dueAt: dueAt.toISOString(),
    officerId: officer.id,
  });
  if (c.fee.amount > 0) {
    await announce('fee.assessed', {
      dossierCode,
      feeId: `${dossierCode}:fee`,
      amount: c.fee.amount,
      currency: 'VND',
      items: c.fee.items,
      paymentMethod: c.paymentMethod,
      level: c.level as 3 | 4,
      ...(c.applicant?.name ? { payerName: c.applicant.name } : {}),
    });
  }
};
