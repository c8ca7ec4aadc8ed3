import { MigrationInterface, QueryRunner } from 'typeorm';
// Frozen input: data/catalog.v1.json is never edited once landed (a later catalog is a new file
// and a new migration), and nothing here imports live code, so this migration always writes the
// same rows.
import catalog from './data/catalog.v1.json';

/** The catalog file's shape, as this migration reads it. */
interface CatalogV1Procedure {
  code: string;
  name: string;
  fieldCode: string;
  level: number;
  processingTime: number;
  processingTimeUnit: string;
  fees: unknown[];
  requiredDocuments: unknown[];
  declarationSchema: Record<string, unknown> | null;
  result: string;
  source: string;
  sourceNote: string;
}

/** search_text as it was folded when this migration landed: lower case, no diacritics, đ as d. */
function foldV1(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Loads the Department's catalog, version 1. Each procedure becomes version 1 of its code; the
 * first migration's placeholder procedures that are not in the catalog are retired, not deleted,
 * because dossiers may already reference them.
 */
export class LoadCatalogV11764320100000 implements MigrationInterface {
  name = 'LoadCatalogV11764320100000';

  async up(qr: QueryRunner): Promise<void> {
    const procedures = catalog.procedures as unknown as CatalogV1Procedure[];
    for (const p of procedures) {
      await qr.query(
        `INSERT INTO intake.procedure_versions
           (code, version, name, field_code, level, processing_time, processing_time_unit, fee_items, required_documents,
            declaration_schema, result, source, source_note, search_text, catalog_version, created_by)
         VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'catalog.v1.json')
         ON CONFLICT (code, version) DO UPDATE SET
           name = EXCLUDED.name, field_code = EXCLUDED.field_code, level = EXCLUDED.level,
           processing_time = EXCLUDED.processing_time, processing_time_unit = EXCLUDED.processing_time_unit,
           fee_items = EXCLUDED.fee_items, required_documents = EXCLUDED.required_documents,
           declaration_schema = EXCLUDED.declaration_schema, result = EXCLUDED.result, source = EXCLUDED.source,
           source_note = EXCLUDED.source_note, search_text = EXCLUDED.search_text,
           catalog_version = EXCLUDED.catalog_version, created_by = EXCLUDED.created_by`,
        [
          p.code,
          p.name,
          p.fieldCode,
          p.level,
          p.processingTime,
          p.processingTimeUnit,
          JSON.stringify(p.fees),
          JSON.stringify(p.requiredDocuments),
          p.declarationSchema === null ? null : JSON.stringify(p.declarationSchema),
          p.result,
          p.source,
          p.sourceNote,
          foldV1(`${p.code} ${p.name} ${p.result}`),
          catalog.catalogVersion,
        ],
      );
    }
    await qr.query(
      `UPDATE intake.procedure_versions SET retired_at = now()
        WHERE catalog_version IS NULL AND NOT (code = ANY($1))`,
      [procedures.map((p) => p.code)],
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`UPDATE intake.procedure_versions SET retired_at = NULL WHERE catalog_version IS NULL`);
    await qr.query(
      `DELETE FROM intake.procedure_versions p WHERE catalog_version = 1
          AND NOT EXISTS (SELECT 1 FROM intake.dossiers d WHERE d.procedure_code = p.code AND d.procedure_version = p.version)`,
    );
  }
}
