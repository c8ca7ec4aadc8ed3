import { type OfficerRole, signOfficerToken } from '@dvc/auth';
import { waitFor } from '../harness/wait';
import { expectStatus, http } from './http';

/** Where the journeys find the platform and the two simulators. */
export interface PlatformUrls {
  intake: string;
  processing: string;
  payment: string;
  postal: string;
  /** The payment gateway simulator. */
  gateway: string;
  /** The postal partner simulator. */
  partner: string;
}

export interface OfficerAuth {
  secret: string;
  issuer: string;
}

/** waitFor with the journeys' pace: polled every 150 ms for up to a minute (chaos restarts run under them). */
export function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  return waitFor(what, probe, timeoutMs, 150) as Promise<T>;
}

/** A tiny but real PDF: intake checks the bytes, not the name. */
export function pdfBytes(text: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
}

/** A file filed with a dossier: document code, name, bytes. */
export type Upload = [code: string, name: string, bytes: Uint8Array];

/** The portal front end: files dossiers with its API key and shows the citizen their lookup. */
export class Portal {
  constructor(
    private readonly urls: PlatformUrls,
    readonly apiKey: string,
  ) {}

  /** Multipart filing; retried with the same Idempotency-Key while intake is away, as a portal must. */
  async file(dossier: Record<string, unknown>, files: Upload[], idempotencyKey: string) {
    const form = () => {
      const f = new FormData();
      f.set('dossier', JSON.stringify(dossier));
      for (const [code, name, bytes] of files) f.append(code, new Blob([bytes], { type: 'application/pdf' }), name);
      return f;
    };
    // A 409 means the first try is still in flight: ask again until it has an answer.
    return eventually(`answer to submission ${idempotencyKey}`, async () => {
      const res = await http('POST', `${this.urls.intake}/v1/dossiers`, {
        headers: { 'X-Api-Key': this.apiKey, 'Idempotency-Key': idempotencyKey },
        body: form(),
      });
      return res.status === 409 ? undefined : res;
    });
  }

  async lookup(code: string, secret: string) {
    return expectStatus(
      await http('GET', `${this.urls.intake}/v1/dossiers/${code}`, { headers: { 'X-Lookup-Secret': secret } }),
      200,
      `lookup ${code}`,
    ).body;
  }

  async withdraw(code: string, secret: string, reason: string) {
    return http('POST', `${this.urls.intake}/v1/dossiers/${code}/withdraw`, {
      headers: { 'X-Api-Key': this.apiKey, 'X-Lookup-Secret': secret },
      body: { reason },
    });
  }

  /** The signed results of the dossier, as the citizen lists them with the lookup secret. */
  async results(code: string, secret: string): Promise<CitizenResultFile[]> {
    const res = await http('GET', `${this.urls.intake}/v1/dossiers/${code}/results`, {
      headers: { 'X-Lookup-Secret': secret },
    });
    return expectStatus(res, 200, `results of ${code}`).body.results as CitizenResultFile[];
  }

  /** One result file's bytes, streamed by intake from processing. */
  async resultFile(code: string, secret: string, fileId: string): Promise<Buffer> {
    const res = await http('GET', `${this.urls.intake}/v1/dossiers/${code}/results/${fileId}`, {
      headers: { 'X-Lookup-Secret': secret },
      binary: true,
    });
    return expectStatus(res, 200, `result file ${fileId} of ${code}`).body as Buffer;
  }

  /** The newest slip of a kind (receipt, supplement-request, refusal, apology); 404 until it is issued. */
  async slip(code: string, secret: string, kind: string) {
    return http<Buffer>('GET', `${this.urls.intake}/v1/dossiers/${code}/slips/${kind}`, {
      headers: { 'X-Lookup-Secret': secret },
      binary: true,
    });
  }

  /** The public verification of a PDF: anyone holding the file may ask. */
  async verify(pdf: Uint8Array) {
    return expectStatus(
      await http('POST', `${this.urls.intake}/v1/results/verify`, {
        headers: { 'Content-Type': 'application/pdf' },
        body: pdf,
      }),
      200,
      'result verification',
    ).body as { authentic: boolean; unaltered: boolean; issuedResult: boolean; verificationCode?: string };
  }

  async supplement(code: string, secret: string, requestId: string, files: Upload[]) {
    const f = new FormData();
    f.set('supplement', JSON.stringify({ requestId, note: 'Bổ sung theo yêu cầu' }));
    for (const [docCode, name, bytes] of files) f.append(docCode, new Blob([bytes], { type: 'application/pdf' }), name);
    return http('POST', `${this.urls.intake}/v1/dossiers/${code}/supplements`, {
      headers: { 'X-Api-Key': this.apiKey, 'X-Lookup-Secret': secret },
      body: f,
    });
  }
}

