import { CaseErrors } from '../case.errors';
import type { ActionHandler } from './action-handler';

/** Collected at the office: the fee must be paid first (postal COD is collected by the postman instead). */
export const handOver: ActionHandler = async ({ em, case: c, input, now, transitions, move }) => {
  if (c.deliveryMethod !== 'office') throw CaseErrors.notAtOffice(c.dossierCode);
  if (c.fee.amount > 0 && !c.feePaidAt) throw CaseErrors.feeNotPaid(c.dossierCode, c.fee.amount);
  await move({ note: input.note });
  await transitions.complete(em, c, 'collected_at_office', now);
};
