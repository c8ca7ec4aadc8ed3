import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { FieldProblem } from '@dvc/kernel';
import { schemaProblem } from './declaration-schema';
import { CreateProcedureDto, ProcedureDefinitionDto } from './dto/procedure-definition.dto';
import { ListProceduresQuery } from './dto/list-procedures.query';
import { ProcedureErrors, ProcedureProblems } from './procedure.errors';
import { ProcedureRepository, ProcedureVersion } from './procedure.repository';
import { FIELD_CODES } from './procedure.types';

/** How long a submission may see a procedure version that an admin has just replaced. */
const CURRENT_CACHE_MS = 5000;

@Injectable()
export class ProcedureService {
  private readonly currentCache = new Map<string, { value: ProcedureVersion | null; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ProcedureRepository,
  ) {}

  /**
   * The version new dossiers are filed under, or null. Read on every submission, so it is cached
   * briefly; a revision reaches new submissions within CURRENT_CACHE_MS on every replica (at once
   * on the replica that made it).
   */
  async current(code: string): Promise<ProcedureVersion | null> {
    const hit = this.currentCache.get(code);
    if (hit && hit.until > Date.now()) return hit.value;
    const found = await this.repository.latest(code);
    const value = found && !found.retiredAt ? found : null;
    if (this.currentCache.size > 1000) this.currentCache.clear();
    this.currentCache.set(code, { value, until: Date.now() + CURRENT_CACHE_MS });
    return value;
  }

  list(query: ListProceduresQuery): Promise<ProcedureVersion[]> {
    return this.repository.search({ field: query.field, level: query.level, text: query.q });
  }

  /** The current version, or the given one (a dossier's, which never changes). */
  async find(code: string, version?: number): Promise<ProcedureVersion> {
    const found = version ? await this.repository.version(code, version) : await this.repository.latest(code);
    if (!found || (!version && found.retiredAt))
      throw version ? ProcedureErrors.versionNotFound(code, version) : ProcedureErrors.notFound(code);
    return found;
  }

  /** Counts by field and level: the source document's figures. */
  async stats() {
    const rows = await this.repository.countsByFieldAndLevel();
    const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).reduce((s, r) => s + r.n, 0);
    const byField = Object.fromEntries(
      FIELD_CODES.map((f) => [
        f,
        {
          total: count((r) => r.fieldCode === f),
          online: count((r) => r.fieldCode === f && r.level >= 2),
          byLevel: Object.fromEntries([1, 2, 3, 4].map((l) => [l, count((r) => r.fieldCode === f && r.level === l)])),
        },
      ]),
    );
    return {
      total: count(() => true),
      online: count((r) => r.level >= 2),
      byLevel: Object.fromEntries([1, 2, 3, 4].map((l) => [l, count((r) => r.level === l)])),
      byDecree42: {
        toan_trinh: count((r) => r.level === 4),
        mot_phan: count((r) => r.level === 3),
        thong_tin: count((r) => r.level <= 2),
      },
      byField,
    };
  }

  async create(dto: CreateProcedureDto, adminId: string): Promise<ProcedureVersion> {
    this.check(dto);
    return this.dataSource
      .transaction(async (em) => {
        if (await this.repository.exists(em, dto.code)) throw ProcedureErrors.alreadyExists(dto.code);
        return this.insertVersion(em, dto.code, 1, dto, adminId);
      })
      .finally(() => this.currentCache.delete(dto.code));
  }

  /** A revision is a new version; dossiers filed under earlier versions keep theirs. */
  async revise(code: string, dto: ProcedureDefinitionDto, adminId: string): Promise<ProcedureVersion> {
    this.check(dto);
    return this.dataSource
      .transaction(async (em) => {
        const latest = await this.repository.lockLatestVersion(em, code);
        if (latest === null) throw ProcedureErrors.notFound(code);
        return this.insertVersion(em, code, latest + 1, dto, adminId);
      })
      .finally(() => this.currentCache.delete(code));
  }

  private check(dto: ProcedureDefinitionDto): void {
    const problems: FieldProblem[] = [];
    const schema = dto.declarationSchema ?? null;
    if (dto.level >= 3 && !schema) {
      problems.push(ProcedureProblems.formRequired());
    }
    if (schema) {
      const problem = schemaProblem(schema);
      if (problem) problems.push(ProcedureProblems.formInvalid(problem));
    }
    dto.fees.forEach((f, i) => {
      if (f.unit !== 'per_item') return;
      const props = (schema?.properties ?? {}) as Record<string, { type?: string }>;
      const required = (schema?.required ?? []) as string[];
      if (!f.quantityField || props[f.quantityField]?.type !== 'integer' || !required.includes(f.quantityField)) {
        problems.push(ProcedureProblems.quantityField(i));
      }
    });
    const codes = dto.requiredDocuments.map((d) => d.code);
    if (new Set(codes).size !== codes.length) {
      problems.push(ProcedureProblems.duplicateDocument());
    }
    if (problems.length) throw ProcedureErrors.invalidDefinition(problems);
  }

  private async insertVersion(
    em: EntityManager,
    code: string,
    version: number,
    dto: ProcedureDefinitionDto,
    adminId: string,
  ): Promise<ProcedureVersion> {
    const procedure: ProcedureVersion = {
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
      catalogVersion: null,
      createdBy: adminId,
      createdAt: new Date(),
      retiredAt: null,
    };
    await this.repository.insert(em, procedure);
    return procedure;
  }
}
