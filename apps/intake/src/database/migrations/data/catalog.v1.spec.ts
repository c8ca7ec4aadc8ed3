import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import catalog from './catalog.v1.json';

type FieldCode = 'QLCS' | 'TCDN' | 'QLG' | 'QLNS' | 'THTK';

interface Fee {
  code: string;
  name: string;
  amount: number;
  unit: string;
  quantityField?: string;
}

interface RequiredDocument {
  code: string;
  name: string;
  mandatory: boolean;
  form: string;
  copies: number;
  fileTypes: string[];
}

interface JsonSchemaObject {
  $schema?: string;
  type?: string;
  additionalProperties?: boolean;
  required?: string[];
  properties?: Record<string, { type?: string; title?: string; minimum?: number }>;
}

interface Procedure {
  code: string;
  name: string;
  fieldCode: FieldCode;
  level: number;
  processingTime: number;
  processingTimeUnit: string;
  fees: Fee[];
  requiredDocuments: RequiredDocument[];
  declarationSchema: JsonSchemaObject | null;
  result: string;
  source: string;
  sourceNote: string;
}

const procedures = catalog.procedures as unknown as Procedure[];

const FIELDS: FieldCode[] = ['QLCS', 'TCDN', 'QLG', 'QLNS', 'THTK'];
const FILE_TYPES = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];

