import { findInputFlaws, hasControlCharacter } from './input-screen';
import { validateEvent } from './validate-event';

describe('findInputFlaws: the sanitation rule', () => {
  it('refuses every C0 control but tab, line feed and carriage return', () => {
    for (let c = 0; c < 0x20; c++) {
      const allowed = c === 0x09 || c === 0x0a || c === 0x0d;
      expect({ c, refused: hasControlCharacter(`a${String.fromCharCode(c)}b`) }).toEqual({ c, refused: !allowed });
    }
    expect(hasControlCharacter('Nguyễn Thị Hoa, 12 Lê Lợi\r\nPhường Sài Gòn\t(ghi chú)')).toBe(false);
    expect(hasControlCharacter('\u007f\u0085')).toBe(false); // DEL and C1 are outside the rule
  });

  it('names each flaw on its field, in the notation of the validation errors', () => {
    const body = JSON.parse(
      '{"applicant":{"name":"A\\u0000"},"attachments":[{"documentCode":"TP1"},{"documentCode":"\\u001b[2J"}],"ok":"x"}',
    );
    expect(findInputFlaws(body)).toEqual([
      expect.objectContaining({ field: 'applicant.name', code: 'REQUEST.CONTROL_CHARACTER' }),
      expect.objectContaining({ field: 'attachments.1.documentCode', code: 'REQUEST.CONTROL_CHARACTER' }),
    ]);
    expect(findInputFlaws('M.QLCS.22\u0000', 'code')).toEqual([expect.objectContaining({ field: 'code' })]);
    expect(findInputFlaws({ declaration: { lyDo: 'Dòng một\nDòng hai' } })).toEqual([]);
  });

  it('refuses __proto__, constructor and prototype keys at any depth, and control characters in keys', () => {
    const body = JSON.parse('{"__proto__":{"isAdmin":true},"a":[{"constructor":{}}],"b":{"prototype":1},"k\\u0000":1}');
    expect(findInputFlaws(body).map((f) => [f.field, f.code])).toEqual([
      ['__proto__', 'REQUEST.FORBIDDEN_KEY'],
      ['k\\u0000', 'REQUEST.CONTROL_CHARACTER'],
      ['a.0.constructor', 'REQUEST.FORBIDDEN_KEY'],
      ['b.prototype', 'REQUEST.FORBIDDEN_KEY'],
    ]);
    expect(findInputFlaws({ constructorName: 'x', proto: 1 })).toEqual([]);
  });

  it('gives Vietnamese and English for each flaw, reads no bytes, and stops at 20 flaws', () => {
    const [f] = findInputFlaws({ q: '\u0000' });
    expect(f.vi).toMatch(/ký tự điều khiển/);
    expect(f.en).toMatch(/control character/);
    expect(findInputFlaws({ file: { originalname: 'a.pdf', buffer: Buffer.from([0, 1, 2]) } })).toEqual([]);
    expect(findInputFlaws(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100000)}"\\u0000"${']'.repeat(100000)}`);
    expect(findInputFlaws(deep)).toHaveLength(1);
  });

  it('parks an event holding a NUL or a __proto__ key with the same codes', () => {
    const envelope = (data: string) =>
      JSON.parse(
        `{"id":"6f1c2a3e-8b7d-4c5e-9f0a-1b2c3d4e5f60","type":"dossier.withdrawn","version":1,"occurredAt":"2026-01-01T00:00:00Z","source":"intake","correlationId":"STC-1","causationId":null,"data":${data}}`,
      );
    expect(validateEvent(envelope('{"dossierCode":"STC\\u0000"}'))).toEqual({
      ok: false,
      code: 'REQUEST.CONTROL_CHARACTER',
      reason: 'data.dossierCode: REQUEST.CONTROL_CHARACTER',
    });
    expect(validateEvent(envelope('{"__proto__":{}}'))).toMatchObject({ ok: false, code: 'REQUEST.FORBIDDEN_KEY' });
  });
});
