import { INTAKE_MIGRATIONS, ProcedureRepository, type ProcedureVersion } from '../../../apps/intake/src';
import { useMigratedDatabase } from '../../support/migrated-database';

describe('intake ProcedureRepository (real PostgreSQL, catalog v1 loaded by the migrations)', () => {
  const ds = useMigratedDatabase('intake', 'intake_procedures', INTAKE_MIGRATIONS);
  const procedures = new ProcedureRepository(ds);

  it("finds a catalog procedure's version 1, and nothing for an unknown code or version", async () => {
    const p = await procedures.latest('1.005426');
    expect(p).toMatchObject({
      code: '1.005426',
      version: 1,
      name: 'Quyết định thanh lý tài sản công',
      fieldCode: 'QLCS',
      level: 4,
      catalogVersion: 1,
      retiredAt: null,
    });
    expect(p!.requiredDocuments.length).toBeGreaterThan(0);
    expect(await procedures.version('1.005426', 1)).toEqual(p);
    expect(await procedures.version('1.005426', 99)).toBeNull();
    expect(await procedures.latest('9.999999')).toBeNull();
  });

  it('searches the current versions by words with or without diacritics, in any order, wildcards literal', async () => {
    const codes = async (text: string, extra: { field?: string; level?: number } = {}) =>
      (await procedures.search({ text, ...extra })).map((p) => p.code);
    expect(await codes('tai san thanh ly')).toContain('1.005426');
    expect(await codes('Thanh lý tài sản công')).toContain('1.005426');
    expect(await codes('thanh ly', { field: 'QLG' })).not.toContain('1.005426');
    expect(await codes('%')).toEqual([]);
    const all = await procedures.search({});
    expect(all).toHaveLength(42);
    expect(all.map((p) => `${p.fieldCode} ${p.code}`)).toEqual([...all.map((p) => `${p.fieldCode} ${p.code}`)].sort());
  });

  it('counts the current procedures by field and level', async () => {
    const counts = await procedures.countsByFieldAndLevel();
    expect(counts.reduce((s, r) => s + r.n, 0)).toBe(42);
    expect(counts.every((r) => typeof r.fieldCode === 'string' && typeof r.level === 'number')).toBe(true);
  });

  it('adds a revision as the next version, which becomes current and searchable; the old version stays', async () => {
    const before = (await procedures.latest('1.005426'))!;
    const revision: ProcedureVersion = {
      ...before,
      version: 0,
      name: 'Quyết định thanh lý tài sản công (sửa đổi)',
      catalogVersion: null,
      createdBy: 'admin-1',
      createdAt: new Date('2026-12-01T00:00:00.000Z'),
    };
    await ds.transaction(async (em) => {
      expect(await procedures.exists(em, '1.005426')).toBe(true);
      expect(await procedures.exists(em, '9.999999')).toBe(false);
      const latest = await procedures.lockLatestVersion(em, '1.005426');
      expect(latest).toBe(1);
      revision.version = latest! + 1;
      await procedures.insert(em, revision);
    });
    expect(await procedures.lockLatestVersion(ds.manager, '9.999999')).toBeNull();
    expect(await procedures.latest('1.005426')).toEqual(revision);
    expect(await procedures.version('1.005426', 1)).toEqual(before);
    const found = (await procedures.search({ text: 'sua doi' })).map((p) => `${p.code}@${p.version}`);
    expect(found).toEqual(['1.005426@2']);
    expect(await procedures.search({})).toHaveLength(42);
  });

  it('leaves retired procedures out of the search', async () => {
    expect((await procedures.search({})).map((p) => p.code)).toContain('1.005417');
    await ds.query(`UPDATE intake.procedure_versions SET retired_at = now() WHERE code = '1.005417'`);
    expect((await procedures.search({})).map((p) => p.code)).not.toContain('1.005417');
    expect((await procedures.latest('1.005417'))?.retiredAt).toBeInstanceOf(Date);
    // The first migration's placeholder procedure, retired by the catalog migration.
    expect((await procedures.latest('M.QLCS.HDL'))?.retiredAt).toBeInstanceOf(Date);
  });
});
