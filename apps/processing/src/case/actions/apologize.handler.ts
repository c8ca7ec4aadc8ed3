import { CaseErrors } from '../case.errors';
import type { ActionHandler } from './action-handler';

/**
 * Thư xin lỗi và hẹn lại ngày trả kết quả: the case will miss its date, the officer gives the
 * reason and a later return date. The state does not change (a self-transition of the workflow
 * table) and the legal due_at stays, so the statistics keep counting the case late against it;
 * the citizen is told the new date (dossier.status_changed with dueAt and the note).
 */
export const apologize: ActionHandler = async ({ em, case: c, officer, input, now, cases, slips, move }) => {
  // The date the applicant holds now: the last promised one, or the legal one if a supplement moved it later.
  const promised = [c.returnDueAt, c.dueAt].reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);
  const newDueAt = new Date(input.newDueAt!);
  if (!promised || !(newDueAt > promised)) {
    throw CaseErrors.apologyDateNotLater(c.dossierCode, input.newDueAt!, promised);
  }
  await move({
    note: input.note,
    at: now,
    dueAt: newDueAt,
    details: { previousDueAt: promised.toISOString(), newDueAt: newDueAt.toISOString() },
  });
  await cases.setReturnDueAt(em, c.id, newDueAt);
  c.returnDueAt = newDueAt;
  // Phiếu xin lỗi và hẹn lại ngày trả kết quả: the date the applicant held and the new one.
  await slips.issue(
    em,
    c,
    'apology',
    { reason: input.note!, originalDueAt: promised, newDueAt },
    { by: officer, at: now },
  );
};
