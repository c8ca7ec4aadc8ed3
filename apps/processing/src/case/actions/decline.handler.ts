import { createEvent } from '@dvc/contracts';
import type { ActionHandler } from './action-handler';

/** refuse (at the desk) and reject (after review): the dossier ends with the officer's reason. */
export const decline: ActionHandler = async ({
  em,
  case: c,
  action,
  officer,
  input,
  now,
  origin,
  transitions,
  outbox,
}) => {
  await transitions.transition(em, c, action, officer, { note: input.note });
  await outbox.add(
    em,
    createEvent(
      'dossier.rejected',
      {
        dossierCode: c.dossierCode,
        stage: action === 'refuse' ? 'acceptance' : 'review',
        reason: input.note!,
        rejectedAt: now.toISOString(),
      },
      origin,
    ),
  );
};
