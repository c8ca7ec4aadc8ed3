import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { isUuid, numberOrNull } from '@dvc/persistence';
import type { PaymentMethod } from '@dvc/contracts';
import type { FeeItemRow, Order, OrderHistoryEntry, OrderStatus, PaidMethod } from './payment-order.record';

/** The order's columns a status change may set in the same statement. */
export type OrderStatusColumns = Partial<
  Pick<Order, 'paidAt' | 'paidMethod' | 'paidAmount' | 'gateway' | 'transactionNo' | 'refundedAmount'>
>;

const STATUS_COLUMNS: Record<keyof OrderStatusColumns, string> = {
  paidAt: 'paid_at',
  paidMethod: 'paid_method',
  paidAmount: 'paid_amount',
  gateway: 'gateway',
  transactionNo: 'transaction_no',
  refundedAmount: 'refunded_amount',
};

export interface NewOrder {
  feeId: string;
  dossierCode: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  level: 3 | 4;
  items: FeeItemRow[];
  /** Minutes from now (the database's clock) until it expires; null: it never does. */
  expiresInMinutes: number | null;
  reference: string;
  payerName: string | null;
}

export interface HistoryRow {
  orderId: string;
  from: OrderStatus | null;
  to: OrderStatus;
  reason: string;
  actor: string;
  details?: Record<string, unknown>;
}

/** A payment (or refund) as the gateway numbered it; unique per gateway, kind and number. */
export interface GatewayTransaction {
  orderId: string;
  gateway: string;
  kind: 'payment' | 'refund';
  transactionNo: string;
  amount: number;
  succeeded: boolean;
  responseCode: string | null;
  /** The database's clock when omitted. */
  occurredAt?: Date;
}

export interface OrdersFilter {
  dossier?: string;
  status?: OrderStatus;
  codMismatchOnly?: boolean;
  limit: number;
}

/** An online order the expiry job looks at. */
export interface ExpiryCandidate {
  id: string;
  reference: string;
  lastCheckoutAt: Date | null;
  expired: boolean;
}

function toOrder(r: Record<string, any>): Order {
  return {
    id: r.id,
    reference: r.reference,
    feeId: r.fee_id,
    dossierCode: r.dossier_code,
    amount: Number(r.amount),
    currency: r.currency,
    level: r.level,
    method: r.method,
    status: r.status,
    items: r.items,
    gateway: r.gateway,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastCheckoutAt: r.last_checkout_at,
    lastQueriedAt: r.last_queried_at,
    paidAt: r.paid_at,
    paidMethod: r.paid_method,
    paidAmount: numberOrNull(r.paid_amount),
    transactionNo: r.transaction_no,
    refundedAmount: Number(r.refunded_amount),
    refundableSince: r.refundable_since,
    codCollected: numberOrNull(r.cod_collected),
    codMismatchAt: r.cod_mismatch_at,
    payerName: r.payer_name ?? null,
  };
}

/**
 * Every query of payment orders: the orders, their status history, their gateway transactions.
 * Writes take the caller's EntityManager (a change commits with its history row and its event);
 * reads outside a transaction use the DataSource.
 */