/** A result file in the citizen's list (intake's results view). */
export interface CitizenResultFile {
  fileId: string;
  name: string;
  size: number;
  sha256: string;
  signed: boolean;
  verificationCode: string | null;
}

/** The Department's officers, each with a signed token for their role, working through processing's API. */
export class Officers {
  constructor(
    private readonly urls: PlatformUrls,
    private readonly auth: OfficerAuth,
  ) {}

  private readonly tokens = new Map<string, Promise<string>>();

  /**
   * The Authorization header, signed once per officer: the load run would otherwise spend its CPU
   * signing. The promise is cached, so concurrent first calls sign once too; a failed signing is
   * forgotten so the next call tries again.
   */
  token(role: OfficerRole, id = `officer-${role}`): Promise<string> {
    const key = `${id}:${role}`;
    let token = this.tokens.get(key);
    if (!token) {
      token = signOfficerToken({ id, roles: [role] }, this.auth.secret, this.auth.issuer).then((t) => `Bearer ${t}`);
      token.catch(() => this.tokens.delete(key));
      this.tokens.set(key, token);
    }
    return token;
  }

  async case(code: string): Promise<any> {
    const res = await http('GET', `${this.urls.processing}/v1/cases/${code}`, {
      headers: { Authorization: await this.token('leader') },
    });
    return res.status === 200 ? res.body : undefined;
  }

  async history(code: string): Promise<{ action: string; from: string | null; to: string }[]> {
    return expectStatus(
      await http('GET', `${this.urls.processing}/v1/cases/${code}/history`, {
        headers: { Authorization: await this.token('leader') },
      }),
      200,
      `history ${code}`,
    ).body;
  }

  async nationalRecord(code: string): Promise<any> {
    return expectStatus(
      await http('GET', `${this.urls.processing}/v1/cases/${code}/national-record`, {
        headers: { Authorization: await this.token('leader') },
      }),
      200,
      `national record ${code}`,
    ).body;
  }

