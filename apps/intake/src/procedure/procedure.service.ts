import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FieldProblem } from '@dvc/kernel';
import { schemaProblem } from './declaration-schema';
import { CreateProcedureDto, ProcedureDefinitionDto } from './dto/procedure-definition.dto';
import { ListProceduresQuery } from './dto/list-procedures.query';
import { ProcedureVersionEntity } from './entities/procedure-version.entity';
import { foldVietnamese } from './fold-vietnamese';
import { ProcedureErrors } from './procedure.errors';
import { FIELD_CODES } from './procedure.types';

/** The newest version of every procedure still offered. */
const CURRENT = `
  SELECT DISTINCT ON (code) * FROM intake.procedure_versions
   WHERE retired_at IS NULL
   ORDER BY code, version DESC`;

/** How long a submission may see a procedure version that an admin has just replaced. */
const CURRENT_CACHE_MS = 5000;

@Injectable()
export class ProcedureService {
  private readonly currentCache = new Map<string, { value: ProcedureVersionEntity | null; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The version new dossiers are filed under, or null. Read on every submission, so it is cached
   * briefly; a revision reaches new submissions within CURRENT_CACHE_MS on every replica (at once
   * on the replica that made it).
   */
  async current(code: string): Promise<ProcedureVersionEntity | null> {
    const hit = this.currentCache.get(code);
    if (hit && hit.until > Date.now()) return hit.value;
    const found = await this.dataSource.getRepository(ProcedureVersionEntity).findOne({ where: { code }, order: { version: 'DESC' } });
    const value = found && !found.retiredAt ? found : null;
    if (this.currentCache.size > 1000) this.currentCache.clear();
    this.currentCache.set(code, { value, until: Date.now() + CURRENT_CACHE_MS });
    return value;
  }

  async list(query: ListProceduresQuery): Promise<ProcedureVersionEntity[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.field) where.push(`field_code = $${params.push(query.field)}`);
    if (query.level) where.push(`level = $${params.push(query.level)}`);
    if (query.q && foldVietnamese(query.q)) {
      // Every word must appear, in any order; LIKE wildcards typed by the user are literal.
      for (const word of foldVietnamese(query.q).split(' ')) {
        where.push(`search_text LIKE $${params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
      }
    }
    const rows = await this.dataSource.query(
      `SELECT * FROM (${CURRENT}) p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY field_code, code`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => this.dataSource.getRepository(ProcedureVersionEntity).create(fromRow(r)));
  }

  /** The current version, or the given one (a dossier's, which never changes). */
  async find(code: string, version?: number, manager: EntityManager = this.dataSource.manager): Promise<ProcedureVersionEntity> {
    const found = await manager.findOne(ProcedureVersionEntity, {
      where: version ? { code, version } : { code },
      order: { version: 'DESC' },
    });
    if (!found || (!version && found.retiredAt)) throw version ? ProcedureErrors.versionNotFound(code, version) : ProcedureErrors.notFound(code);
    return found;
  }

  /** Counts by field and level: the source document's figures. */
  async stats() {
    const rows: { field_code: string; level: number; n: number }[] = await this.dataSource.query(
      `SELECT field_code, level, count(*)::int AS n FROM (${CURRENT}) p GROUP BY 1, 2`,
    );
    const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((s, r) => s + r.n, 0);
    const byField = Object.fromEntries(
      FIELD_CODES.map((f) => [
        f,
        {
          total: count((r) => r.field_code === f),
          online: count((r) => r.field_code === f && r.level >= 2),
          byLevel: Object.fromEntries([1, 2, 3, 4].map((l) => [l, count((r) => r.field_code === f && r.level === l)])),
        },
      ]),
    );
    return {
      total: count(() => true),
      online: count((r) => r.level >= 2),
      byLevel: Object.fromEntries([1, 2, 3, 4].map((l) => [l, count((r) => r.level === l)])),
      byDecree42: { toan_trinh: count((r) => r.level === 4), mot_phan: count((r) => r.level === 3), thong_tin: count((r) => r.level <= 2) },
      byField,
    };
  }

  async create(dto: CreateProcedureDto, adminId: string): Promise<ProcedureVersionEntity> {
    this.check(dto);
    return this.dataSource.transaction(async (em) => {
      const exists = await em.existsBy(ProcedureVersionEntity, { code: dto.code });
      if (exists) throw ProcedureErrors.alreadyExists(dto.code);
      return this.insertVersion(em, dto.code, 1, dto, adminId);
    }).finally(() => this.currentCache.delete(dto.code));
  }

  /** A revision is a new version; dossiers filed under earlier versions keep theirs. */
  async revise(code: string, dto: ProcedureDefinitionDto, adminId: string): Promise<ProcedureVersionEntity> {
    this.check(dto);
    return this.dataSource.transaction(async (em) => {
      // Serialise concurrent revisions of one procedure so they get distinct version numbers.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procedure:${code}`]);
      const [{ max }] = await em.query('SELECT max(version) AS max FROM intake.procedure_versions WHERE code = $1', [code]);
      if (max === null) throw ProcedureErrors.notFound(code);
      return this.insertVersion(em, code, Number(max) + 1, dto, adminId);
    }).finally(() => this.currentCache.delete(code));
  }

  private check(dto: ProcedureDefinitionDto): void {
    const problems: FieldProblem[] = [];
    const schema = dto.declarationSchema ?? null;
    if (dto.level >= 3 && !schema) {
      problems.push({ field: 'declarationSchema', code: 'PROCEDURE.FORM_REQUIRED', vi: 'Thủ tục mức độ 3-4 cần có tờ khai (JSON Schema).', en: 'A level 3-4 procedure needs its declaration form.' });
    }
    if (schema) {
      const problem = schemaProblem(schema);
      if (problem) problems.push({ field: 'declarationSchema', code: 'PROCEDURE.FORM_INVALID', vi: `Tờ khai không phải JSON Schema hợp lệ: ${problem}`, en: `The form is not a valid JSON Schema: ${problem}` });
    }
    dto.fees.forEach((f, i) => {
      if (f.unit !== 'per_item') return;
      const props = (schema?.properties ?? {}) as Record<string, { type?: string }>;
      const required = (schema?.required ?? []) as string[];
      if (!f.quantityField || props[f.quantityField]?.type !== 'integer' || !required.includes(f.quantityField)) {
        problems.push({
          field: `fees.${i}.quantityField`,
          code: 'PROCEDURE.QUANTITY_FIELD',
          vi: 'Phí theo số lượng cần một trường số nguyên bắt buộc trong tờ khai.',
          en: 'A per_item fee needs a required integer property of the declaration form.',
        });
      }
    });
    const codes = dto.requiredDocuments.map((d) => d.code);
    if (new Set(codes).size !== codes.length) {
      problems.push({ field: 'requiredDocuments', code: 'PROCEDURE.DUPLICATE_DOCUMENT', vi: 'Mã thành phần hồ sơ bị trùng.', en: 'Document codes must be unique.' });
    }
    if (problems.length) throw ProcedureErrors.invalidDefinition(problems);
  }

  private async insertVersion(em: EntityManager, code: string, version: number, dto: ProcedureDefinitionDto, adminId: string) {
    const entity = em.create(ProcedureVersionEntity, {
      code,
      version,
      name: dto.name,
      fieldCode: dto.fieldCode,
      level: dto.level,
      processingTime: dto.processingTime,
      processingTimeUnit: dto.processingTimeUnit,
      fees: dto.fees.map((f) => ({ ...f })),
      requiredDocuments: dto.requiredDocuments.map((d) => ({ ...d })),
      declarationSchema: dto.declarationSchema ?? null,
      result: dto.result,
      source: dto.source,
      sourceNote: dto.sourceNote ?? '',
      searchText: foldVietnamese(`${code} ${dto.name} ${dto.result}`),
      catalogVersion: null,
      createdBy: adminId,
      createdAt: new Date(),
      retiredAt: null,
    });
    // jsonb columns hold plain objects, which the insert typing cannot express.
    await em.insert(ProcedureVersionEntity, entity as never);
    return entity;
  }
}

function fromRow(r: Record<string, unknown>): Partial<ProcedureVersionEntity> {
  return {
    code: r.code as string,
    version: r.version as number,
    name: r.name as string,
    fieldCode: r.field_code as ProcedureVersionEntity['fieldCode'],
    level: r.level as number,
    processingTime: r.processing_time as number,
    processingTimeUnit: r.processing_time_unit as ProcedureVersionEntity['processingTimeUnit'],
    fees: r.fee_items as ProcedureVersionEntity['fees'],
    requiredDocuments: r.required_documents as ProcedureVersionEntity['requiredDocuments'],
    declarationSchema: r.declaration_schema as ProcedureVersionEntity['declarationSchema'],
    result: r.result as string,
    source: r.source as ProcedureVersionEntity['source'],
    sourceNote: r.source_note as string,
  };
}
