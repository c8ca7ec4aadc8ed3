/**
 * A stand-in for VNPay (and a generic HMAC webhook hub) as a separate process, so that tests and
 * the demo exercise the payment service's real verification code. Its signing is written here on
 * its own, independently of apps/payment, so that a mistake there is not mirrored here.
 *
 *   node dist/tools/gateway-simulator.js            (port SIM_PORT, default 3099; 0 = any free port)
 *
 * HTTP API
 *   GET  /paymentv2/vpcpay.html?<signed vnp_*>[&outcome=success|fail]   the payment page: verifies the
 *        signature like VNPay; without outcome it shows a page with "pay" / "cancel" links; with it, it
 *        records the transaction, calls the merchant's IPN and answers JSON (ipn answers, return URL).
 *   POST /sim/pay {paymentUrl, outcome, copies?, tamper?: none|wrong_amount|forged_hash, notify?: boolean}
 *        the same, for tests: `copies` identical IPNs at once, a tampered IPN, or no IPN at all.
 *   POST /merchant_webapi/api/transaction    querydr and refund, signed both ways as VNPay documents.
 *   POST /sim/webhook {reference, amount, type?, eventId?, transactionId?, skewSeconds?, forge?}
 *        sends a signed HMAC-SHA256 webhook to the merchant.
 *   GET  /sim/settlement.csv                  every settled payment and refund seen, as a settlement file.
 *   GET  /sim/transactions                    the simulator's state, as JSON.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig } from '@dvc/config';

export class SimulatorConfig {
  /** 0: any free port (printed on stdout as JSON). */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535) SIM_PORT = 3099;
  @IsString() VNPAY_TMN_CODE = 'DVCSTC01';
  @IsString() @MinLength(16) VNPAY_HASH_SECRET = 'LOCALONLYVNPAYSECRETDVC0000000001';
  /** The merchant's IPN endpoint (VNPay keeps it in the merchant's profile, not in the URL). */
  @IsString() SIM_IPN_URL = 'http://127.0.0.1:3003/v1/payments/vnpay/ipn';
  @IsString() SIM_WEBHOOK_URL = 'http://127.0.0.1:3003/v1/payments/webhooks/hub';
  @IsString() @MinLength(8) SIM_WEBHOOK_SECRET = 'local-only-webhook-secret-hub';
}

interface Txn {
  reference: string;
  amount: number; // VND
  transactionNo: string;
  status: 'paid' | 'failed';
  createDate: string;
  payDate: string;
  refunded: number;
  orderInfo: string;
}

interface RefundRecord {
  requestId: string;
  reference: string;
  transactionNo: string;
  amount: number;
  at: string;
  response: Record<string, string>;
}

// --- VNPay signing, written independently of the service --------------------------------------
//
// VNPay's gateway is a Java system and its Java merchant sample (vnpay_ipn.jsp, Config.hashAllFields)
// signs `name=URLEncoder.encode(value)` pairs, empty values left out, sorted, joined by '&'. The
// javadoc of java.net.URLEncoder keeps a-z A-Z 0-9 and ". - * _", writes a space as '+' and every
// other byte of the value (UTF-8 here; VNPay asks for ASCII-only text anyway) as %XY. This is
// derived from encodeURIComponent on purpose (the service walks the bytes itself): a simulator that
// borrowed the service's function could never catch a mistake in it. encodeURIComponent also keeps
// ! ' ( ) ~, which URLEncoder escapes.

const enc = (s: string) =>
  encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
const hmac512 = (secret: string, data: string) =>
  createHmac('sha512', secret).update(Buffer.from(data, 'utf8')).digest('hex');

function signedQuery(params: Record<string, string>, secret: string): string {
  const data = Object.entries(params)
    .filter(([k, v]) => k.startsWith('vnp_') && k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType' && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
  return `${data}&vnp_SecureHash=${hmac512(secret, data)}`;
}

function checkSigned(params: Record<string, string>, secret: string): boolean {
  const given = (params.vnp_SecureHash ?? '').toLowerCase();
  const expected = signedQuery(params, secret).split('&vnp_SecureHash=')[1];
  return given === expected;
}

/** yyyyMMddHHmmss at GMT+7. */
function gmt7(d = new Date()): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

// The gateway's field orders for its pipe-joined checksums, written from its side: a simulator
// that borrowed the merchant's lists could never catch a wrong one.
const QUERYDR_REQUEST = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
];
const REFUND_REQUEST = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
];
const REFUND_RESPONSE = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
];
const QUERYDR_RESPONSE = [...REFUND_RESPONSE, 'vnp_PromotionCode', 'vnp_PromotionAmount'];
const pipeOf = (secret: string, values: Record<string, string | undefined>, fields: readonly string[]) =>
  hmac512(secret, fields.map((k) => values[k] ?? '').join('|'));

