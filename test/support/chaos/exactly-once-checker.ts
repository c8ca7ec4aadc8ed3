import { DataSource } from 'typeorm';
import { HEADERS, namespaced, parkingQueueName, QUEUES, type ServiceName } from '@dvc/contracts';
import { BrokerProbe } from '../../../tools/harness/broker-probe';

/** A submission the portal got a 202 for, and the state its journey must end in. */
export interface Acknowledged {
  code: string;
  expectedFinal: string;
}

export interface CheckReport {
  acknowledged: number;
  reachedFinal: number;
  notFinal: { code: string; expected: string; processing: string | null; citizenSees: string | null }[];
  twice: { what: string; key: string; times: number }[];
  parked: { queue: string; messageId: string | undefined; routingKey: string; reason: unknown }[];
  counts: Record<string, number>;
}

/**
 * The total-queue check after a chaos or scale-out run, in the spirit of Jepsen's checker:
 * every submission acknowledged to the portal reached its final state, in processing and in the
 * citizen's view; nothing that must happen once happened twice (dossier, fee order, payment
 * event, receipt, result, shipment, completion); only the poison message is parked.
 * Every query is restricted to this run's dossier codes: the database is shared with other tests.
 */
export async function checkExactlyOnce(
  db: DataSource,
  namespace: string,
  acknowledged: Acknowledged[],
): Promise<CheckReport> {
  const codes = acknowledged.map((a) => a.code);
  const rows = async (sql: string) => db.query(sql, [codes]);

  const cases: { dossier_code: string; status: string }[] = await rows(
    'SELECT dossier_code, status FROM processing.cases WHERE dossier_code = ANY($1)',
  );
  const dossiers: { code: string; status: string }[] = await rows(
    'SELECT code, status FROM intake.dossiers WHERE code = ANY($1)',
  );
  const caseOf = new Map(cases.map((c) => [c.dossier_code, c.status]));
  const seenOf = new Map(dossiers.map((d) => [d.code, d.status]));
  const notFinal = acknowledged
    .filter((a) => caseOf.get(a.code) !== a.expectedFinal || seenOf.get(a.code) !== a.expectedFinal)
    .map((a) => ({
      code: a.code,
      expected: a.expectedFinal,
      processing: caseOf.get(a.code) ?? null,
      citizenSees: seenOf.get(a.code) ?? null,
    }));

  const twice: CheckReport['twice'] = [];
  const more = async (what: string, sql: string) => {
    for (const r of (await rows(sql)) as { key: string; times: number }[])
      twice.push({ what, key: r.key, times: Number(r.times) });
  };
  const outboxed = (schema: string, routingKey: string, field: string) =>
    `SELECT envelope->'data'->>'${field}' AS key, count(*) AS times FROM ${schema}.outbox
      WHERE routing_key = '${routingKey}' AND envelope->'data'->>'dossierCode' = ANY($1) GROUP BY 1 HAVING count(*) > 1`;
  await more(
    'dossier row',
    'SELECT code AS key, count(*) AS times FROM intake.dossiers WHERE code = ANY($1) GROUP BY 1 HAVING count(*) > 1',
  );
  await more('dossier.submitted', outboxed('intake', 'dossier.submitted.v1', 'dossierCode'));
  await more(
    'case',
    'SELECT dossier_code AS key, count(*) AS times FROM processing.cases WHERE dossier_code = ANY($1) GROUP BY 1 HAVING count(*) > 1',
  );
  await more('fee.assessed', outboxed('processing', 'fee.assessed.v1', 'feeId'));
  await more('result.issued', outboxed('processing', 'result.issued.v1', 'resultId'));
  await more('dossier.completed', outboxed('processing', 'dossier.completed.v1', 'dossierCode'));
  await more(
    'final state entered',
    `SELECT dossier_code AS key, count(*) AS times FROM processing.case_transitions
      WHERE dossier_code = ANY($1) AND to_state IN ('completed', 'withdrawn', 'refused', 'rejected', 'stopped') AND from_state IS DISTINCT FROM to_state
      GROUP BY 1 HAVING count(*) > 1`,
  );
  await more(
    'payment order',
    'SELECT fee_id AS key, count(*) AS times FROM payment.payment_orders WHERE dossier_code = ANY($1) GROUP BY 1 HAVING count(*) > 1',
  );
  await more('payment.succeeded', outboxed('payment', 'payment.succeeded.v1', 'feeId'));
  await more(
    'receipt',
    'SELECT order_id::text AS key, count(*) AS times FROM payment.receipts WHERE dossier_code = ANY($1) GROUP BY 1 HAVING count(*) > 1',
  );
  await more(
    'shipment',
    'SELECT result_id AS key, count(*) AS times FROM postal.shipments WHERE dossier_code = ANY($1) GROUP BY 1 HAVING count(*) > 1',
  );
  await more('delivery.delivered', outboxed('postal', 'delivery.delivered.v1', 'shipmentId'));

  const broker = await BrokerProbe.open();
  const parked: CheckReport['parked'] = [];
  try {
    for (const service of Object.keys(QUEUES) as ServiceName[]) {
      const queue = parkingQueueName(namespaced(QUEUES[service], namespace));
      for (const m of await broker.drain(queue)) {
        parked.push({
          queue,
          messageId: m.properties.messageId as string | undefined,
          routingKey: m.fields.routingKey,
          reason: m.properties.headers?.[HEADERS.PARK_REASON],
        });
      }
    }
  } finally {
    await broker.close();
  }

  const [counts] = await rows(`SELECT
      (SELECT count(*) FROM payment.payment_orders WHERE dossier_code = ANY($1) AND status IN ('paid', 'refunded', 'partially_refunded'))::int AS "paid orders",
      (SELECT count(*) FROM payment.receipts WHERE dossier_code = ANY($1))::int AS receipts,
      (SELECT count(*) FROM payment.gateway_callbacks c JOIN payment.payment_orders o ON o.id = c.order_id WHERE o.dossier_code = ANY($1))::int AS "gateway callbacks",
      (SELECT count(*) FROM postal.shipments WHERE dossier_code = ANY($1))::int AS shipments,
      (SELECT count(*) FROM postal.partner_reports r JOIN postal.shipments s ON s.id::text = r.shipment_id::text WHERE s.dossier_code = ANY($1))::int AS "partner reports",
      (SELECT count(*) FROM processing.case_transitions WHERE dossier_code = ANY($1))::int AS transitions`);
  return {
    acknowledged: acknowledged.length,
    reachedFinal: acknowledged.length - notFinal.length,
    notFinal,
    twice,
    parked,
    counts,
  };
}
