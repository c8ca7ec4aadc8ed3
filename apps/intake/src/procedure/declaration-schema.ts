import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FieldProblem } from '@dvc/kernel';
import { declarationProblem } from './procedure.errors';

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** Compiles once per procedure version; the catalog holds few schemas and they never change. */
function validatorFor(cacheKey: string, schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(cacheKey);
  if (!v) compiled.set(cacheKey, (v = ajv.compile(schema)));
  return v;
}

/** For the admin API: is this a JSON Schema ajv can use? Returns the problem, or undefined. */
export function schemaProblem(schema: unknown): string | undefined {
  try {
    if (typeof schema !== 'object' || schema === null) return 'declarationSchema must be a JSON Schema object';
    new Ajv2020({ allErrors: true, strict: false }).compile(schema as Record<string, unknown>);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Validates a declaration against its procedure's form; one problem per offending field. */
export function validateDeclaration(cacheKey: string, schema: Record<string, unknown>, data: unknown): FieldProblem[] {
  const validate = validatorFor(cacheKey, schema);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => {
    const p = e.params as Record<string, unknown>;
    const segments = e.instancePath
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') segments.push(String(p.missingProperty));
    if (e.keyword === 'additionalProperties') segments.push(String(p.additionalProperty));
    return { field: ['declaration', ...segments].join('.'), ...declarationProblem(e) };
  });
}
