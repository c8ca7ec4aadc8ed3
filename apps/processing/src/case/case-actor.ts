import type { Actor } from './workflow/case-workflow';

/** Who acts: an officer from the token, or the system on an event. */
export interface CaseActor {
  id: string;
  roles: readonly Actor[];
}

export const SYSTEM: CaseActor = { id: 'system', roles: ['system'] };