// --- the simulator ------------------------------------------------------------------------------

export class GatewaySimulator {
  readonly txns = new Map<string, Txn>();
  readonly refunds = new Map<string, RefundRecord>();
  private seq = 14000000 + Math.floor(Math.random() * 100000);

  constructor(readonly config: SimulatorConfig) {}

  private nextNo(): string {
    return String(++this.seq);
  }

  /** Verifies a payment URL as VNPay does; returns its parameters or why it is refused. */
  checkPaymentUrl(
    url: string,
  ): { ok: true; params: Record<string, string> } | { ok: false; code: string; message: string } {
    const q = url.includes('?') ? url.slice(url.indexOf('?') + 1) : url;
    const params = Object.fromEntries(new URLSearchParams(q));
    if (!checkSigned(params, this.config.VNPAY_HASH_SECRET))
      return { ok: false, code: '70', message: 'Sai chữ ký / invalid signature' };
    if (params.vnp_TmnCode !== this.config.VNPAY_TMN_CODE)
      return { ok: false, code: '02', message: 'Merchant không hợp lệ / invalid merchant' };
    if (params.vnp_Version !== '2.1.0' || params.vnp_Command !== 'pay' || !/^\d+00$/.test(params.vnp_Amount ?? ''))
      return { ok: false, code: '03', message: 'Dữ liệu gửi sang không đúng định dạng / bad format' };
    if (params.vnp_ExpireDate && params.vnp_ExpireDate < gmt7())
      return { ok: false, code: '11', message: 'Giao dịch đã hết hạn / the payment URL expired' };
    return { ok: true, params };
  }

  /** The citizen paid (or gave up): record it and build the IPN parameters VNPay would send. */
  settle(params: Record<string, string>, outcome: 'success' | 'fail'): Record<string, string> {
    const amount = Number(BigInt(params.vnp_Amount) / 100n);
    const transactionNo = this.nextNo();
    const payDate = gmt7();
    this.txns.set(params.vnp_TxnRef, {
      reference: params.vnp_TxnRef,
      amount,
      transactionNo,
      status: outcome === 'success' ? 'paid' : 'failed',
      createDate: params.vnp_CreateDate,
      payDate,
      refunded: 0,
      orderInfo: params.vnp_OrderInfo ?? '',
    });
    return {
      vnp_Amount: params.vnp_Amount,
      vnp_BankCode: 'NCB',
      vnp_BankTranNo: `VNP${transactionNo}`,
      vnp_CardType: 'ATM',
      vnp_OrderInfo: params.vnp_OrderInfo ?? '',
      vnp_PayDate: payDate,
      vnp_ResponseCode: outcome === 'success' ? '00' : '24',
      vnp_TmnCode: params.vnp_TmnCode,
      vnp_TransactionNo: transactionNo,
      vnp_TransactionStatus: outcome === 'success' ? '00' : '02',
      vnp_TxnRef: params.vnp_TxnRef,
    };
  }

  ipnQuery(ipn: Record<string, string>, tamper: 'none' | 'wrong_amount' | 'forged_hash' = 'none'): string {
    if (tamper === 'wrong_amount')
      return signedQuery(
        { ...ipn, vnp_Amount: String(BigInt(ipn.vnp_Amount) + 100000n) },
        this.config.VNPAY_HASH_SECRET,
      );
    const q = signedQuery(ipn, this.config.VNPAY_HASH_SECRET);
    if (tamper === 'forged_hash') return signedQuery(ipn, 'not-the-merchant-secret-000000');
    return q;
  }

