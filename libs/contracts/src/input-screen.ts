/**
 * One rule for every input the platform accepts, whichever way it comes (HTTP body, query, path,
 * multipart field, a portal's AMQP submission, a partner's report, an event on the bus):
 *
 * - no C0 control character in a string or a key, except tab, line feed and carriage return.
 *   NUL is refused by PostgreSQL in text and jsonb (the request failed with a 500 after the
 *   checks had passed); the other controls (ESC, backspace, form feed...) have no place in a
 *   form's text and rewrite what an officer's terminal, log viewer or printed slip shows. Tab,
 *   LF and CR are kept: multi-line answers (addresses, reasons, notes) use them;
 * - no key `__proto__`, `constructor` or `prototype`, at any depth: JSON.parse makes `__proto__`
 *   an own key that class-transformer drops silently (so it escaped the unknown-field check and
 *   was stored), and code that copies such an object into another one changes its prototype.
 *
 * Plain data only: this lib is imported by every other one (@dvc/kernel turns a flaw into the
 * 400 problem, validateEvent into a parked message).
 */
export type InputFlawCode = 'REQUEST.CONTROL_CHARACTER' | 'REQUEST.FORBIDDEN_KEY';

export interface InputFlaw {
  /** Where: `declaration.lyDo`, `attachments.0.documentCode` (class-validator's notation), `q`. */
  field: string;
  code: InputFlawCode;
  vi: string;
  en: string;
}

// Matching control characters is the point of these two.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F]/g;
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const FORBIDDEN = new Set(FORBIDDEN_KEYS);

/** Enough to fix a request; a hostile body with a million flaws must not make a million entries. */
const MAX_FLAWS = 20;

const MESSAGES: Record<InputFlawCode, { vi: string; en: string }> = {
  'REQUEST.CONTROL_CHARACTER': {
    vi: 'Có ký tự điều khiển không được phép (ví dụ NUL); chỉ được dùng tab và xuống dòng.',
    en: 'Contains a control character that is not allowed (such as NUL); only tab and line breaks are.',
  },
  'REQUEST.FORBIDDEN_KEY': {
    vi: 'Tên trường "__proto__", "constructor" và "prototype" không được phép.',
    en: 'The keys "__proto__", "constructor" and "prototype" are not allowed.',
  },
};

/** True when the string holds a refused control character. */
export const hasControlCharacter = (s: string): boolean => CONTROL.test(s);

/** A key as it can be shown back (a field name must not carry the control it is refused for). */
const printable = (key: string) => key.replace(CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const join = (path: string, key: string) => (path ? `${path}.${printable(key)}` : printable(key));

const flaw = (field: string, code: InputFlawCode): InputFlaw => ({ field, code, ...MESSAGES[code] });

/**
 * Every flaw in a value (up to 20), each on its field. `field` names the value itself when it is
 * one parameter (`q`, `code`); a whole body is walked from the root (fields without a prefix).
 * Iterative, so a deeply nested body cannot overflow the stack; bytes (Buffer, typed arrays) are
 * content, not text, and are not read.
 */
export function findInputFlaws(value: unknown, field = ''): InputFlaw[] {
  const flaws: InputFlaw[] = [];
  const stack: [unknown, string][] = [[value, field]];
  while (stack.length && flaws.length < MAX_FLAWS) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (CONTROL.test(v)) flaws.push(flaw(path, 'REQUEST.CONTROL_CHARACTER'));
      continue;
    }
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Date)
      continue;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))]);
      continue;
    }
    // Own keys only: JSON.parse and the query parsers make plain objects, `__proto__` included.
    const children: [unknown, string][] = [];
    for (const key of Object.keys(v)) {
      const at = join(path, key);
      if (FORBIDDEN.has(key)) flaws.push(flaw(at, 'REQUEST.FORBIDDEN_KEY'));
      else if (CONTROL.test(key)) flaws.push(flaw(at, 'REQUEST.CONTROL_CHARACTER'));
      else children.push([(v as Record<string, unknown>)[key], at]);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return flaws.slice(0, MAX_FLAWS);
}
