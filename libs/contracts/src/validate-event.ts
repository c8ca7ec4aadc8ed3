import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventEnvelope } from './envelope';
import { findInputFlaws, type InputFlawCode } from './input-screen';
import { EVENT_CATALOG, EventType } from './registry';

export type EventValidation =
  | { ok: true; envelope: EventEnvelope }
  | {
      ok: false;
      code: 'EVENT.MALFORMED' | 'EVENT.UNKNOWN_TYPE' | 'EVENT.INVALID_PAYLOAD' | InputFlawCode;
      reason: string;
    };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...describe(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a consumed message against the contract: envelope shape, a known type and version,
 * and the payload class's rules. Unknown extra fields are tolerated (fields are only ever
 * added, so an older consumer must accept a newer producer's payload). The platform's sanitation
 * rule (input-screen) comes first: a NUL would fail the handler's statement on every retry.
 */
export function validateEvent(raw: unknown): EventValidation {
  if (!isObject(raw)) return { ok: false, code: 'EVENT.MALFORMED', reason: 'message is not a JSON object' };
  const flaws = findInputFlaws(raw);
  if (flaws.length)
    return { ok: false, code: flaws[0].code, reason: flaws.map((f) => `${f.field}: ${f.code}`).join('; ') };
  const problems: string[] = [];
  if (typeof raw.id !== 'string' || !UUID.test(raw.id)) problems.push('id must be a uuid');
  if (typeof raw.type !== 'string') problems.push('type must be a string');
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version)) problems.push('version must be an integer');
  if (typeof raw.occurredAt !== 'string' || Number.isNaN(Date.parse(raw.occurredAt)))
    problems.push('occurredAt must be an ISO time');
  if (typeof raw.source !== 'string' || raw.source === '') problems.push('source must be a non-empty string');
  if (typeof raw.correlationId !== 'string' || raw.correlationId === '')
    problems.push('correlationId must be a non-empty string');
  if (raw.causationId !== null && raw.causationId !== undefined && typeof raw.causationId !== 'string')
    problems.push('causationId must be a string or null');
  if (!isObject(raw.data)) problems.push('data must be an object');
  if (problems.length) return { ok: false, code: 'EVENT.MALFORMED', reason: problems.join('; ') };

  const entry = EVENT_CATALOG[raw.type as EventType];
  if (!entry || entry.version !== raw.version) {
    return {
      ok: false,
      code: 'EVENT.UNKNOWN_TYPE',
      reason: `unknown event ${String(raw.type)} v${String(raw.version)}`,
    };
  }
  const payload = plainToInstance(entry.payload as new () => object, raw.data);
  const errors = describe(validateSync(payload, { forbidUnknownValues: false }));
  if (errors.length) return { ok: false, code: 'EVENT.INVALID_PAYLOAD', reason: errors.join('; ') };
  return {
    ok: true,
    envelope: { ...(raw as unknown as EventEnvelope), causationId: (raw.causationId as string) ?? null },
  };
}
