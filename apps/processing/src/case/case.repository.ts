import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { numberOrNull } from '@dvc/persistence';
import type { CaseRecord, CaseTransitionRecord, NewCase, SupplementRecord, Timeliness } from './case.record';
import type { CaseState } from './workflow/case-workflow';

const CASE_COLUMNS = `id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
  payment_method, delivery_method, delivery_address, fee, status, national_status_code, submitted_at, received_at,
  accepted_at, due_at, result_issued_at, withdrawn_at, clock_paused_at, supplement_requests, assignee_id, fee_paid_at,
  completed_at, timeliness, applicant, procedure_name, field_code, working_hours, channel, return_due_at`;

type Row = Record<string, unknown>;

function toCase(r: Row): CaseRecord {
  return {
    id: r.id as string,
    dossierCode: r.dossier_code as string,
    procedureCode: r.procedure_code as string,
    procedureVersion: r.procedure_version as number,
    level: r.level as number,
    processingTime: r.processing_time as number,
    processingTimeUnit: r.processing_time_unit as CaseRecord['processingTimeUnit'],
    paymentMethod: r.payment_method as CaseRecord['paymentMethod'],
    deliveryMethod: r.delivery_method as CaseRecord['deliveryMethod'],
    deliveryAddress: r.delivery_address as CaseRecord['deliveryAddress'],
    fee: r.fee as CaseRecord['fee'],
    status: r.status as CaseState,
    nationalStatusCode: r.national_status_code as number,
    submittedAt: r.submitted_at as Date,
    receivedAt: r.received_at as Date,
    acceptedAt: r.accepted_at as Date | null,
    dueAt: r.due_at as Date | null,
    returnDueAt: r.return_due_at as Date | null,
    resultIssuedAt: r.result_issued_at as Date | null,
    withdrawnAt: r.withdrawn_at as Date | null,
    clockPausedAt: r.clock_paused_at as Date | null,
    supplementRequests: r.supplement_requests as number,
    assigneeId: r.assignee_id as string | null,
    feePaidAt: r.fee_paid_at as Date | null,
    completedAt: r.completed_at as Date | null,
    timeliness: r.timeliness as Timeliness | null,
    applicant: r.applicant as CaseRecord['applicant'],
    procedureName: r.procedure_name as string | null,
    fieldCode: r.field_code as string | null,
    // numeric comes back from pg as a string
    workingHours: numberOrNull(r.working_hours as string | null),
    channel: r.channel as number,
  };
}

function toTransition(r: Row): CaseTransitionRecord {
  const details = (r.details ?? {}) as Record<string, string>;
  return {
    action: r.action as string,
    from: r.from_state as CaseState | null,
    to: r.to_state as CaseState,
    actorId: r.actor_id as string,
    actorRoles: r.actor_roles as string[],
    note: r.note as string | null,
    documents: r.documents as unknown[],
    // Most steps carry no details: their record has none, as before the column existed.
    ...(Object.keys(details).length ? { details } : {}),
    at: r.at as Date,
  };
}