/** Number of procedures per field among those matching the filter; every field is listed, zeros included. */
function countByField(filter: (p: Procedure) => boolean): Record<FieldCode, number> {
  const counts = { QLCS: 0, TCDN: 0, QLG: 0, QLNS: 0, THTK: 0 };
  for (const p of procedures.filter(filter)) counts[p.fieldCode] += 1;
  return counts;
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

function newAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

const onlineLevels = (p: Procedure) => p.level >= 2;

describe('procedure catalog v1', () => {
  it('has the version and the agency', () => {
    expect(catalog.catalogVersion).toBe(1);
    expect(catalog.agency).toEqual({ code: '000.00.12.H30', name: 'Sở Tài chính' });
  });

  describe("the source document's figures", () => {
    it('has 42 procedures', () => {
      expect(procedures).toHaveLength(42);
    });

    it('uses only the five known fields and levels 1..4', () => {
      for (const p of procedures) {
        expect(FIELDS).toContain(p.fieldCode);
        expect([1, 2, 3, 4]).toContain(p.level);
      }
    });

    it('offers 38 online (levels 2-4): QLCS 27, TCDN 5, QLG 4, QLNS 1, THTK 1', () => {
      expect(procedures.filter(onlineLevels)).toHaveLength(38);
      expect(countByField(onlineLevels)).toEqual({ QLCS: 27, TCDN: 5, QLG: 4, QLNS: 1, THTK: 1 });
    });

    it('runs 34 at level 4: QLCS 25, TCDN 5, QLG 2, QLNS 1, THTK 1', () => {
      expect(procedures.filter((p) => p.level === 4)).toHaveLength(34);
      expect(countByField((p) => p.level === 4)).toEqual({ QLCS: 25, TCDN: 5, QLG: 2, QLNS: 1, THTK: 1 });
    });

    it('runs exactly 1 at level 3, in price management', () => {
      expect(procedures.filter((p) => p.level === 3)).toHaveLength(1);
      expect(countByField((p) => p.level === 3)).toEqual({ QLCS: 0, TCDN: 0, QLG: 1, QLNS: 0, THTK: 0 });
    });

    it('runs 3 at level 2: QLCS 2, QLG 1', () => {
      expect(procedures.filter((p) => p.level === 2)).toHaveLength(3);
      expect(countByField((p) => p.level === 2)).toEqual({ QLCS: 2, TCDN: 0, QLG: 1, QLNS: 0, THTK: 0 });
    });

    it('has 4 information-only procedures (level 1)', () => {
      expect(procedures.filter((p) => p.level === 1)).toHaveLength(4);
    });
  });

  describe('identity', () => {
    it('has unique codes', () => {
      expect(duplicates(procedures.map((p) => p.code))).toEqual([]);
    });

    it('has unique names', () => {
      expect(duplicates(procedures.map((p) => p.name.trim().toLowerCase()))).toEqual([]);
    });

    it('uses a national code or M.<FIELD>.<2 digits> whose field matches', () => {
      for (const p of procedures) {
        const modeled = /^M\.([A-Z]+)\.(\d{2})$/.exec(p.code);
        if (modeled) expect(`${p.code}:${modeled[1]}`).toBe(`${p.code}:${p.fieldCode}`);
        else expect(p.code).toMatch(/^\d\.\d{6}$/);
      }
    });

    it('marks each entry public or modeled, with a note and a result', () => {
      for (const p of procedures) {
        expect(['public', 'modeled']).toContain(p.source);
        expect(p.sourceNote.trim().length).toBeGreaterThan(10);
        expect(p.result.trim().length).toBeGreaterThan(0);
        expect(p.name.trim()).toBe(p.name);
      }
    });

    it.each([
      ['1.005426', 'Quyết định thanh lý tài sản công'],
      ['1.005417', 'Quyết định thuê tài sản phục vụ hoạt động của cơ quan, tổ chức, đơn vị'],
      [
        '2.002173',
        'Hoàn trả hoặc khấu trừ tiền sử dụng đất đã nộp hoặc tiền nhận chuyển nhượng quyền sử dụng đất đã trả vào nghĩa vụ tài chính của chủ đầu tư dự án nhà ở xã hội',
      ],
    ])('has the public procedure %s', (code, name) => {
      const p = procedures.find((x) => x.code === code);
      expect(p).toMatchObject({ code, name, fieldCode: 'QLCS', source: 'public', processingTime: 30 });
    });

    it('has the invoice sales of public-asset management at level 4', () => {
      for (const name of ['Mua quyển hóa đơn', 'Mua hóa đơn lẻ']) {
        const p = procedures.find((x) => x.name === name);
        expect(p).toMatchObject({ name, fieldCode: 'QLCS', level: 4 });
        expect(p?.fees.map((f) => f.unit)).toEqual(['per_item']);
      }
    });
  });

  describe('processing time', () => {
    it('is a positive integer in working days or working hours', () => {
      for (const p of procedures) {
        expect(Number.isInteger(p.processingTime) && p.processingTime > 0).toBe(true);
        expect(['working_days', 'working_hours']).toContain(p.processingTimeUnit);
      }
    });

    it('uses working hours only for at most two modeled procedures', () => {
      const inHours = procedures.filter((p) => p.processingTimeUnit === 'working_hours');
      expect(inHours.length).toBeLessThanOrEqual(2);
      for (const p of inHours) expect(p.source).toBe('modeled');
    });
  });

  describe('required documents', () => {
    it.each(procedures.map((p) => [p.code, p] as const))('%s lists 2-5 well-formed documents', (_code, p) => {
      expect(p.requiredDocuments.length).toBeGreaterThanOrEqual(2);
      expect(p.requiredDocuments.length).toBeLessThanOrEqual(5);
      expect(p.requiredDocuments.map((d) => d.code)).toEqual(p.requiredDocuments.map((_d, i) => `TP${i + 1}`));
      for (const d of p.requiredDocuments) {
        expect(d.name.trim().length).toBeGreaterThan(0);
        expect(typeof d.mandatory).toBe('boolean');
        expect(['original', 'copy']).toContain(d.form);
        expect(Number.isInteger(d.copies) && d.copies >= 1).toBe(true);
        expect(d.fileTypes.length).toBeGreaterThan(0);
        expect(duplicates(d.fileTypes)).toEqual([]);
        for (const t of d.fileTypes) expect(FILE_TYPES).toContain(t);
        if (/nếu có/i.test(d.name) && /khác có liên quan/i.test(d.name)) expect(d.mandatory).toBe(false);
      }
      expect(p.requiredDocuments.some((d) => d.mandatory)).toBe(true);
    });
  });

  describe('declaration schema', () => {
    const online = procedures.filter((p) => p.level >= 3);
    const offline = procedures.filter((p) => p.level <= 2);

    it('is null for every level-1 and level-2 procedure', () => {
      expect(offline).toHaveLength(7);
      for (const p of offline)
        expect({ code: p.code, schema: p.declarationSchema }).toEqual({ code: p.code, schema: null });
    });

    it.each(online.map((p) => [p.code, p] as const))(
      '%s: compiles with Ajv 2020 and is a closed object',
      (_code, p) => {
        const schema = p.declarationSchema;
        expect(schema).not.toBeNull();
        if (!schema) return;
        expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
        expect(schema.type).toBe('object');
        expect(schema.additionalProperties).toBe(false);
        const names = Object.keys(schema.properties ?? {});
        expect(names.length).toBeGreaterThanOrEqual(3);
        expect(names.length).toBeLessThanOrEqual(8);
        for (const n of names) {
          expect(n).toMatch(/^[a-z][a-zA-Z0-9]*$/);
          expect(schema.properties?.[n].title?.trim().length).toBeGreaterThan(0);
        }
        expect(schema.required?.length).toBeGreaterThan(0);
        for (const r of schema.required ?? []) expect(names).toContain(r);

        const validate = newAjv().compile(schema);
        expect(validate({})).toBe(false);
        expect(validate('not an object')).toBe(false);
      },
    );
  });

  describe('fees', () => {
    const allFees = procedures.flatMap((p) => p.fees.map((f) => ({ p, f })));

    it('has positive integer amounts in VND and a known unit', () => {
      expect(allFees.length).toBeGreaterThan(0);
      for (const { p, f } of allFees) {
        expect({ code: p.code, amountOk: Number.isInteger(f.amount) && f.amount > 0 }).toEqual({
          code: p.code,
          amountOk: true,
        });
        expect(['per_dossier', 'per_item']).toContain(f.unit);
        expect(f.name.trim().length).toBeGreaterThan(0);
      }
    });

    it('has unique fee codes within a procedure', () => {
      for (const p of procedures) expect(duplicates(p.fees.map((f) => f.code))).toEqual([]);
    });

    it("ties every per_item fee to a required integer property (minimum >= 1) of the procedure's declaration", () => {
      const perItem = allFees.filter(({ f }) => f.unit === 'per_item');
      expect(perItem.length).toBeGreaterThan(0);
      for (const { p, f } of perItem) {
        const schema = p.declarationSchema;
        expect(schema).not.toBeNull();
        expect(typeof f.quantityField).toBe('string');
        const field = f.quantityField as string;
        expect(schema?.required).toContain(field);
        expect(schema?.properties?.[field]?.type).toBe('integer');
        expect(schema?.properties?.[field]?.minimum).toBeGreaterThanOrEqual(1);
        const validate = newAjv().compile(schema as object);
        expect(validate({ [field]: 0 })).toBe(false);
      }
    });

    it('gives per_dossier fees no quantity field', () => {
      for (const { f } of allFees.filter(({ f }) => f.unit === 'per_dossier')) expect(f.quantityField).toBeUndefined();
    });

    it('has no fee on any public procedure (every fee field read said none)', () => {
      expect(procedures.filter((p) => p.source === 'public' && p.fees.length > 0).map((p) => p.code)).toEqual([]);
    });

    it('has level-4 fees both per dossier and per item', () => {
      const level4 = allFees.filter(({ p }) => p.level === 4);
      expect(level4.some(({ f }) => f.unit === 'per_dossier')).toBe(true);
      expect(level4.some(({ f }) => f.unit === 'per_item')).toBe(true);
    });

    it('has a fee on the level-3 procedure (paid at the counter)', () => {
      const level3 = procedures.filter((p) => p.level === 3);
      expect(level3).toHaveLength(1);
      expect(level3[0].fees.length).toBeGreaterThan(0);
    });
  });
});
