import { type OfficerRole, signOfficerToken } from '@dvc/platform';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `probe` gives a value; fails naming what was awaited and the last value seen. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`);
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
      const res = await http('POST', `${this.urls.intake}/v1/dossiers`, { headers: { 'X-Api-Key': this.apiKey, 'Idempotency-Key': idempotencyKey }, body: form() });
      return res.status === 409 ? undefined : res;
    });
  }

  async lookup(code: string, secret: string) {
    return expectStatus(await http('GET', `${this.urls.intake}/v1/dossiers/${code}`, { headers: { 'X-Lookup-Secret': secret } }), 200, `lookup ${code}`).body;
  }

  async withdraw(code: string, secret: string, reason: string) {
    return http('POST', `${this.urls.intake}/v1/dossiers/${code}/withdraw`, { headers: { 'X-Api-Key': this.apiKey, 'X-Lookup-Secret': secret }, body: { reason } });
  }

  async supplement(code: string, secret: string, requestId: string, files: Upload[]) {
    const f = new FormData();
    f.set('supplement', JSON.stringify({ requestId, note: 'Bổ sung theo yêu cầu' }));
    for (const [docCode, name, bytes] of files) f.append(docCode, new Blob([bytes], { type: 'application/pdf' }), name);
    return http('POST', `${this.urls.intake}/v1/dossiers/${code}/supplements`, { headers: { 'X-Api-Key': this.apiKey, 'X-Lookup-Secret': secret }, body: f });
  }
}

/** The Department's officers, each with a signed token for their role, working through processing's API. */
export class Officers {
  constructor(
    private readonly urls: PlatformUrls,
    private readonly auth: OfficerAuth,
  ) {}

  token(role: OfficerRole, id = `officer-${role}`): string {
    return `Bearer ${signOfficerToken({ id, roles: [role] }, this.auth.secret, this.auth.issuer)}`;
  }

  async case(code: string): Promise<any> {
    const res = await http('GET', `${this.urls.processing}/v1/cases/${code}`, { headers: { Authorization: this.token('leader') } });
    return res.status === 200 ? res.body : undefined;
  }

  async history(code: string): Promise<{ action: string; from: string | null; to: string }[]> {
    return expectStatus(await http('GET', `${this.urls.processing}/v1/cases/${code}/history`, { headers: { Authorization: this.token('leader') } }), 200, `history ${code}`).body;
  }

  async nationalRecord(code: string): Promise<any> {
    return expectStatus(await http('GET', `${this.urls.processing}/v1/cases/${code}/national-record`, { headers: { Authorization: this.token('leader') } }), 200, `national record ${code}`)
      .body;
  }

  /**
   * Takes an action and returns the case. Idempotent for the journeys: when a retry finds the
   * case already in the state the action leads to (the first try went through before a crash),
   * that counts as done; any other refusal fails.
   */
  async act(code: string, action: string, role: OfficerRole, reaches: string, body: Record<string, unknown> = {}): Promise<any> {
    const res = await http('POST', `${this.urls.processing}/v1/cases/${code}/actions/${action}`, { headers: { Authorization: this.token(role) }, body });
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
    return eventually(`case ${code} ${status}`, async () => {
      const c = await this.case(code);
      return c?.status === status ? c : undefined;
    }, timeoutMs);
  }
}