  async sendIpn(query: string, copies = 1): Promise<{ status: number; body: unknown }[]> {
    return Promise.all(
      Array.from({ length: copies }, async () => {
        const res = await fetch(`${this.config.SIM_IPN_URL}?${query}`);
        const text = await res.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // keep the text
        }
        return { status: res.status, body };
      }),
    );
  }

  /** querydr and refund (POST JSON), verified and answered with VNPay's pipe-joined signatures. */
  merchantApi(req: Record<string, string>): Record<string, string> {
    const s = this.config.VNPAY_HASH_SECRET;
    const responseId = randomUUID().replace(/-/g, '').slice(0, 20);
    if (req.vnp_Command === 'querydr') {
      const ok = pipeOf(s, req, QUERYDR_REQUEST) === (req.vnp_SecureHash ?? '').toLowerCase();
      const t = this.txns.get(req.vnp_TxnRef);
      const r: Record<string, string> = {
        vnp_ResponseId: responseId,
        vnp_Command: 'querydr',
        vnp_ResponseCode: !ok ? '97' : t ? '00' : '91',
        vnp_Message: !ok ? 'Invalid checksum' : t ? 'QueryDR Success' : 'Transaction not found',
        vnp_TmnCode: this.config.VNPAY_TMN_CODE,
        vnp_TxnRef: req.vnp_TxnRef ?? '',
        vnp_Amount: t ? String(t.amount * 100) : '',
        vnp_BankCode: t ? 'NCB' : '',
        vnp_PayDate: t?.payDate ?? '',
        vnp_TransactionNo: t?.transactionNo ?? '',
        vnp_TransactionType: t ? '01' : '',
        vnp_TransactionStatus: t ? (t.status === 'paid' ? '00' : '02') : '',
        vnp_OrderInfo: t?.orderInfo ?? '',
        vnp_PromotionCode: '',
        vnp_PromotionAmount: '',
      };
      r.vnp_SecureHash = pipeOf(s, r, QUERYDR_RESPONSE);
      return r;
    }
    if (req.vnp_Command === 'refund') {
      const earlier = this.refunds.get(req.vnp_RequestId);
      if (earlier) return earlier.response; // the same request id is answered the same way, refunded once
      const ok = pipeOf(s, req, REFUND_REQUEST) === (req.vnp_SecureHash ?? '').toLowerCase();
      const t = this.txns.get(req.vnp_TxnRef);
      const amount = /^\d+$/.test(req.vnp_Amount ?? '') ? Number(BigInt(req.vnp_Amount) / 100n) : -1;
      let code = '00';
      if (!ok) code = '97';
      else if (!t || t.status !== 'paid' || t.transactionNo !== req.vnp_TransactionNo) code = '91';
      else if (amount <= 0 || amount > t.amount - t.refunded) code = '94';
      const refundNo = code === '00' ? this.nextNo() : '';
      const r: Record<string, string> = {
        vnp_ResponseId: responseId,
        vnp_Command: 'refund',
        vnp_ResponseCode: code,
        vnp_Message: code === '00' ? 'Refund success' : 'Refund refused',
        vnp_TmnCode: this.config.VNPAY_TMN_CODE,
        vnp_TxnRef: req.vnp_TxnRef ?? '',
        vnp_Amount: req.vnp_Amount ?? '',
        vnp_BankCode: 'NCB',
        vnp_PayDate: gmt7(),
        vnp_TransactionNo: refundNo,
        vnp_TransactionType: req.vnp_TransactionType ?? '',
        vnp_TransactionStatus: code === '00' ? '05' : '',
        vnp_OrderInfo: req.vnp_OrderInfo ?? '',
      };
      r.vnp_SecureHash = pipeOf(s, r, REFUND_RESPONSE);
      if (code === '00') {
        t!.refunded += amount;
        this.refunds.set(req.vnp_RequestId, {
          requestId: req.vnp_RequestId,
          reference: t!.reference,
          transactionNo: refundNo,
          amount,
          at: r.vnp_PayDate,
          response: r,
        });
      }
      return r;
    }
    return { vnp_ResponseCode: '99', vnp_Message: 'Unknown command' };
  }

  settlementCsv(): string {
    const lines = ['txn_ref,transaction_no,amount,type,pay_date'];
    for (const t of this.txns.values())
      if (t.status === 'paid') lines.push(`${t.reference},${t.transactionNo},${t.amount},payment,${t.payDate}`);
    for (const r of this.refunds.values()) lines.push(`${r.reference},${r.transactionNo},${r.amount},refund,${r.at}`);
    return `${lines.join('\n')}\n`;
  }

  async webhook(o: {
    reference: string;
    amount: number;
    type?: string;
    eventId?: string;
    transactionId?: string;
    skewSeconds?: number;
    forge?: boolean;
    url?: string;
  }) {
    const body = JSON.stringify({
      id: o.eventId ?? `evt_${randomUUID()}`,
      type: o.type ?? 'payment.succeeded',
      reference: o.reference,
      amount: o.amount,
      transactionId: o.transactionId ?? `HUB${this.nextNo()}`,
      occurredAt: new Date().toISOString(),
    });
    const ts = String(Math.floor(Date.now() / 1000) + (o.skewSeconds ?? 0));
    const secret = o.forge ? 'not-the-shared-secret' : this.config.SIM_WEBHOOK_SECRET;
    const signature = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    const res = await fetch(o.url ?? this.config.SIM_WEBHOOK_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature': signature, 'x-timestamp': ts },
      body,
    });
    return { status: res.status, body: await res.json().catch(() => null), sent: JSON.parse(body) };
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const readJson = async (): Promise<Record<string, any>> => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    };
    if (req.method === 'GET' && url.pathname === '/health') return json(200, { status: 'ok' });
    if (req.method === 'GET' && url.pathname === '/paymentv2/vpcpay.html') {
      const checked = this.checkPaymentUrl(req.url ?? '');
      if (!checked.ok) return json(400, checked);
      const outcome = url.searchParams.get('outcome');
      if (outcome !== 'success' && outcome !== 'fail') {
        const base = req.url ?? '';
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><meta charset="utf-8"><title>Cổng thanh toán mô phỏng</title>
<h1>Cổng thanh toán mô phỏng / Gateway simulator</h1>
<p>Đơn ${checked.params.vnp_TxnRef}: ${Number(BigInt(checked.params.vnp_Amount) / 100n).toLocaleString('vi-VN')} đồng</p>
<p><a href="${base}&outcome=success">Thanh toán / Pay</a> · <a href="${base}&outcome=fail">Hủy / Cancel</a></p>`);
        return;
      }
      const ipn = this.settle(checked.params, outcome);
      const answers = await this.sendIpn(this.ipnQuery(ipn));
      return json(200, { ipn: answers, returnUrl: `${checked.params.vnp_ReturnUrl}?${this.ipnQuery(ipn)}` });
    }
    if (req.method === 'POST' && url.pathname === '/sim/pay') {
      const b = await readJson();
      const checked = this.checkPaymentUrl(String(b.paymentUrl ?? ''));
      if (!checked.ok) return json(400, checked);
      const ipn = this.settle(checked.params, b.outcome === 'fail' ? 'fail' : 'success');
      const query = this.ipnQuery(ipn, b.tamper ?? 'none');
      const answers = b.notify === false ? [] : await this.sendIpn(query, Math.min(Number(b.copies ?? 1), 100));
      return json(200, {
        ipn: answers,
        query,
        returnUrl: `${checked.params.vnp_ReturnUrl}?${query}`,
        transactionNo: ipn.vnp_TransactionNo,
      });
    }
    if (req.method === 'POST' && url.pathname === '/sim/ipn') {
      // Re-send (e.g. the gateway's retry) a query it produced before.
      const b = await readJson();
      return json(200, { ipn: await this.sendIpn(String(b.query), Math.min(Number(b.copies ?? 1), 100)) });
    }
    if (req.method === 'POST' && url.pathname === '/merchant_webapi/api/transaction')
      return json(200, this.merchantApi(await readJson()));
    if (req.method === 'POST' && url.pathname === '/sim/webhook')
      return json(200, await this.webhook((await readJson()) as never));
    if (req.method === 'GET' && url.pathname === '/sim/settlement.csv') {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      res.end(this.settlementCsv());
      return;
    }
    if (req.method === 'GET' && url.pathname === '/sim/transactions')
      return json(200, {
        transactions: [...this.txns.values()],
        refunds: [...this.refunds.values()].map(({ response: _, ...r }) => r),
      });
    json(404, { error: 'not found' });
  }
}

export function startSimulator(
  config: SimulatorConfig,
): Promise<{ port: number; close: () => Promise<void>; sim: GatewaySimulator }> {
  const sim = new GatewaySimulator(config);
  const server = createServer((req, res) => {
    sim.handle(req, res).catch((err: Error) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: err.message }));
    });
  });
  return new Promise((resolve) =>
    server.listen(config.SIM_PORT, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        sim,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

if (require.main === module) {
  const config = loadConfig(SimulatorConfig);
  startSimulator(config)
    .then(({ port }) =>
      process.stdout.write(
        `${JSON.stringify({ msg: 'gateway simulator listening', port, url: `http://127.0.0.1:${port}` })}\n`,
      ),
    )
    .catch((err: Error) => {
      process.stderr.write(`gateway simulator failed: ${err.message}\n`);
      process.exit(1);
    });
  process.once('SIGTERM', () => process.exit(0));
  process.once('SIGINT', () => process.exit(0));
}
