import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { foldVietnamese } from './fold-vietnamese';
import type { FeeRule, FieldCode, ProcedureDefinition, RequiredDocument } from './procedure.types';

/** One version of a procedure. A revision is a new row; dossiers keep the version they were filed under. */
export interface ProcedureVersion extends ProcedureDefinition {
  version: number;
  catalogVersion: number | null;
  createdBy: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface ProcedureFilter {
  field?: string;
  level?: number;
  /** Free text, with or without diacritics: every word must appear, in any order. */
  text?: string;
}

const COLUMNS = `code, version, name, field_code, level, processing_time, processing_time_unit, fee_items, required_documents,
  declaration_schema, result, source, source_note, catalog_version, created_by, created_at, retired_at`;

/** The newest version of every procedure still offered. */
const CURRENT = `
  SELECT DISTINCT ON (code) * FROM intake.procedure_versions
   WHERE retired_at IS NULL
   ORDER BY code, version DESC`;

type ProcedureRow = {
  code: string;
  version: number;
  name: string;
  field_code: FieldCode;
  level: ProcedureDefinition['level']; // CHECK (level BETWEEN 1 AND 4)
  processing_time: number;
  processing_time_unit: ProcedureVersion['processingTimeUnit'];
  fee_items: FeeRule[];
  required_documents: RequiredDocument[];
  declaration_schema: Record<string, unknown> | null;
  result: string;
  source: ProcedureVersion['source'];
  source_note: string;
  catalog_version: number | null;
  created_by: string;
  created_at: Date;
  retired_at: Date | null;
};

const toProcedureVersion = (r: ProcedureRow): ProcedureVersion => ({
  code: r.code,
  version: r.version,
  name: r.name,
  fieldCode: r.field_code,
  level: r.level,
  processingTime: r.processing_time,
  processingTimeUnit: r.processing_time_unit,
  fees: r.fee_items,
  requiredDocuments: r.required_documents,
  declarationSchema: r.declaration_schema,
  result: r.result,
  source: r.source,
  sourceNote: r.source_note,
  catalogVersion: r.catalog_version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  retiredAt: r.retired_at,
});

/** Every query of the procedure catalog: its versions, the search and the counts. */
@Injectable()
export class ProcedureRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The newest version of a code, retired or not, or null when the code is unknown. */
  async latest(code: string, manager: EntityManager = this.dataSource.manager): Promise<ProcedureVersion | null> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM intake.procedure_versions WHERE code = $1 ORDER BY version DESC LIMIT 1`,
      [code],
    );
    return row ? toProcedureVersion(row) : null;
  }

  async version(
    code: string,
    version: number,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProcedureVersion | null> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM intake.procedure_versions WHERE code = $1 AND version = $2`,
      [code, version],
    );
    return row ? toProcedureVersion(row) : null;
  }

  /** The current versions matching the filter, by field then code. */
  async search(filter: ProcedureFilter): Promise<ProcedureVersion[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.field) where.push(`field_code = $${params.push(filter.field)}`);
    if (filter.level) where.push(`level = $${params.push(filter.level)}`);
    const folded = filter.text ? foldVietnamese(filter.text) : '';
    if (folded) {
      // LIKE wildcards typed by the user are literal.
      for (const word of folded.split(' ')) {
        where.push(`search_text LIKE $${params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
      }
    }
    const rows: ProcedureRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM (${CURRENT}) p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY field_code, code`,
      params,
    );
    return rows.map(toProcedureVersion);
  }

  /** How many current procedures there are per field and level. */
  countsByFieldAndLevel(): Promise<{ fieldCode: string; level: number; n: number }[]> {
    return this.dataSource.query(
      `SELECT field_code AS "fieldCode", level, count(*)::int AS n FROM (${CURRENT}) p GROUP BY 1, 2`,
    );
  }

  async exists(em: EntityManager, code: string): Promise<boolean> {
    const [{ exists }] = await em.query(
      'SELECT EXISTS (SELECT 1 FROM intake.procedure_versions WHERE code = $1) AS exists',
      [code],
    );
    return exists;
  }

  /**
   * The highest version of a code (null when unknown), with concurrent revisions of that code
   * serialised until the transaction ends, so that they get distinct version numbers.
   */
  async lockLatestVersion(em: EntityManager, code: string): Promise<number | null> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure:${code}`]);
    const [{ max }] = await em.query('SELECT max(version) AS max FROM intake.procedure_versions WHERE code = $1', [
      code,
    ]);
    return max === null ? null : Number(max);
  }

  /** The search column is folded like the search's words, so they meet. */
  async insert(em: EntityManager, p: ProcedureVersion): Promise<void> {
    await em.query(
      `INSERT INTO intake.procedure_versions (${COLUMNS}, search_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        p.code,
        p.version,
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
        p.catalogVersion,
        p.createdBy,
        p.createdAt,
        p.retiredAt,
        foldVietnamese(`${p.code} ${p.name} ${p.result}`),
      ],
    );
  }
}