/**
 * Every query of the case aggregate: the case row, its append-only transitions and the supplements
 * the applicant sent. Writes take the caller's transaction; reads for views use the DataSource.
 */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Opens the case unless its dossier already has one. The unique dossier_code backs the inbox: a
   * re-submitted event under a new id opens nothing. True when this call opened it.
   */
  async openIfNew(em: EntityManager, c: NewCase): Promise<boolean> {
    const inserted: unknown[] = await em.query(
      `INSERT INTO processing.cases
         (id, dossier_code, procedure_code, procedure_version, level, processing_time, processing_time_unit,
          payment_method, delivery_method, delivery_address, fee, status, national_status_code, submitted_at, received_at,
          applicant, procedure_name, field_code, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'received', 1, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (dossier_code) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        c.dossierCode,
        c.procedureCode,
        c.procedureVersion,
        c.level,
        c.processingTime,
        c.processingTimeUnit,
        c.paymentMethod,
        c.deliveryMethod,
        c.deliveryAddress ? JSON.stringify(c.deliveryAddress) : null,
        JSON.stringify(c.fee),
        c.submittedAt,
        c.receivedAt,
        c.applicant ? JSON.stringify(c.applicant) : null,
        c.procedureName,
        c.fieldCode,
        c.channel,
      ],
    );
    return inserted.length > 0;
  }

  /** The case, locked until the caller's transaction ends (concurrent actions and events queue up). */
  async lock(em: EntityManager, dossierCode: string): Promise<CaseRecord | null> {
    const rows: Row[] = await em.query(
      `SELECT ${CASE_COLUMNS} FROM processing.cases WHERE dossier_code = $1 FOR UPDATE`,
      [dossierCode],
    );
    return rows.length ? toCase(rows[0]) : null;
  }

  async exists(em: EntityManager, dossierCode: string): Promise<boolean> {
    const rows: unknown[] = await em.query('SELECT 1 FROM processing.cases WHERE dossier_code = $1', [dossierCode]);
    return rows.length > 0;
  }

  async find(dossierCode: string): Promise<CaseRecord | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM processing.cases WHERE dossier_code = $1`,
      [dossierCode],
    );
    return rows.length ? toCase(rows[0]) : null;
  }

  /**
   * Cases in these states, most urgent first (due soonest; no due date yet: oldest received). With
   * `assignedTo`, a case past reception shows only when it is assigned to that officer.
   */
  async queue(q: { states: readonly CaseState[]; assignedTo: string | null; limit: number }): Promise<CaseRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${CASE_COLUMNS} FROM processing.cases
        WHERE status = ANY($1) AND ($2::text IS NULL OR status = 'received' OR assignee_id = $2)
        ORDER BY due_at ASC NULLS LAST, received_at ASC
        LIMIT $3`,
      [q.states, q.assignedTo, q.limit],
    );
    return rows.map(toCase);
  }

  async setStatus(em: EntityManager, id: string, status: CaseState, nationalStatusCode: number): Promise<void> {
    await em.query('UPDATE processing.cases SET status = $2, national_status_code = $3 WHERE id = $1', [
      id,
      status,
      nationalStatusCode,
    ]);
  }

  async setAccepted(em: EntityManager, id: string, acceptedAt: Date, dueAt: Date): Promise<void> {
    await em.query('UPDATE processing.cases SET accepted_at = $2, due_at = $3 WHERE id = $1', [id, acceptedAt, dueAt]);
  }

  /** The return date promised by an apology; the legal due_at is left as it is. */
  async setReturnDueAt(em: EntityManager, id: string, returnDueAt: Date): Promise<void> {
    await em.query('UPDATE processing.cases SET return_due_at = $2 WHERE id = $1', [id, returnDueAt]);
  }

  /** Stops the legal clock without counting a supplement request (a fee due before processing). */
  async pauseClock(em: EntityManager, id: string, pausedAt: Date): Promise<void> {
    await em.query('UPDATE processing.cases SET clock_paused_at = $2 WHERE id = $1', [id, pausedAt]);
  }

  async setAssignee(em: EntityManager, id: string, assigneeId: string): Promise<void> {
    await em.query('UPDATE processing.cases SET assignee_id = $2 WHERE id = $1', [id, assigneeId]);
  }

  /** Counts one more supplement request and stops the clock; returns the request's number. */
  async pauseClockForSupplement(em: EntityManager, id: string, pausedAt: Date): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [{ supplement_requests: number }[], number] = await em.query(
      `UPDATE processing.cases SET supplement_requests = supplement_requests + 1, clock_paused_at = $2 WHERE id = $1
       RETURNING supplement_requests`,
      [id, pausedAt],
    );
    return rows[0].supplement_requests;
  }

  async resumeClock(em: EntityManager, id: string, dueAt: Date | null): Promise<void> {
    await em.query('UPDATE processing.cases SET due_at = $2, clock_paused_at = NULL WHERE id = $1', [id, dueAt]);
  }

  async setResultIssued(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query('UPDATE processing.cases SET result_issued_at = $2 WHERE id = $1', [id, at]);
  }

  async setWithdrawn(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query('UPDATE processing.cases SET withdrawn_at = $2 WHERE id = $1', [id, at]);
  }

  async setFeePaid(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query('UPDATE processing.cases SET fee_paid_at = $2 WHERE id = $1', [id, at]);
  }

  /** The result waits at the office from now on, whatever delivery the applicant chose. */
  async setCollectAtOffice(em: EntityManager, id: string): Promise<void> {
    await em.query(`UPDATE processing.cases SET delivery_method = 'office' WHERE id = $1`, [id]);
  }

  async setCompleted(
    em: EntityManager,
    id: string,
    done: { completedAt: Date; timeliness: Timeliness; workingHours: number | null },
  ): Promise<void> {
    await em.query('UPDATE processing.cases SET completed_at = $2, timeliness = $3, working_hours = $4 WHERE id = $1', [
      id,
      done.completedAt,
      done.timeliness,
      done.workingHours,
    ]);
  }

  async addTransition(em: EntityManager, dossierCode: string, t: CaseTransitionRecord): Promise<void> {
    await em.query(
      `INSERT INTO processing.case_transitions (dossier_code, action, from_state, to_state, actor_id, actor_roles, note, documents, at, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        dossierCode,
        t.action,
        t.from,
        t.to,
        t.actorId,
        t.actorRoles,
        t.note,
        JSON.stringify(t.documents),
        t.at,
        JSON.stringify(t.details ?? {}),
      ],
    );
  }

  /** The audit trail, oldest first. */
  async history(dossierCode: string): Promise<CaseTransitionRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT action, from_state, to_state, actor_id, actor_roles, note, documents, details, at FROM processing.case_transitions
        WHERE dossier_code = $1 ORDER BY id`,
      [dossierCode],
    );
    return rows.map(toTransition);
  }

  /** What an officer asked the applicant to add, and why (the filing shows it beside the answer). */
  async addSupplementRequest(
    em: EntityManager,
    r: { requestId: string; dossierCode: string; reason: string; items: string[]; requestedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO processing.case_supplement_requests (request_id, dossier_code, reason, items, requested_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING`,
      [r.requestId, r.dossierCode, r.reason, JSON.stringify(r.items), r.requestedAt],
    );
  }

  /**
   * The case's supplement requests with their answers, oldest first. Requests made before they were
   * kept show only their answer (reason and items null); a request not answered yet has no answer.
   */
  async supplements(dossierCode: string): Promise<SupplementRecord[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT COALESCE(q.request_id, s.request_id) AS request_id, q.reason, q.items, q.requested_at,
              s.documents, s.supplemented_at
         FROM (SELECT * FROM processing.case_supplement_requests WHERE dossier_code = $1) q
         FULL JOIN (SELECT * FROM processing.case_supplements WHERE dossier_code = $1) s ON s.request_id = q.request_id
        ORDER BY COALESCE(q.requested_at, s.supplemented_at)`,
      [dossierCode],
    );
    return rows.map((r) => ({
      requestId: r.request_id as string,
      reason: r.reason as string | null,
      items: r.items as string[] | null,
      requestedAt: r.requested_at as Date | null,
      answeredAt: r.supplemented_at as Date | null,
      documents: (r.documents as { name: string; sha256: string }[] | null) ?? [],
    }));
  }

  /** Keeps the documents answering a supplement request; a redelivered answer is kept once. */
  async addSupplement(
    em: EntityManager,
    s: { requestId: string; dossierCode: string; documents: unknown[]; supplementedAt: Date },
  ): Promise<void> {
    await em.query(
      `INSERT INTO processing.case_supplements (request_id, dossier_code, documents, supplemented_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (request_id) DO NOTHING`,
      [s.requestId, s.dossierCode, JSON.stringify(s.documents), s.supplementedAt],
    );
  }
}
