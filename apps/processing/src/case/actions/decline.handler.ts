import type { ActionHandler } from './action-handler';

/**
 * refuse (at the desk) and reject (after review): the dossier ends with the officer's reason. A
 * refusal at the desk gives the applicant the refusal slip (Phiếu từ chối tiếp nhận giải quyết hồ
 * sơ, form 03); a rejection after review is answered by the agency's decision, not by a slip.
 */
export const decline: ActionHandler = async ({ em, case: c, action, officer, input, now, slips, move, announce }) => {
  await move({ note: input.note });
  await announce('dossier.rejected', {
    dossierCode: c.dossierCode,
    stage: action === 'refuse' ? 'acceptance' : 'review',
    reason: input.note!,
    rejectedAt: now.toISOString(),
  });
  if (action === 'refuse') await slips.issue(em, c, 'refusal', { reason: input.note! }, { by: officer, at: now });
};
