import type { OfficerAction } from '../workflow/case-workflow';
import { accept } from './accept.handler';
import type { ActionHandler } from './action-handler';
import { apologize } from './apologize.handler';
import { assign } from './assign.handler';
import { decline } from './decline.handler';
import { handOver } from './hand-over.handler';
import { issueResult } from './issue-result.handler';
import { moveOnly } from './move-only.handler';
import { requestSupplement } from './request-supplement.handler';

/** One handler per officer action of the workflow table: adding an action there fails to compile until it has one here. */
export const OFFICER_ACTION_HANDLERS: Record<OfficerAction, ActionHandler> = {
  accept,
  refuse: decline,
  assign,
  request_supplement: requestSupplement,
  propose_result: moveOnly,
  approve: moveOnly,
  send_back: moveOnly,
  reject: decline,
  issue_result: issueResult,
  hand_over: handOver,
  stop: moveOnly,
  apologize,
};
