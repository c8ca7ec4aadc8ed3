import type { ActionHandler } from './action-handler';

/** refuse (at the desk) and reject (after review): the dossier ends with the officer's reason. */
export const decline: ActionHandler = async ({ case: c, action, input, now, move, announce }) => {
  await move({ note: input.note });
  await announce('dossier.rejected', {
    dossierCode: c.dossierCode,
    stage: action === 'refuse' ? 'acceptance' : 'review',
    reason: input.note!,
    rejectedAt: now.toISOString(),
  });
};
