/**
 * npm run bench:payment — verified VNPay IPN callbacks per second and their latency, against
 * payment as its compiled process on PostgreSQL and RabbitMQ (database dvc_test_benchpay,
 * recreated), beside the cost of the HMAC-SHA512 verification alone, in this process, in the
 * same run. Two runs: first confirmations (each IPN pays an order: raw record, row lock, status,
 * history, receipt number, outbox event, verdict) and repeats of confirmed IPNs (02).
 *
 *   npm run bench:payment [seconds per run, default 10] [orders, default 8000]
 */
import autocannon from 'autocannon';
import { DataSource } from 'typeorm';
import { createEvent, ROUTING_KEYS, routingKeyOf } from '@dvc/contracts';
import { vnpSign, vnpVerify } from '../apps/payment/src';
import { BrokerProbe } from '../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv, ServiceProcess } from '../tools/harness/service-process';
import { testConfig, uniqueNamespace } from '../tools/harness/test-env.config';
import { sleep } from '../tools/harness/wait';
import { bootstrapDatabase, serviceDatabaseUrl } from '../tools/db-bootstrap';
import { machineLine, runBench } from './support/run-bench';

const DURATION = Number(process.argv[2] ?? 10);
const ORDERS = Number(process.argv[3] ?? 8000);
const CONNECTIONS = 32;
const DATABASE = `${testConfig.TEST_DATABASE}_benchpay`;
const TMN = 'DVCSTC01';
const SECRET = 'bench-only-vnpay-hash-secret-0001';

function ipnParams(reference: string, n: number): Record<string, string> {
  return {
    vnp_Amount: '5000000',
    vnp_BankCode: 'NCB',
    vnp_BankTranNo: `VNP${n}`,
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Nop phi ho so',
    vnp_PayDate: '20261128103000',
    vnp_ResponseCode: '00',
    vnp_TmnCode: TMN,
    vnp_TransactionNo: String(14000000 + n),
    vnp_TransactionStatus: '00',
    vnp_TxnRef: reference,
  };
}

const query = (p: Record<string, string>) =>
  `${new URLSearchParams(p).toString()}&vnp_SecureHash=${vnpSign(p, SECRET)}`;

function run(url: string, paths: string[], duration: number): Promise<autocannon.Result> {
  let i = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration,
        requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length] }) }],
      } as autocannon.Options,
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** HMAC-SHA512 verification of a typical IPN, in this process, for `ms` milliseconds. */
function hmacOnly(ms: number): number {
  const p = { ...ipnParams('DVC0123456789ABCDEF', 1) };
  const signed = { ...p, vnp_SecureHash: vnpSign(p, SECRET) };
  let n = 0;
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (let k = 0; k < 100; k++) if (vnpVerify(signed, SECRET)) n++;
  }
  return n / (ms / 1000);
}

async function main() {
  process.stdout.write(machineLine(`${DURATION} s per run, ${CONNECTIONS} connections`));
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
  const namespace = uniqueNamespace('bench');
  const { port, env } = await serviceEnv('payment', namespace, {
    LOG_LEVEL: 'warn',
    DATABASE_URL: serviceDatabaseUrl('payment', DATABASE),
    VNPAY_TMN_CODE: TMN,
    VNPAY_HASH_SECRET: SECRET,
    EXPIRY_JOB_INTERVAL_MS: '0',
  });
  const payment = new ServiceProcess('payment', port, env);
  payment.start();
  await payment.ready();
  const adminUrl = new URL(testConfig.DB_ADMIN_URL);
  adminUrl.pathname = `/${DATABASE}`;
  const db = await new DataSource({ type: 'postgres', url: adminUrl.toString() }).initialize();
  const broker = await BrokerProbe.open();
  // processing's queue receives payment.succeeded, as in production (nobody consumes it here).
  await broker.declareService(namespace, 'processing', [ROUTING_KEYS.PAYMENT_SUCCEEDED_V1], E2E_RETRY_DELAYS);
  try {
    process.stdout.write(`opening ${ORDERS} orders through fee.assessed...\n`);
    const events = Array.from({ length: ORDERS }, (_, n) => {
      const code = `000.00.12.H30-261128-${String(100000 + n)}`;
      const e = createEvent(
        'fee.assessed',
        {
          dossierCode: code,
          feeId: `${code}:fee`,
          amount: 50000,
          currency: 'VND',
          items: [{ code: 'LP01', name: 'Phí', amount: 50000 }],
          paymentMethod: 'online',
          level: 4,
        },
        { source: 'bench', correlationId: code },
      );
      return { id: e.id, body: Buffer.from(JSON.stringify(e)) };
    });
    await broker.publishMany(namespace, routingKeyOf('fee.assessed'), events);
    for (;;) {
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM payment.payment_orders');
      if (n >= ORDERS) break;
      await sleep(500);
    }
    const refs: { reference: string }[] = await db.query(
      'SELECT reference FROM payment.payment_orders ORDER BY reference',
    );
    const paths = refs.map((r, n) => `/v1/payments/vnpay/ipn?${query(ipnParams(r.reference, n))}`);

    const hmacPerSecond = hmacOnly(2000);
    await run(payment.url, paths.slice(0, 200), 2); // warm-up (confirms the first 200)
    const confirmations = await run(payment.url, paths.slice(200), DURATION);
    const repeats = await run(payment.url, paths.slice(0, 200), DURATION);
    const [{ receipts, gaps }] = await db.query(
      'SELECT count(*)::int AS receipts, (max(seq) - count(*))::int AS gaps FROM payment.receipts',
    );
    const [{ paid }] = await db.query(`SELECT count(*)::int AS paid FROM payment.payment_orders WHERE status = 'paid'`);
    const hmacAlone = hmacOnly(2000);

    const line = (label: string, r: autocannon.Result) =>
      `${label.padEnd(46)} ${Math.round(r['2xx'] / DURATION)
        .toString()
        .padStart(
          6,
        )} /s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
    const hmac = (hmacPerSecond + hmacAlone) / 2;
    process.stdout.write('\n');
    process.stdout.write(`${line('IPN, first confirmations (00: pays an order)', confirmations)}\n`);
    process.stdout.write(`${line('IPN, repeats of confirmed ones (02)', repeats)}\n`);
    process.stdout.write(
      `${'HMAC-SHA512 verification alone (1 core)'.padEnd(46)} ${Math.round(hmac).toString().padStart(6)} /s   (${(1e6 / hmac).toFixed(1)} µs each)\n`,
    );
    process.stdout.write(
      `orders paid: ${paid} (warm-up 200 included), receipts ${receipts}, gaps in the series ${gaps}\n`,
    );
    process.stdout.write(
      `ratio: the HMAC alone is ${(hmac / (confirmations['2xx'] / DURATION)).toFixed(0)}x the confirmation rate and ${(hmac / (repeats['2xx'] / DURATION)).toFixed(0)}x the repeat rate: the database work, not the signature, bounds the IPN\n`,
    );
  } finally {
    await payment.stop();
    await db.destroy();
    await broker.deleteNamespace(namespace, ['payment', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
  }
}

runBench('bench:payment', main);
