import type { ActionHandler } from './action-handler';

/** Tiếp nhận: the legal clock starts, the due date is set, and the fee (if any) is assessed. */
export const accept: ActionHandler = async ({ em, case: c, officer, input, now, cases, calendar, move, announce }) => {
  const dossierCode = c.dossierCode;
  const dueAt =
    c.processingTimeUnit === 'working_hours'
      ? calendar.addWorkingHours(now, c.processingTime)
      : calendar.addWorkingDays(now, Math.max(1, c.processingTime));
  await move({ dueAt, note: input.note });
  Object.assign(c, { acceptedAt: now, dueAt });
  await cases.setAccepted(em, c.id, now, dueAt);
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
