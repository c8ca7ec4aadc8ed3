import type { CaseRecord } from '../case.record';

/** A case as officers see it through the API. */
export interface CaseView {
  dossierCode: string;
  procedureCode: string;
  status: string;
  nationalStatusCode: number;
  receivedAt: string;
  acceptedAt: string | null;
  /** The legal due date (statistics measure against it). */
  dueAt: string | null;
  /** The return date promised by an apology, later than dueAt; null when none was given. */
  returnDueAt: string | null;
  clockPaused: boolean;
  assigneeId: string | null;
  fee: { amount: number; paid: boolean };
  completedAt: string | null;
  timeliness: 'early' | 'on_time' | 'late' | null;
}

export function toCaseView(c: CaseRecord): CaseView {
  return {
    dossierCode: c.dossierCode,
    procedureCode: c.procedureCode,
    status: c.status,
    nationalStatusCode: c.nationalStatusCode,
    receivedAt: c.receivedAt.toISOString(),
    acceptedAt: c.acceptedAt?.toISOString() ?? null,
    dueAt: c.dueAt?.toISOString() ?? null,
    returnDueAt: c.returnDueAt?.toISOString() ?? null,
    clockPaused: c.clockPausedAt !== null,
    assigneeId: c.assigneeId,
    fee: { amount: c.fee.amount, paid: c.feePaidAt !== null },
    completedAt: c.completedAt?.toISOString() ?? null,
    timeliness: c.timeliness,
  };
}
