import type { ActionHandler } from './action-handler';

/** The case goes to a specialist, whose queue shows it from now on. */
export const assign: ActionHandler = async ({ em, case: c, input, cases, move }) => {
  await move({ note: `assignee: ${input.assigneeId}` });
  c.assigneeId = input.assigneeId!;
  await cases.setAssignee(em, c.id, c.assigneeId);
};
