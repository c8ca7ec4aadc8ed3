import type { Applicant, DeliveryMethod, Fee, PaymentMethod, PostalAddress } from '@dvc/contracts';
import type { CaseState } from './workflow/case-workflow';

/** A row of processing.cases, as the services read it. */
export interface CaseRecord {
  id: string;
  dossierCode: string;
  procedureCode: string;
  procedureVersion: number;
  level: number;
  processingTime: number;
  processingTimeUnit: 'working_days' | 'working_hours';
  paymentMethod: PaymentMethod;
  deliveryMethod: DeliveryMethod;
  deliveryAddress: PostalAddress | null;
  fee: Fee;
  status: CaseState;
  nationalStatusCode: number;
  submittedAt: Date;
  receivedAt: Date;
  acceptedAt: Date | null;
  /** The legal due date: statistics and timeliness are measured against it, an apology never moves it. */
  dueAt: Date | null;
  /** The return date promised to the applicant by an apology (thư xin lỗi, hẹn lại ngày trả), when later than dueAt. */
  returnDueAt: Date | null;
  resultIssuedAt: Date | null;
  withdrawnAt: Date | null;
  /** Set while a supplement request stops the legal clock. */
  clockPausedAt: Date | null;
  supplementRequests: number;
  assigneeId: string | null;
  feePaidAt: Date | null;
  completedAt: Date | null;
  timeliness: Timeliness | null;
  applicant: Applicant | null;
  procedureName: string | null;
  fieldCode: string | null;
  /** Office hours from acceptance to completion, set when the case finishes. */
  workingHours: number | null;
  /** National portal channel: 1 in person, 2 online, 3 public postal service. */
  channel: number;
}

export type Timeliness = 'early' | 'on_time' | 'late';

/** What opening a case stores from the dossier.submitted event. */
export type NewCase = Pick<
  CaseRecord,
  | 'dossierCode'
  | 'procedureCode'
  | 'procedureVersion'
  | 'level'
  | 'processingTime'
  | 'processingTimeUnit'
  | 'paymentMethod'
  | 'deliveryMethod'
  | 'deliveryAddress'
  | 'fee'
  | 'submittedAt'
  | 'receivedAt'
  | 'applicant'
  | 'procedureName'
  | 'fieldCode'
  | 'channel'
>;

/** One row of the append-only audit trail (processing.case_transitions). */
export interface CaseTransitionRecord {
  action: string;
  from: CaseState | null;
  to: CaseState;
  actorId: string;
  actorRoles: string[];
  note: string | null;
  documents: unknown[];
  /** What the step adds beyond the note (an apology's previous and new return dates). */
  details?: Record<string, string>;
  at: Date;
}

/** A supplement request and its answer (processing.case_supplement_requests with case_supplements). */
export interface SupplementRecord {
  requestId: string;
  /** Null for a request made before the requests were kept. */
  reason: string | null;
  items: string[] | null;
  requestedAt: Date | null;
  /** Null while the applicant has not answered. */
  answeredAt: Date | null;
  /** The answer's documents by name and SHA-256 (dossier.supplemented's documents). */
  documents: { name: string; sha256: string }[];
}
