import { DataSource } from 'typeorm';
import { type JourneyDefinition, JourneyRun } from '../../tools/journeys/journey';
import {
  codJourney,
  counterJourney,
  onlineOfficeJourney,
  onlinePostJourney,
  paperOnlyJourney,
  refusedJourney,
  rejectedRefundJourney,
  returnedJourney,
  supplementJourney,
  withdrawnJourney,
} from '../../tools/journeys/journeys';
import { PlatformHarness } from '../../tools/journeys/platform-harness';
import { adminTestDbUrl } from '../../tools/harness/test-env.config';

/**
 * The nine journeys of a dossier across the four real processes, the gateway simulator and the partner
 * simulator (with its restricted broker user), through public interfaces only. Each journey
 * checks what the citizen sees at every step, the national status code, the due date, the payment
 * and shipment records, and that the final state is entered exactly once; here the database is
 * also asked, as an auditor would, that nothing was recorded twice.
 */
describe('the whole journey: portal, officers, gateway and post through public interfaces', () => {
  const harness = new PlatformHarness();
  let db: DataSource;

  beforeAll(async () => {
    await harness.start();
    db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  }, 180_000);

  afterAll(async () => {
    await db?.destroy();
    await harness.stop();
  }, 120_000);

  const play = (j: JourneyDefinition) =>
    j.run(new JourneyRun(`J${j.id}`, harness.urls, harness.portal, harness.officers));
  const count = async (sql: string, code: string) => Number((await db.query(sql, [code]))[0].n);

  it('1. level 4: online payment, result by post, delivered', async () => {
    const out = await play(onlinePostJourney(harness.desk, harness.post));
    expect(out).toMatchObject({ finalStatus: 'completed', nationalStatusCode: 10 });
    expect(
      await count(
        "SELECT count(*) AS n FROM payment.outbox WHERE routing_key = 'payment.succeeded.v1' AND envelope->'data'->>'dossierCode' = $1",
        out.code!,
      ),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM postal.shipments WHERE dossier_code = $1', out.code!)).toBe(1);
  });

  it('2. level 4: postal COD, delivered, the fee settled from the collected amount', async () => {
    const out = await play(codJourney(harness.desk, harness.post));
    expect(out).toMatchObject({
      finalStatus: 'completed',
      nationalStatusCode: 10,
      payment: expect.stringContaining('postal_cod 50000 VND'),
    });
    const [order] = await db.query(
      'SELECT status, paid_method, paid_amount, cod_mismatch_at FROM payment.payment_orders WHERE dossier_code = $1',
      [out.code],
    );
    expect(order).toMatchObject({ status: 'paid', paid_method: 'postal_cod', cod_mismatch_at: null });
    expect(Number(order.paid_amount)).toBe(50000);
  });

  it('3. level 4: online payment, result collected at the office (the gateway calls back twice)', async () => {
    const out = await play(onlineOfficeJourney(harness.desk, () => 2));
    expect(out).toMatchObject({ finalStatus: 'completed', nationalStatusCode: 10 });
    expect(
      await count(
        "SELECT count(*) AS n FROM payment.outbox WHERE routing_key = 'payment.succeeded.v1' AND envelope->'data'->>'dossierCode' = $1",
        out.code!,
      ),
    ).toBe(1);
    expect(await count('SELECT count(*) AS n FROM payment.receipts WHERE dossier_code = $1', out.code!)).toBe(1);
  });

  it('4. level 3: paid at the counter, late with an apology, collected at the office', async () => {
    expect(await play(counterJourney(harness.desk))).toMatchObject({
      finalStatus: 'completed',
      nationalStatusCode: 10,
      payment: expect.stringContaining('office 150000 VND'),
    });
  });

  it('5. supplement requested, supplied, due date extended, then approved', async () => {
    expect(await play(supplementJourney)).toMatchObject({ finalStatus: 'completed', nationalStatusCode: 10 });
  });

  it('6. refused at acceptance; rejected after review with the paid fee refunded', async () => {
    expect(await play(refusedJourney)).toMatchObject({ finalStatus: 'refused', nationalStatusCode: 3 });
    const out = await play(rejectedRefundJourney(harness.desk));
    expect(out).toMatchObject({ finalStatus: 'rejected + refunded' });
    expect(
      await count(
        "SELECT count(*) AS n FROM payment.outbox WHERE routing_key = 'payment.refunded.v1' AND envelope->'data'->>'dossierCode' = $1",
        out.code!,
      ),
    ).toBe(1);
  });

  it('7. delivery failed twice, returned to the office, collected there', async () => {
    const out = await play(returnedJourney(harness.desk, harness.post));
    expect(out).toMatchObject({
      finalStatus: 'completed',
      nationalStatusCode: 10,
      shipment: expect.stringContaining('returned_to_sender'),
    });
    expect(
      await count(
        "SELECT count(*) AS n FROM postal.outbox WHERE routing_key = 'delivery.failed.v1' AND envelope->'data'->>'dossierCode' = $1",
        out.code!,
      ),
    ).toBe(2);
  });

  it('8. the applicant withdraws before the result', async () => {
    expect(await play(withdrawnJourney)).toMatchObject({ finalStatus: 'withdrawn', nationalStatusCode: 7 });
  });

  it('9. a level 2 procedure is refused at intake with the paper-filing guidance, and nothing is stored', async () => {
    const before = await count('SELECT count(*) AS n FROM intake.dossiers WHERE procedure_code = $1', 'M.QLG.04');
    expect(await play(paperOnlyJourney)).toMatchObject({ code: null });
    expect(await count('SELECT count(*) AS n FROM intake.dossiers WHERE procedure_code = $1', 'M.QLG.04')).toBe(before);
  });
});
