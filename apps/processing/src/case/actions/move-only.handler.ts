import type { ActionHandler } from './action-handler';

/** Actions whose only effect is the move itself, with the officer's note and documents in the history. */
export const moveOnly: ActionHandler = async ({ input, move }) => {
  await move({ note: input.note, documents: input.documents });
};