  /**
   * Takes an action and returns the case. Idempotent for the journeys: when a retry finds the
   * case already in the state the action leads to (the first try went through before a crash),
   * that counts as done; any other refusal fails.
   */
  async act(
    code: string,
    action: string,
    role: OfficerRole,
    reaches: string,
    body: Record<string, unknown> | FormData = {},
  ): Promise<any> {
    const res = await http('POST', `${this.urls.processing}/v1/cases/${code}/actions/${action}`, {
      headers: { Authorization: await this.token(role) },
      body,
    });
    if (res.status === 200) return res.body;
    const now = await this.case(code);
    if (res.status === 409 && now?.status === reaches) return now;
    throw new Error(`${action} on ${code} as ${role}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  }

  /** Waits until processing has opened the case (the dossier.submitted event arrived). */
  opened(code: string, timeoutMs?: number) {
    return eventually(`case ${code} opened in processing`, () => this.case(code), timeoutMs);
  }

  /** Waits until the case is in `status`. */
  inState(code: string, status: string, timeoutMs?: number) {
    return eventually(
      `case ${code} ${status}`,
      async () => {
        const c = await this.case(code);
        return c?.status === status ? c : undefined;
      },
      timeoutMs,
    );
  }
}

/** A payment order as the portal and officers see it (apps/payment OrderView). */
export interface PaymentOrder {
  id: string;
  reference: string;
  dossierCode: string;
  amount: number;
  level: number;
  method: string;
  status: string;
  paidMethod: string | null;
  receiptNumber: string | null;
  refundedAmount: number;
  refundable: boolean;
  online: { allowed: true; paymentUrl?: string } | { allowed: false; code: string };
}

/**
 * Money: the portal's view of a dossier's orders, the applicant paying through the gateway
 * simulator (which calls payment's IPN like VNPay, and is asked to call again when the service
 * did not confirm, like VNPay's retries), the cashier at the counter, the admin's refunds.
 */
export class PaymentDesk {
  constructor(
    private readonly urls: PlatformUrls,
    private readonly portal: Portal,
    private readonly officers: Officers,
  ) {}

  async orders(code: string): Promise<PaymentOrder[]> {
    return expectStatus(
      await http('GET', `${this.urls.payment}/v1/payments?dossier=${encodeURIComponent(code)}`, {
        headers: { 'X-Api-Key': this.portal.apiKey },
      }),
      200,
      `orders of ${code}`,
    ).body;
  }

  /** Waits for the dossier's (single) fee order, optionally in a given status. */
  order(code: string, status?: string, timeoutMs?: number): Promise<PaymentOrder> {
    return eventually(
      `payment order of ${code}${status ? ` ${status}` : ''}`,
      async () => {
        const [o] = await this.orders(code);
        return o && (!status || o.status === status) ? o : undefined;
      },
      timeoutMs,
    );
  }

  /**
   * The applicant pays online. `copies` > 1 makes the gateway send that many identical IPNs at once.
   * Until payment answers 00 (confirmed) or 02 (already confirmed) the gateway sends the IPN again.
   */
  async payOnline(code: string, copies = 1): Promise<PaymentOrder> {
    const order = await this.order(code, 'pending');
    if (!order.online.allowed || !order.online.paymentUrl)
      throw new Error(`${code}: no payment URL: ${JSON.stringify(order.online)}`);
    const sim = expectStatus(
      await http('POST', `${this.urls.gateway}/sim/pay`, {
        body: { paymentUrl: order.online.paymentUrl, outcome: 'success', copies },
      }),
      200,
      'gateway pay',
    );
    type IpnAnswer = { status: number; body?: { RspCode?: string } };
    const confirmed = (answers: IpnAnswer[]) =>
      answers.some((a) => a.body?.RspCode === '00' || a.body?.RspCode === '02');
    let answers: IpnAnswer[] = sim.body.ipn ?? [];
    await eventually(`IPN for ${code} confirmed`, async () => {
      if (confirmed(answers)) return true;
      answers =
        (await http('POST', `${this.urls.gateway}/sim/ipn`, { body: { query: sim.body.query } })).body?.ipn ?? [];
      return confirmed(answers);
    });
    return this.order(code, 'paid');
  }

  /** The cashier takes the fee at the counter (the amount due, with the receipt book's number). */
  async payAtCounter(code: string, payerName: string): Promise<PaymentOrder> {
    const order = await this.order(code);
    if (order.status === 'paid') return order; // a retry after the first went through
    const res = await http('POST', `${this.urls.payment}/v1/payments/orders/${order.id}/cashier`, {
      headers: { Authorization: await this.officers.token('cashier') },
      body: { amount: order.amount, receiptNumber: `Q01-${code.slice(-4)}`, payerName },
    });
    // A refusal on a retry whose first try went through leaves the order paid: that counts as done.
    if (res.status >= 300 && (await this.order(code)).status !== 'paid')
      throw new Error(`cashier payment for ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return this.order(code, 'paid');
  }

  /** An admin refunds (all of) the fee of a rejected dossier; idempotent by refundId. */
  async refund(code: string, reason: string): Promise<PaymentOrder> {
    const order = await eventually(`order of ${code} refundable`, async () => {
      const o = await this.order(code);
      return o.refundable || o.status === 'refunded' ? o : undefined;
    });
    const res = await http('POST', `${this.urls.payment}/v1/payments/orders/${order.id}/refunds`, {
      headers: { Authorization: await this.officers.token('admin') },
      body: { reason, refundId: `refund-${code}` },
    });
    if (res.status >= 300) throw new Error(`refund for ${code}: ${res.status} ${JSON.stringify(res.body)}`);
    return this.order(code, 'refunded');
  }

  async receipt(number: string): Promise<any> {
    return expectStatus(
      await http('GET', `${this.urls.payment}/v1/payments/receipts/${encodeURIComponent(number)}`, {
        headers: { 'X-Api-Key': this.portal.apiKey },
      }),
      200,
      `receipt ${number}`,
    ).body;
  }
}

/** A shipment as officers see it (apps/postal-delivery ShipmentView). */
export interface Shipment {
  id: string;
  dossierCode: string;
  status: string;
  codAmount: number;
  cod: { amount: number; collected: number | null; mismatch: boolean; settledAt: string | null };
  [k: string]: unknown;
}

export type PartnerScenario = 'normal' | 'fail_then_deliver' | 'fail_twice_return' | 'short_cod';

/** The post: shipments as postal-delivery records them, and what the partner (simulator) will do with a parcel. */
export class PostOffice {
  constructor(
    private readonly urls: PlatformUrls,
    private readonly officers: Officers,
  ) {}

  async shipments(code: string): Promise<Shipment[]> {
    return expectStatus(
      await http('GET', `${this.urls.postal}/v1/shipments?dossier=${encodeURIComponent(code)}`, {
        headers: { Authorization: await this.officers.token('reception') },
      }),
      200,
      `shipments of ${code}`,
    ).body;
  }

  shipment(code: string, status?: string, timeoutMs?: number): Promise<Shipment> {
    return eventually(
      `shipment of ${code}${status ? ` ${status}` : ''}`,
      async () => {
        const [s] = await this.shipments(code);
        return s && (!status || s.status === status) ? s : undefined;
      },
      timeoutMs,
    );
  }

  /** Tells the partner simulator how this dossier's parcel will go (before the result is issued). */
  async plan(code: string, scenario: PartnerScenario): Promise<void> {
    expectStatus(
      await http('POST', `${this.urls.partner}/scenarios`, { body: { dossierCode: code, scenario } }),
      200,
      `plan ${scenario} for ${code}`,
    );
  }
}
