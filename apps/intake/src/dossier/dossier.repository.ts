import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Applicant, DeliveryMethod, FeeItem, PaymentMethod, PostalAddress } from '@dvc/contracts';

/** A filed dossier, with intake's view of where processing has got to. */
export interface Dossier {
  id: string;
  code: string;
  portalId: string | null;
  procedureCode: string;
  procedureVersion: number;
  applicant: Applicant;
  declaration: Record<string, unknown>;
  fee: { amount: number; currency?: 'VND'; items: FeeItem[] };
  paymentMethod: PaymentMethod;
  deliveryMethod: DeliveryMethod;
  deliveryAddress: PostalAddress | null;
  /** SHA-256 of code + secret; the secret itself is shown once, in the submission's answer. */
  lookupSecretHash: string | null;
  status: string;
  nationalStatusCode: number;
  statusChangedAt: Date;
  submittedAt: Date;
  dueAt: Date | null;
  withdrawnAt: Date | null;
}

/** What the citizen's lookup shows beyond the dossier itself, read in one snapshot. */
export interface DossierProgress {
  status: string;
  nationalStatusCode: number;
  statusChangedAt: Date;
  dueAt: Date | null;
  withdrawnAt: Date | null;
  history: { status: string; nationalStatusCode: number; at: string; dueAt: string | null; note: string | null }[];
  supplements: { requestId: string; reason: string; items: unknown; requestedAt: string; suppliedAt: string | null }[];
  delivery: { shipmentId: string; status: string; at: string; note: string | null }[];
}

export interface StatusChange {
  eventId: string;
  dossierCode: string;
  status: string;
  nationalStatusCode: number;
  occurredAt: string;
  dueAt: string | null;
  note: string | null;
}

export interface SupplementRequest {
  requestId: string;
  dossierCode: string;
  reason: string;
  items: unknown;
  requestedAt: string;
}

export interface DeliveryStep {
  eventId: string;
  dossierCode: string;
  shipmentId: string;
  status: string;
  occurredAt: string;
  note: string | null;
}

const COLUMNS = `id, code, portal_id AS "portalId", procedure_code AS "procedureCode", procedure_version AS "procedureVersion",
  applicant, declaration, fee, payment_method AS "paymentMethod", delivery_method AS "deliveryMethod",
  delivery_address AS "deliveryAddress", lookup_secret_hash AS "lookupSecretHash", status,
  national_status_code AS "nationalStatusCode", status_changed_at AS "statusChangedAt", submitted_at AS "submittedAt",
  due_at AS "dueAt", withdrawn_at AS "withdrawnAt"`;

/** A timestamptz as JavaScript's toISOString() writes it (UTC, milliseconds, Z), or null. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Every query of a dossier: the dossier, its code sequence, its read model (status history,
 * supplement requests, delivery steps) and the wrong lookup guesses made against it.
 */