@Injectable()
export class PaymentOrderRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The order's id, or null when the fee has one already (fee_id is unique). */
  async insertIfNew(em: EntityManager, o: NewOrder): Promise<string | null> {
    const rows: { id: string }[] = await em.query(
      `INSERT INTO payment.payment_orders (id, fee_id, dossier_code, amount, currency, method, status, level, items, expires_at, reference, payer_name)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8::jsonb, CASE WHEN $9::int IS NOT NULL THEN now() + make_interval(mins => $9::int) END, $10, $11)
       ON CONFLICT (fee_id) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        o.feeId,
        o.dossierCode,
        o.amount,
        o.currency,
        o.method,
        o.level,
        JSON.stringify(o.items),
        o.expiresInMinutes,
        o.reference,
        o.payerName,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** The order locked until the caller's transaction ends; null when there is none. */
  async lock(em: EntityManager, by: 'id' | 'reference', value: string): Promise<Order | null> {
    if (by === 'id' && !isUuid(value)) return null;
    const [row] = await em.query(
      `SELECT * FROM payment.payment_orders WHERE ${by === 'id' ? 'id' : 'reference'} = $1 FOR UPDATE`,
      [value],
    );
    return row ? toOrder(row) : null;
  }

  async lockByDossier(em: EntityManager, dossierCode: string): Promise<Order[]> {
    const rows = await em.query(
      'SELECT * FROM payment.payment_orders WHERE dossier_code = $1 ORDER BY created_at FOR UPDATE',
      [dossierCode],
    );
    return rows.map(toOrder);
  }

  async appendHistory(em: EntityManager, h: HistoryRow): Promise<void> {
    await em.query(
      'INSERT INTO payment.payment_status_history (order_id, from_status, to_status, reason, actor, details) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
      [h.orderId, h.from, h.to, h.reason, h.actor, h.details ? JSON.stringify(h.details) : null],
    );
  }

  /** The status, and the columns in `set`, in one statement. */
  async updateStatus(em: EntityManager, id: string, to: OrderStatus, set: OrderStatusColumns = {}): Promise<void> {
    const keys = Object.keys(set) as (keyof OrderStatusColumns)[];
    await em.query(
      `UPDATE payment.payment_orders SET status = $2, updated_at = now()${keys.map((k, i) => `, ${STATUS_COLUMNS[k]} = $${i + 3}`).join('')} WHERE id = $1`,
      [id, to, ...keys.map((k) => set[k])],
    );
  }

  /** When a payment URL was last handed out (querydr needs that date). */
  async markCheckout(id: string, at: Date): Promise<void> {
    await this.dataSource.query('UPDATE payment.payment_orders SET last_checkout_at = $2 WHERE id = $1', [id, at]);
  }

  async markQueried(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.query('UPDATE payment.payment_orders SET last_queried_at = $2 WHERE id = $1', [id, at]);
  }

  async flagCodMismatch(em: EntityManager, id: string, collected: number, at: Date): Promise<void> {
    await em.query(
      'UPDATE payment.payment_orders SET cod_collected = $2, cod_mismatch_at = $3, updated_at = now() WHERE id = $1',
      [id, collected, at],
    );
  }

  async switchMethod(em: EntityManager, id: string, method: PaymentMethod): Promise<void> {
    await em.query('UPDATE payment.payment_orders SET method = $2, updated_at = now() WHERE id = $1', [id, method]);
  }

  async markRefundable(em: EntityManager, id: string, since: Date): Promise<void> {
    await em.query('UPDATE payment.payment_orders SET refundable_since = $2, updated_at = now() WHERE id = $1', [
      id,
      since,
    ]);
  }

  /** False when the gateway's number is already recorded (and `onConflict` is 'ignore'). */
  async addGatewayTransaction(
    em: EntityManager,
    t: GatewayTransaction,
    onConflict: 'ignore' | 'fail' = 'ignore',
  ): Promise<boolean> {
    const rows = await em.query(
      `INSERT INTO payment.gateway_transactions (id, order_id, gateway, kind, transaction_no, amount, succeeded, response_code, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::timestamptz, now()))${onConflict === 'ignore' ? ' ON CONFLICT DO NOTHING' : ''} RETURNING 1`,
      [
        randomUUID(),
        t.orderId,
        t.gateway,
        t.kind,
        t.transactionNo,
        t.amount,
        t.succeeded,
        t.responseCode,
        t.occurredAt ?? null,
      ],
    );
    return rows.length > 0;
  }

  async hasGatewayPayment(em: EntityManager, gateway: string, transactionNo: string): Promise<boolean> {
    const rows = await em.query(
      `SELECT 1 FROM payment.gateway_transactions WHERE gateway = $1 AND kind = 'payment' AND transaction_no = $2`,
      [gateway, transactionNo],
    );
    return rows.length > 0;
  }

  async find(id: string): Promise<Order | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.dataSource.query('SELECT * FROM payment.payment_orders WHERE id = $1', [id]);
    return row ? toOrder(row) : null;
  }

  async findByReference(reference: string): Promise<Order | null> {
    const [row] = await this.dataSource.query('SELECT * FROM payment.payment_orders WHERE reference = $1', [reference]);
    return row ? toOrder(row) : null;
  }

  async findByDossier(dossierCode: string): Promise<Order[]> {
    const rows = await this.dataSource.query(
      'SELECT * FROM payment.payment_orders WHERE dossier_code = $1 ORDER BY created_at',
      [dossierCode],
    );
    return rows.map(toOrder);
  }

  /** Officers' list: newest first. */
  async list(f: OrdersFilter): Promise<Order[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.dossier) where.push(`dossier_code = $${args.push(f.dossier)}`);
    if (f.status) where.push(`status = $${args.push(f.status)}`);
    if (f.codMismatchOnly) where.push('cod_mismatch_at IS NOT NULL');
    const rows = await this.dataSource.query(
      `SELECT * FROM payment.payment_orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC LIMIT $${args.push(f.limit)}`,
      args,
    );
    return rows.map(toOrder);
  }

  async statusHistory(orderId: string): Promise<OrderHistoryEntry[]> {
    const rows = await this.dataSource.query(
      'SELECT from_status, to_status, reason, actor, details, at FROM payment.payment_status_history WHERE order_id = $1 ORDER BY id',
      [orderId],
    );
    return rows.map((r: any) => ({
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      actor: r.actor,
      details: r.details,
      at: r.at.toISOString(),
    }));
  }

  /** Level-4 online orders still awaiting money that are past expiry, or stale since their last checkout and query. */
  async expiryCandidates(now: Date, staleBefore: Date, limit: number): Promise<ExpiryCandidate[]> {
    const rows: { id: string; reference: string; last_checkout_at: Date | null; expired: boolean }[] =
      await this.dataSource.query(
        `SELECT id, reference, last_checkout_at, (expires_at <= $1) AS expired FROM payment.payment_orders
       WHERE status IN ('pending', 'failed') AND method = 'online' AND level = 4
         AND (expires_at <= $1 OR (last_checkout_at <= $2 AND (last_queried_at IS NULL OR last_queried_at <= $2)))
       ORDER BY expires_at NULLS LAST LIMIT $3`,
        [now, staleBefore, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      lastCheckoutAt: r.last_checkout_at,
      expired: r.expired,
    }));
  }

  async findByReferences(references: string[]): Promise<Order[]> {
    const rows = await this.dataSource.query('SELECT * FROM payment.payment_orders WHERE reference = ANY($1)', [
      references,
    ]);
    return rows.map(toOrder);
  }

  async findByDossiers(dossierCodes: string[]): Promise<Order[]> {
    const rows = await this.dataSource.query('SELECT * FROM payment.payment_orders WHERE dossier_code = ANY($1)', [
      dossierCodes,
    ]);
    return rows.map(toOrder);
  }

  /** Orders paid by `method` (through `gateway`, when given) in [from, to), oldest first. */
  async paidInPeriod(method: PaidMethod, gateway: string | null, from: Date, to: Date): Promise<Order[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM payment.payment_orders
       WHERE paid_method = $1 AND ($2::text IS NULL OR gateway = $2) AND paid_at >= $3 AND paid_at < $4 ORDER BY paid_at`,
      [method, gateway, from, to],
    );
    return rows.map(toOrder);
  }

  /** COD collections flagged as differing from the amount due, in [from, to). */
  async codMismatchesInPeriod(from: Date, to: Date): Promise<Order[]> {
    const rows = await this.dataSource.query(
      'SELECT * FROM payment.payment_orders WHERE cod_mismatch_at >= $1 AND cod_mismatch_at < $2 ORDER BY cod_mismatch_at',
      [from, to],
    );
    return rows.map(toOrder);
  }
}
