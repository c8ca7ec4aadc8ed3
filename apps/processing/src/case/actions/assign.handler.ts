import type { ActionHandler } from './action-handler';

/** The case goes to a specialist, whose queue shows it from now on. */
export const assign: ActionHandler = async ({ em, case: c, action, officer, input, transitions, cases }) => {
  await transitions.transition(em, c, action, officer, { note: `assignee: ${input.assigneeId}` });
  c.assigneeId = input.assigneeId!;
  await cases.setAssignee(em, c.id, c.assigneeId);
};