@Injectable()
export class DossierRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<Dossier | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM intake.dossiers WHERE code = $1`, [code]);
    return row ?? null;
  }

  /** The dossier, locked until the transaction ends, or null. */
  async lockByCode(em: EntityManager, code: string): Promise<Dossier | null> {
    const [row] = await em.query(`SELECT ${COLUMNS} FROM intake.dossiers WHERE code = $1 FOR UPDATE`, [code]);
    return row ?? null;
  }

  async insert(em: EntityManager, d: Dossier): Promise<void> {
    await em.query(
      `INSERT INTO intake.dossiers (id, code, portal_id, procedure_code, procedure_version, applicant, declaration, fee, payment_method,
         delivery_method, delivery_address, lookup_secret_hash, status, national_status_code, status_changed_at, submitted_at, due_at, withdrawn_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        d.id,
        d.code,
        d.portalId,
        d.procedureCode,
        d.procedureVersion,
        JSON.stringify(d.applicant),
        JSON.stringify(d.declaration),
        JSON.stringify(d.fee),
        d.paymentMethod,
        d.deliveryMethod,
        d.deliveryAddress === null ? null : JSON.stringify(d.deliveryAddress),
        d.lookupSecretHash,
        d.status,
        d.nationalStatusCode,
        d.statusChangedAt,
        d.submittedAt,
        d.dueAt,
        d.withdrawnAt,
      ],
    );
  }

  async markWithdrawalRequested(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query(
      `UPDATE intake.dossiers SET withdrawn_at = $2, status = 'withdrawal_requested', status_changed_at = $2 WHERE id = $1`,
      [id, at],
    );
  }

  /**
   * Reserves `count` numbers of the day's sequence in one short statement of its own; answers the
   * last one reserved.
   */
  async reserveCodes(day: string, count: number): Promise<number> {
    const [row] = await this.dataSource.query(
      `INSERT INTO intake.dossier_sequences (day, last) VALUES (to_date($1, 'YYMMDD'), $2)
       ON CONFLICT (day) DO UPDATE SET last = intake.dossier_sequences.last + $2
       RETURNING last`,
      [day, count],
    );
    return row.last;
  }

  /**
   * The status, the due date and every list in one statement, so one snapshot: they agree even
   * while processing's and the post's events are being applied (separate reads could show a step
   * in the history before the due date it brought).
   */
  async progress(code: string): Promise<DossierProgress | null> {
    const [v] = await this.dataSource.query(
      `SELECT d.status, d.national_status_code AS "nationalStatusCode", d.due_at AS "dueAt",
              d.status_changed_at AS "statusChangedAt", d.withdrawn_at AS "withdrawnAt",
              COALESCE((SELECT json_agg(json_build_object('status', h.status, 'nationalStatusCode', h.national_status_code,
                                                          'at', ${iso('h.occurred_at')}, 'dueAt', ${iso('h.due_at')}, 'note', h.note)
                                        ORDER BY h.occurred_at, h.event_id)
                          FROM intake.dossier_status_history h WHERE h.dossier_code = d.code), '[]') AS history,
              COALESCE((SELECT json_agg(json_build_object('requestId', r.request_id, 'reason', r.reason, 'items', r.items,
                                                          'requestedAt', ${iso('r.requested_at')}, 'suppliedAt', ${iso('r.supplied_at')})
                                        ORDER BY r.requested_at)
                          FROM intake.supplement_requests r WHERE r.dossier_code = d.code), '[]') AS supplements,
              COALESCE((SELECT json_agg(json_build_object('shipmentId', s.shipment_id, 'status', s.status, 'at', ${iso('s.occurred_at')}, 'note', s.note)
                                        ORDER BY s.occurred_at, s.event_id)
                          FROM intake.delivery_status_history s WHERE s.dossier_code = d.code), '[]') AS delivery
         FROM intake.dossiers d WHERE d.code = $1`,
      [code],
    );
    return v ?? null;
  }

  /** Every reported status goes into the history, once per event. */
  async addStatusToHistory(em: EntityManager, c: StatusChange): Promise<void> {
    await em.query(
      `INSERT INTO intake.dossier_status_history (event_id, dossier_code, status, national_status_code, occurred_at, due_at, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING`,
      [c.eventId, c.dossierCode, c.status, c.nationalStatusCode, c.occurredAt, c.dueAt, c.note],
    );
  }

  /** Moves the current status only forward in time; a due date, once known, stays unless replaced. */
  async advanceStatus(em: EntityManager, c: StatusChange): Promise<void> {
    await em.query(
      `UPDATE intake.dossiers
          SET status = $2, national_status_code = $3, status_changed_at = $4, due_at = COALESCE($5, due_at)
        WHERE code = $1 AND status_changed_at <= $4`,
      [c.dossierCode, c.status, c.nationalStatusCode, c.occurredAt, c.dueAt],
    );
  }

  async addSupplementRequest(em: EntityManager, r: SupplementRequest): Promise<void> {
    await em.query(
      `INSERT INTO intake.supplement_requests (request_id, dossier_code, reason, items, requested_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING`,
      [r.requestId, r.dossierCode, r.reason, JSON.stringify(r.items), r.requestedAt],
    );
  }

  /** The dossier's supplement request, locked until the transaction ends, or null. */
  async lockSupplementRequest(
    em: EntityManager,
    code: string,
    requestId: string,
  ): Promise<{ suppliedAt: Date | null } | null> {
    const [row] = await em.query(
      `SELECT supplied_at AS "suppliedAt" FROM intake.supplement_requests WHERE request_id = $1 AND dossier_code = $2 FOR UPDATE`,
      [requestId, code],
    );
    return row ?? null;
  }

  async markSupplied(em: EntityManager, requestId: string, at: Date): Promise<void> {
    await em.query('UPDATE intake.supplement_requests SET supplied_at = $2 WHERE request_id = $1', [requestId, at]);
  }

  async addDeliveryStep(em: EntityManager, s: DeliveryStep): Promise<void> {
    await em.query(
      `INSERT INTO intake.delivery_status_history (event_id, dossier_code, shipment_id, status, occurred_at, note)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [s.eventId, s.dossierCode, s.shipmentId, s.status, s.occurredAt, s.note],
    );
  }

  async recordLookupFailure(code: string, client: string): Promise<void> {
    await this.dataSource.query('INSERT INTO intake.lookup_failures (dossier_code, client) VALUES ($1, $2)', [
      code,
      client,
    ]);
  }

  /** Wrong guesses in the last `minutes`, against this dossier and from this client. */
  async countLookupFailures(
    code: string,
    client: string,
    minutes: number,
  ): Promise<{ perDossier: number; perClient: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE dossier_code = $1)::int AS "perDossier",
              count(*) FILTER (WHERE client = $2)::int AS "perClient"
         FROM intake.lookup_failures
        WHERE (dossier_code = $1 OR client = $2) AND failed_at > now() - make_interval(mins => $3)`,
      [code, client, minutes],
    );
    return row;
  }

  /**
   * When the wrong guesses of this client (or against this dossier) in the last `minutes` fall
   * below `limit` again: the limit-th newest leaves the window then. null when already below.
   */
  async lookupRetryAt(
    scope: { client: string } | { code: string },
    limit: number,
    minutes: number,
  ): Promise<Date | null> {
    const [column, value] = 'client' in scope ? ['client', scope.client] : ['dossier_code', scope.code];
    const [row] = await this.dataSource.query(
      `SELECT failed_at + make_interval(mins => $2) AS "retryAt"
         FROM intake.lookup_failures
        WHERE ${column} = $1 AND failed_at > now() - make_interval(mins => $2)
        ORDER BY failed_at DESC OFFSET $3 LIMIT 1`,
      [value, minutes, limit - 1],
    );
    return row?.retryAt ?? null;
  }

  /** Forgets wrong guesses older than `minutes`; answers how many went. */
  async deleteLookupFailuresOlderThan(minutes: number): Promise<number> {
    const [, count] = await this.dataSource.query(
      `DELETE FROM intake.lookup_failures WHERE failed_at < now() - make_interval(mins => $1)`,
      [minutes],
    );
    return Number(count);
  }
}
