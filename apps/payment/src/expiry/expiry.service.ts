import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@dvc/kernel';
import type { PaymentConfig } from '../config/payment.config';
import { GatewayRegistry } from '../gateway/gateway.registry';
import type { TransactionState } from '../gateway/payment-gateway';
import { VNPAY } from '../gateway/vnpay/vnpay.gateway';
import { AWAITING } from '../payment-order/payment-order.record';
import { PaymentOrderRepository } from '../payment-order/payment-order.repository';
import { PaymentOrderService } from '../payment-order/payment-order.service';

export interface ExpiryRun {
  queried: number;
  paid: number;
  failed: number;
  expired: number;
  unchanged: number;
}

/**
 * Online orders that went quiet. An order whose payment URL was handed out but whose IPN never
 * came is asked about at the gateway (querydr) and the answer applied; an order past its expiry
 * is asked once more (the money may have been taken) and, if not paid, expires. The gateway is
 * called outside any transaction; its answer is applied on the locked row, re-checked, so an IPN
 * arriving meanwhile wins and nothing is confirmed twice.
 */
@Injectable()
export class ExpiryService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ExpiryJob');
  private timer?: NodeJS.Timeout;
  private running?: Promise<ExpiryRun>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
    private readonly gateways: GatewayRegistry,
    private readonly orders: PaymentOrderService,
    private readonly orderRows: PaymentOrderRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.EXPIRY_JOB_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((err: Error) => this.logger.error({ msg: 'expiry job failed', error: err.message }));
    }, this.config.EXPIRY_JOB_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass; a second call while one runs waits for it instead of running twice. */
  runOnce(now = new Date()): Promise<ExpiryRun> {
    this.running ??= this.pass(now).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(now: Date): Promise<ExpiryRun> {
    const staleBefore = new Date(now.getTime() - this.config.STALE_PENDING_MINUTES * 60_000);
    const candidates = await this.orderRows.expiryCandidates(now, staleBefore, this.config.EXPIRY_JOB_BATCH);
    const run: ExpiryRun = { queried: 0, paid: 0, failed: 0, expired: 0, unchanged: 0 };
    for (const c of candidates) {
      let answer: TransactionState = { state: 'unknown', responseCode: 'not-asked' };
      if (c.lastCheckoutAt) {
        run.queried++;
        try {
          answer = await this.gateways.vnpay.queryTransaction({
            reference: c.reference,
            transactionDate: c.lastCheckoutAt,
            requestId: randomUUID().replace(/-/g, ''),
          });
        } catch (err) {
          this.logger.warn({ msg: 'querydr failed', reference: c.reference, error: (err as Error).message });
          // Unreachable gateway: do not expire what may have been paid; ask again next time.
          if (c.expired) {
            run.unchanged++;
            continue;
          }
        }
      }
      const outcome = await this.dataSource.transaction(async (em) => {
        const order = await this.orders.lock(em, 'id', c.id);
        if (!order || !AWAITING.includes(order.status)) return 'unchanged';
        await this.orderRows.markQueried(em, order.id, now);
        if (answer.state === 'paid' && answer.amount === order.amount) {
          const t = {
            orderId: order.id,
            gateway: VNPAY,
            kind: 'payment',
            transactionNo: answer.transactionNo,
            amount: answer.amount,
            succeeded: true,
            responseCode: answer.responseCode,
            occurredAt: answer.paidAt,
          } as const;
          if (!(await this.orderRows.addGatewayTransaction(em, t))) return 'unchanged';
          await this.orders.settle(em, order, {
            method: 'online',
            amount: answer.amount,
            paidAt: answer.paidAt,
            actor: 'expiry-job',
            reason: 'querydr: paid at the gateway',
            gateway: VNPAY,
            transactionNo: answer.transactionNo,
          });
          return 'paid';
        }
        if (answer.state === 'paid')
          this.logger.warn({ msg: 'querydr amount differs; left for reconciliation', reference: order.reference });
        const pastExpiry = order.expiresAt !== null && order.expiresAt.getTime() <= now.getTime();
        if (pastExpiry && answer.state !== 'paid' && answer.state !== 'pending') {
          await this.orders.fail(em, order, 'expired', 'not paid before expiry', 'expiry-job', {
            gatewayState: answer.state,
          });
          return 'expired';
        }
        if (answer.state === 'failed' && order.status === 'pending') {
          await this.orders.fail(
            em,
            order,
            'failed',
            `querydr: failed at the gateway (code ${answer.responseCode})`,
            'expiry-job',
          );
          return 'failed';
        }
        return 'unchanged';
      });
      run[outcome]++;
    }
    if (candidates.length) this.logger.log({ msg: 'expiry job', ...run });
    return run;
  }
}
