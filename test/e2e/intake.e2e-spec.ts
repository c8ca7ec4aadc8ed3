import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createEvent, namespaced, PORTAL_QUEUES, ROUTING_KEYS } from '@dvc/contracts';
import { BrokerProbe } from '../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, ServiceKey, ServiceProcess } from '../../tools/harness/service-process';
import { startPlatform } from '../support/platform-fixture';
import { createPortalKey, officerToken } from '../../tools/harness/portal-client';
import { idempotencyKey, pdf, PNG, submitInvoiceDossier, submitLiquidationDossier } from '../support/portal-client';
import { invoiceDossier, liquidationDossier } from '../../tools/journeys/dossiers';
import { adminTestDbUrl } from '../../tools/harness/test-env.config';
import { waitFor } from '../../tools/harness/wait';

let OFFICER: string;
// Signed before the tests: jose signs asynchronously.
beforeAll(async () => {
  OFFICER = `Bearer ${await officerToken(['specialist'])}`;
});

describe('intake: catalog and portal submissions (real intake + processing, PostgreSQL, RabbitMQ)', () => {
  let services: Record<ServiceKey, ServiceProcess>;
  let namespace: string;
  let apiKey: string;
  let db: DataSource;
  const intake = () => request(services.intake.url);
  const seq = (code: string) => Number(code.split('-').pop());
  const counts = async () => {
    const [row] = await db.query(`SELECT
      (SELECT count(*) FROM intake.dossiers)::int AS dossiers,
      (SELECT count(*) FROM intake.outbox)::int AS events,
      (SELECT count(*) FROM intake.attachments)::int AS attachments,
      (SELECT count(*) FROM intake.idempotency_keys)::int AS keys`);
    return row;
  };

  beforeAll(async () => {
    ({ services, namespace } = await startPlatform(['intake', 'processing']));
    ({ apiKey } = await createPortalKey(services.intake.url));
    db = await new DataSource({ type: 'postgres', url: adminTestDbUrl() }).initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    for (const s of Object.values(services ?? {})) await s.stop('SIGKILL');
    const broker = await BrokerProbe.open();
    await broker.deleteNamespace(namespace, ['intake', 'processing'], E2E_RETRY_DELAYS);
    await broker.close();
  });

  describe('the catalog', () => {
    it("reproduces the source document's figures", async () => {
      const stats = (await intake().get('/v1/procedures/stats').expect(200)).body;
      expect(stats.total).toBe(42);
      expect(stats.online).toBe(38);
      const online = Object.fromEntries(
        Object.entries(stats.byField).map(([f, v]) => [f, (v as { online: number }).online]),
      );
      expect(online).toEqual({ QLCS: 27, TCDN: 5, QLG: 4, QLNS: 1, THTK: 1 });
      const level4 = Object.fromEntries(
        Object.entries(stats.byField).map(([f, v]) => [f, (v as { byLevel: Record<string, number> }).byLevel['4']]),
      );
      expect(stats.byLevel['4']).toBe(34);
      expect(level4).toEqual({ QLCS: 25, TCDN: 5, QLG: 2, QLNS: 1, THTK: 1 });
      expect(stats.byLevel['3']).toBe(1);
      expect(stats.byField.QLG.byLevel['3']).toBe(1);
      expect(stats.byDecree42).toEqual({ toan_trinh: 34, mot_phan: 1, thong_tin: 7 });
    });

    it('lists by field and level, and finds Vietnamese text with or without diacritics', async () => {
      const all = (await intake().get('/v1/procedures').expect(200)).body;
      expect(all.total).toBe(42);
      const qlgL4 = (await intake().get('/v1/procedures').query({ field: 'QLG', level: 4 }).expect(200)).body;
      expect(qlgL4.total).toBe(2);
      for (const p of qlgL4.items)
        expect(p).toMatchObject({
          field: { code: 'QLG', vi: 'Quản lý giá' },
          level: 4,
          decree42: { code: 'toan_trinh' },
        });

      const withMarks = (await intake().get('/v1/procedures').query({ q: 'thanh lý tài sản' }).expect(200)).body;
      const without = (await intake().get('/v1/procedures').query({ q: 'THANH LY TAI SAN' }).expect(200)).body;
      expect(withMarks.total).toBeGreaterThan(0);
      expect(without.items.map((p: { code: string }) => p.code)).toEqual(
        withMarks.items.map((p: { code: string }) => p.code),
      );
      expect(withMarks.items.map((p: { code: string }) => p.code)).toContain('1.005426');
      const dang = (await intake().get('/v1/procedures').query({ q: 'dang ky ma so don vi' }).expect(200)).body;
      expect(dang.items.map((p: { name: string }) => p.name)).toContain(
        'Đăng ký mã số đơn vị có quan hệ với ngân sách',
      );
      expect((await intake().get('/v1/procedures').query({ q: '%' }).expect(200)).body.total).toBe(0); // wildcards are literal
    });

    it('shows one procedure with its documents, form, fee and allowed methods', async () => {
      const p = (await intake().get('/v1/procedures/M.QLCS.22').expect(200)).body;
      expect(p).toMatchObject({
        code: 'M.QLCS.22',
        level: 4,
        acceptsOnlineFiling: true,
        allowedPaymentMethods: ['online', 'postal_cod', 'office'],
        allowedDeliveryMethods: ['office', 'postal'],
        fees: [{ amount: 50000, unit: 'per_item', quantityField: 'soHoaDon', currency: 'VND' }],
        source: 'modeled',
      });
      expect(p.requiredDocuments.map((d: { code: string }) => d.code)).toEqual(['TP1', 'TP2', 'TP3']);
      expect(p.declarationSchema.required).toContain('soHoaDon');
      const missing = await intake().get('/v1/procedures/9.999999').expect(404);
      expect(missing.body).toMatchObject({ code: 'PROCEDURE.NOT_FOUND' });
    });

    it('lets only an admin add or revise a procedure; a revision does not touch dossiers already filed', async () => {
      const code = `T.${Date.now().toString().slice(-6)}`;
      const definition = {
        name: 'Thủ tục thử nghiệm có phí',
        fieldCode: 'QLCS',
        level: 4,
        processingTime: 5,
        processingTimeUnit: 'working_days',
        fees: [{ code: 'PHI', name: 'Phí thẩm định', amount: 30000, unit: 'per_dossier' }],
        requiredDocuments: [
          { code: 'TP1', name: 'Đơn đề nghị', mandatory: true, form: 'original', copies: 1, fileTypes: ['pdf'] },
        ],
        declarationSchema: {
          type: 'object',
          required: ['lyDo'],
          properties: { lyDo: { type: 'string', minLength: 3 } },
          additionalProperties: false,
        },
        result: 'Văn bản chấp thuận',
        source: 'modeled',
      };
      await intake()
        .post('/v1/admin/procedures')
        .send({ code, ...definition })
        .expect(401);
      const forbidden = await intake()
        .post('/v1/admin/procedures')
        .set('Authorization', `Bearer ${await officerToken(['reception'])}`)
        .send({ code, ...definition })
        .expect(403);
      expect(forbidden.body).toMatchObject({ code: 'AUTH.FORBIDDEN' });
      const admin = `Bearer ${await officerToken(['admin'])}`;
      const created = await intake()
        .post('/v1/admin/procedures')
        .set('Authorization', admin)
        .send({ code, ...definition })
        .expect(201);
      expect(created.body).toMatchObject({ code, version: 1 });
      await intake()
        .post('/v1/admin/procedures')
        .set('Authorization', admin)
        .send({ code, ...definition })
        .expect(409);
      const badSchema = await intake()
        .post(`/v1/admin/procedures/${code}/versions`)
        .set('Authorization', admin)
        .send({ ...definition, declarationSchema: { type: 'nonsense' } })
        .expect(422);
      expect(badSchema.body).toMatchObject({ code: 'PROCEDURE.INVALID_DEFINITION' });

      const filed = await request(services.intake.url)
        .post('/v1/dossiers')
        .set('X-Api-Key', apiKey)
        .set('Idempotency-Key', idempotencyKey())
        .field(
          'dossier',
          JSON.stringify({
            ...liquidationDossier(),
            procedureCode: code,
            declaration: { lyDo: 'cần mua' },
            paymentMethod: 'online',
            deliveryMethod: 'office',
          }),
        )
        .attach('TP1', pdf(), 'don.pdf')
        .expect(202);
      expect(filed.body).toMatchObject({ procedureVersion: 1, fee: { amount: 30000 } });

      const revised = await intake()
        .post(`/v1/admin/procedures/${code}/versions`)
        .set('Authorization', admin)
        .send({ ...definition, fees: [{ code: 'PHI', name: 'Phí thẩm định', amount: 45000, unit: 'per_dossier' }] })
        .expect(201);
      expect(revised.body).toMatchObject({ code, version: 2, fees: [{ amount: 45000 }] });
      expect((await intake().get(`/v1/procedures/${code}`).expect(200)).body.version).toBe(2);
      expect((await intake().get(`/v1/procedures/${code}/versions/1`).expect(200)).body.fees[0].amount).toBe(30000);
      const lookup = (
        await intake()
          .get(`/v1/dossiers/${filed.body.code}`)
          .set('X-Lookup-Secret', filed.body.lookupSecret)
          .expect(200)
      ).body;
      expect(lookup).toMatchObject({ procedureVersion: 1, fee: { amount: 30000 } });
    });
  });

  describe('portal keys', () => {
    it('refuses a missing, unknown or revoked key', async () => {
      expect((await intake().post('/v1/dossiers').send(liquidationDossier()).expect(401)).body.code).toBe(
        'PORTAL.API_KEY_MISSING',
      );
      expect(
        (await intake().post('/v1/dossiers').set('X-Api-Key', 'dvc_wrong').send(liquidationDossier()).expect(401)).body
          .code,
      ).toBe('PORTAL.API_KEY_INVALID');
      const portal = await createPortalKey(services.intake.url);
      await submitLiquidationDossier(services.intake.url, portal.apiKey).expect(202);
      await intake()
        .post(`/v1/admin/portals/${portal.id}/revoke`)
        .set('Authorization', `Bearer ${await officerToken(['admin'])}`)
        .expect(200);
      expect((await submitLiquidationDossier(services.intake.url, portal.apiKey).expect(401)).body.code).toBe(
        'PORTAL.API_KEY_INVALID',
      );
      const [row] = await db.query('SELECT key_hash FROM intake.portals WHERE id = $1', [portal.id]);
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toContain(portal.apiKey);
    });

    it('announces each issued and revoked key (its hash only) for the other portal-facing services', async () => {
      const portal = await createPortalKey(services.intake.url);
      await intake()
        .post(`/v1/admin/portals/${portal.id}/revoke`)
        .set('Authorization', `Bearer ${await officerToken(['admin'])}`)
        .expect(200);
      const events = await db.query(
        `SELECT routing_key, envelope->'data' AS data FROM intake.outbox WHERE envelope->'data'->>'portalId' = $1 ORDER BY seq`,
        [portal.id],
      );
      expect(events.map((e: { routing_key: string }) => e.routing_key)).toEqual([
        ROUTING_KEYS.PORTAL_KEY_ISSUED_V1,
        ROUTING_KEYS.PORTAL_KEY_REVOKED_V1,
      ]);
      expect(events[0].data).toMatchObject({
        portalId: portal.id,
        keyHash: createHash('sha256').update(portal.apiKey).digest('hex'),
      });
      expect(JSON.stringify(events)).not.toContain(portal.apiKey);
    });
  });

  describe('submissions', () => {
    it('answers 202 with the code, a lookup secret and the fee from the catalog; the dossier reaches processing', async () => {
      const res = await submitInvoiceDossier(
        services.intake.url,
        apiKey,
        invoiceDossier({ declaration: { ...invoiceDossier().declaration, soHoaDon: 3 } }),
      ).expect(202);
      expect(res.body).toMatchObject({
        status: 'submitted',
        nationalStatusCode: 1,
        procedureCode: 'M.QLCS.22',
        paymentMethod: 'postal_cod',
        fee: { amount: 150000, currency: 'VND' },
      });
      expect(res.body.code).toMatch(/^000\.00\.12\.H30-\d{6}-\d{4}$/);
      expect(res.body.lookupSecret).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
      expect(res.body.attachments.map((a: { documentCode: string }) => a.documentCode)).toEqual(['TP1', 'TP2', 'TP3']);
      for (const a of res.body.attachments) expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
      await waitFor(
        'case opened',
        async () =>
          (await request(services.processing.url).get(`/v1/cases/${res.body.code}`).set('Authorization', OFFICER))
            .status === 200,
      );
      const [outbox] = await db.query(`SELECT envelope FROM intake.outbox WHERE envelope->>'correlationId' = $1`, [
        res.body.code,
      ]);
      expect(outbox.envelope).toMatchObject({
        type: 'dossier.submitted',
        data: { dossierCode: res.body.code, fee: { amount: 150000 }, procedureVersion: 1, channel: 2 },
      });
    });

    it('accepts pre-uploaded attachments, once', async () => {
      const upload = async (buf: Buffer, name: string) =>
        (await intake().post('/v1/attachments').set('X-Api-Key', apiKey).attach('file', buf, name).expect(201)).body
          .id as string;
      const tp1 = await upload(pdf('a'), 'a.pdf');
      const tp3 = await upload(pdf('b'), 'b.pdf');
      const body = {
        ...liquidationDossier(),
        attachments: [
          { documentCode: 'TP1', attachmentId: tp1 },
          { documentCode: 'TP3', attachmentId: tp3 },
        ],
      };
      await intake()
        .post('/v1/dossiers')
        .set('X-Api-Key', apiKey)
        .set('Idempotency-Key', idempotencyKey())
        .send(body)
        .expect(202);
      const again = await intake()
        .post('/v1/dossiers')
        .set('X-Api-Key', apiKey)
        .set('Idempotency-Key', idempotencyKey())
        .send(body)
        .expect(422);
      expect(again.body.errors.fields.map((f: { code: string }) => f.code)).toEqual([
        'ATTACHMENT.NOT_AVAILABLE',
        'ATTACHMENT.NOT_AVAILABLE',
      ]);
      const wrongType = await intake()
        .post('/v1/attachments')
        .set('X-Api-Key', apiKey)
        .attach('file', Buffer.from('MZ\x90\x00 not allowed'), 'setup.exe')
        .expect(422);
      expect(wrongType.body.errors.fields[0].code).toBe('ATTACHMENT.TYPE_NOT_ALLOWED');
    });

    it('refuses bad input with a field-by-field problem+json, and stores and publishes nothing', async () => {
      const before = await counts();
      const last = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body.code as string;
      const baseline = await counts();
      expect(baseline.dossiers).toBe(before.dossiers + 1);
      const post = () =>
        intake().post('/v1/dossiers').set('X-Api-Key', apiKey).set('Idempotency-Key', idempotencyKey());
      const problem = (res: request.Response, status: number, code: string) => {
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe(code);
        expect(res.body.message.vi).toEqual(expect.any(String));
        expect(res.body.message.en).toEqual(expect.any(String));
        return res.body;
      };
      const fields = (body: { errors?: { fields?: { field: string }[] } }) =>
        (body.errors?.fields ?? []).map((f) => f.field);

      problem(
        await post().set('Content-Type', 'application/json').send('{"procedureCode": "1.005426",'),
        400,
        'REQUEST.BAD',
      );
      expect(
        fields(
          problem(
            await post().send({
              ...liquidationDossier(),
              applicant: { kind: 'individual', name: 42 },
              declaration: 'x',
            }),
            400,
            'REQUEST.VALIDATION_FAILED',
          ),
        ),
      ).toEqual(expect.arrayContaining(['applicant.name', 'applicant.citizenId', 'declaration']));
      const unknown = problem(
        await post().send(liquidationDossier({ procedureCode: '9.999999' })),
        422,
        'PROCEDURE.NOT_FOUND',
      );
      expect(fields(unknown)).toEqual(['procedureCode']);
      const paper = problem(
        await post().send(liquidationDossier({ procedureCode: 'M.QLCS.14' })),
        422,
        'PROCEDURE.NOT_ONLINE',
      );
      expect(paper.message.vi).toContain('nộp hồ sơ giấy');
      expect(paper.errors.paperFiling).toMatchObject({ byPost: true });
      const level3 = problem(
        await post().send({
          procedureCode: 'M.QLG.03',
          applicant: { kind: 'individual', name: 'Lê Văn C', citizenId: '079090001234' },
          declaration: {
            tenToChucCaNhan: 'Lê Văn C',
            danhMucThongTin: 'Giá xi măng',
            kyDuLieuTuNgay: '2026-01-01',
            kyDuLieuDenNgay: '2026-06-30',
            mucDichSuDung: 'Nghiên cứu thị trường',
          },
          paymentMethod: 'online',
          deliveryMethod: 'postal',
          deliveryAddress: invoiceDossier().deliveryAddress,
        }),
        422,
        'DOSSIER.INVALID',
      );
      expect(fields(level3)).toEqual(expect.arrayContaining(['paymentMethod', 'deliveryMethod', 'documents.TP1']));
      const schema = problem(
        await post().send(
          liquidationDossier({
            declaration: {
              tenDonVi: '',
              danhSachTaiSan: [{ tenTaiSan: 'Máy', soLuong: 0 }],
              hinhThucThanhLy: 'cho',
              extra: 1,
            },
          }),
        ),
        422,
        'DOSSIER.INVALID',
      );
      expect(fields(schema)).toEqual(
        expect.arrayContaining([
          'declaration.tenDonVi',
          'declaration.danhSachTaiSan.0.soLuong',
          'declaration.danhSachTaiSan.0.nguyenGia',
          'declaration.hinhThucThanhLy',
          'declaration.lyDo',
          'declaration.extra',
        ]),
      );
      const citizen = problem(
        await post().send(
          liquidationDossier({ applicant: { kind: 'individual', name: 'A', citizenId: '999203004567' } }),
        ),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect(JSON.stringify(citizen.errors)).toContain('applicant.citizenId');
      const tax = problem(
        await post().send(
          liquidationDossier({ applicant: { kind: 'organisation', name: 'Công ty B', taxCode: '0100109107' } }),
        ),
        400,
        'REQUEST.VALIDATION_FAILED',
      );
      expect(JSON.stringify(tax.errors)).toContain('applicant.taxCode');
      const files = problem(
        await post()
          .field('dossier', JSON.stringify(liquidationDossier()))
          .attach('TP1', Buffer.from('<html>not a pdf</html>'), 'de-nghi.pdf')
          .attach('TP3', PNG, 'danh-muc.png')
          .attach('TP7', pdf(), 'x.pdf'),
        422,
        'DOSSIER.INVALID',
      );
      expect(files.errors.fields.map((f: { field: string; code: string }) => `${f.field}:${f.code}`)).toEqual(
        expect.arrayContaining([
          'documents.TP1:ATTACHMENT.CONTENT_MISMATCH',
          'documents.TP3:ATTACHMENT.TYPE_NOT_ALLOWED',
          'documents.TP7:ATTACHMENT.UNKNOWN_DOCUMENT',
        ]),
      );
      problem(
        await post()
          .field('dossier', JSON.stringify(liquidationDossier()))
          .attach('TP1', Buffer.alloc(11 * 1024 * 1024, 0x25), 'huge.pdf'),
        413,
        'REQUEST.TOO_LARGE',
      );
      problem(await post().send({ ...liquidationDossier(), padding: 'x'.repeat(1_200_000) }), 413, 'REQUEST.TOO_LARGE');
      problem(
        await intake().post('/v1/dossiers').set('X-Api-Key', apiKey).send(liquidationDossier()),
        400,
        'IDEMPOTENCY.KEY_MISSING',
      );

      // Nothing stored, nothing published: same rows, same events, and the next code follows the last good one.
      expect(await counts()).toEqual(baseline);
      const next = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body.code as string;
      expect(seq(next)).toBe(seq(last) + 1);
    });

    it('checks the postal address against the 34 provinces: a former province is mapped with a warning, an unknown one refused', async () => {
      const address = invoiceDossier().deliveryAddress;
      const before = await counts();
      const unknown = await submitInvoiceDossier(
        services.intake.url,
        apiKey,
        invoiceDossier({ deliveryAddress: { ...address, province: 'Tỉnh Không Tồn Tại', ward: ' ' } }),
      ).expect(422);
      expect(unknown.body.code).toBe('DOSSIER.INVALID');
      expect(unknown.body.errors.fields).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            field: 'deliveryAddress.province',
            code: 'ADDRESS.PROVINCE_UNKNOWN',
            vi: expect.stringContaining('34'),
            en: expect.any(String),
          }),
          expect.objectContaining({ field: 'deliveryAddress.ward', code: 'ADDRESS.WARD_MISSING' }),
        ]),
      );
      expect(await counts()).toEqual(before);

      const merged = await submitInvoiceDossier(
        services.intake.url,
        apiKey,
        invoiceDossier({ deliveryAddress: { ...address, province: 'binh duong' } }),
      ).expect(202);
      expect(merged.body.warnings).toEqual([
        expect.objectContaining({ code: 'ADDRESS.PROVINCE_MERGED', vi: expect.stringContaining('Bình Dương') }),
      ]);
      const [row] = await db.query('SELECT delivery_address FROM intake.dossiers WHERE code = $1', [merged.body.code]);
      expect(row.delivery_address).toMatchObject({ province: 'Hồ Chí Minh City', street: address.street });
    });

    it('stores injection strings verbatim and returns them only JSON-encoded', async () => {
      const name = `Robert'); DROP TABLE intake.dossiers;-- <script>alert("xss")</script>`;
      const res = await submitLiquidationDossier(
        services.intake.url,
        apiKey,
        liquidationDossier({ applicant: { kind: 'individual', name, citizenId: '001203004567' } }),
      ).expect(202);
      const view = await intake()
        .get(`/v1/dossiers/${res.body.code}`)
        .set('X-Lookup-Secret', res.body.lookupSecret)
        .expect(200);
      expect(view.headers['content-type']).toMatch(/^application\/json/);
      expect(view.body.applicant.name).toBe(name);
      const [{ exists }] = await db.query(`SELECT to_regclass('intake.dossiers') IS NOT NULL AS exists`);
      expect(exists).toBe(true);
      const [row] = await db.query(`SELECT applicant->>'name' AS name FROM intake.dossiers WHERE code = $1`, [
        res.body.code,
      ]);
      expect(row.name).toBe(name);
    });
  });

  describe('idempotency', () => {
    it('same key and body: the first answer again; same key, other body: 422', async () => {
      const key = idempotencyKey();
      const first = await submitLiquidationDossier(services.intake.url, apiKey, liquidationDossier(), key).expect(202);
      const again = await submitLiquidationDossier(services.intake.url, apiKey, liquidationDossier(), key).expect(202);
      expect(again.body).toEqual(first.body);
      const other = await submitLiquidationDossier(
        services.intake.url,
        apiKey,
        liquidationDossier({ deliveryMethod: 'office', paymentMethod: 'office' }),
        key,
      ).expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    });

    it('20 concurrent identical requests make one dossier and one event', async () => {
      const key = idempotencyKey();
      const body = liquidationDossier();
      const results = await Promise.all(
        Array.from({ length: 20 }, () => submitLiquidationDossier(services.intake.url, apiKey, body, key)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
      for (const r of results.filter((r) => r.status === 409)) expect(r.body.code).toBe('IDEMPOTENCY.IN_FLIGHT');
      const codes = new Set(results.filter((r) => r.status === 202).map((r) => r.body.code));
      expect(codes.size).toBe(1);
      // Retrying after the in-flight ones settle returns the same answer.
      const retry = await submitLiquidationDossier(services.intake.url, apiKey, body, key).expect(202);
      expect(codes).toEqual(new Set([retry.body.code]));
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM intake.outbox WHERE envelope->>'type' = 'dossier.submitted' AND envelope->>'correlationId' = $1`,
        [retry.body.code],
      );
      expect(n).toBe(1);
      const [{ d }] = await db.query(`SELECT count(*)::int AS d FROM intake.dossiers WHERE code = $1`, [
        retry.body.code,
      ]);
      expect(d).toBe(1);
    });

    it('200 concurrent submissions get 200 distinct codes of the day', async () => {
      const results = await Promise.all(
        Array.from({ length: 200 }, () =>
          intake()
            .post('/v1/dossiers')
            .set('X-Api-Key', apiKey)
            .set('Idempotency-Key', idempotencyKey())
            .send({ ...liquidationDossier(), attachments: [] }),
        ),
      );
      // Without files the mandatory documents are missing; use pre-uploaded ones instead.
      expect(results.every((r) => r.status === 422)).toBe(true);
      const uploads = await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          intake()
            .post('/v1/attachments')
            .set('X-Api-Key', apiKey)
            .attach('file', pdf(`tệp ${i}`), `t${i}.pdf`),
        ),
      );
      const ids = uploads.map((u) => u.body.id as string);
      const submitted = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          intake()
            .post('/v1/dossiers')
            .set('X-Api-Key', apiKey)
            .set('Idempotency-Key', idempotencyKey())
            .send({
              ...liquidationDossier(),
              attachments: [
                { documentCode: 'TP1', attachmentId: ids[2 * i] },
                { documentCode: 'TP3', attachmentId: ids[2 * i + 1] },
              ],
            }),
        ),
      );
      expect(submitted.map((r) => r.status)).toEqual(Array(200).fill(202));
      const codes = submitted.map((r) => r.body.code as string);
      expect(new Set(codes).size).toBe(200);
      const day = codes[0].split('-')[1];
      for (const c of codes) expect(c.split('-')[1]).toBe(day);
    });
  });

  describe('lookup, withdrawal and supplements', () => {
    it('shows nothing without the secret, and throttles repeated wrong guesses, never the right secret', async () => {
      const { code, lookupSecret } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
      expect((await intake().get(`/v1/dossiers/${code}`).expect(401)).body.code).toBe('DOSSIER.LOOKUP_SECRET_REQUIRED');
      const byId = await intake().get(`/v1/dossiers/${code}`).set('X-Applicant-Id', '001203004567').expect(200);
      expect(byId.body.code).toBe(code);
      for (let i = 0; i < 5; i++) {
        expect(
          (await intake().get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', `WRONG-GUESS-${i}`).expect(404)).body.code,
        ).toBe('DOSSIER.NOT_FOUND');
      }
      const throttled = await intake().get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', 'WRONG-GUESS-5').expect(429);
      expect(throttled.body).toMatchObject({ code: 'DOSSIER.LOOKUP_THROTTLED' });
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      // Wrong guesses never lock the holder out (ADR 0011).
      expect(
        (await intake().get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', lookupSecret).expect(200)).body.code,
      ).toBe(code);
      // An unknown code answers exactly like a wrong secret: codes cannot be probed.
      expect(
        (
          await intake()
            .get('/v1/dossiers/000.00.12.H30-200101-0001')
            .set('X-Lookup-Secret', 'AAAAA-AAAAA-AAAAA')
            .expect(404)
        ).body.code,
      ).toBe('DOSSIER.NOT_FOUND');
    });

    it('withdrawal: the event reaches processing and the lookup shows status 7', async () => {
      const { code, lookupSecret } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
      await waitFor(
        'case opened',
        async () =>
          (await request(services.processing.url).get(`/v1/cases/${code}`).set('Authorization', OFFICER)).status ===
          200,
      );
      const withdraw = () =>
        intake().post(`/v1/dossiers/${code}/withdraw`).set('X-Api-Key', apiKey).set('X-Lookup-Secret', lookupSecret);
      expect((await withdraw().send({}).expect(400)).body.code).toBe('REQUEST.VALIDATION_FAILED');
      const ok = await withdraw().send({ reason: 'Không còn nhu cầu' }).expect(202);
      expect(ok.body).toMatchObject({ code, status: 'withdrawal_requested' });
      expect((await withdraw().send({ reason: 'lần nữa' }).expect(409)).body.code).toBe('DOSSIER.CANNOT_WITHDRAW');
      await waitFor(
        'processing withdrew the case',
        async () =>
          (await request(services.processing.url).get(`/v1/cases/${code}`).set('Authorization', OFFICER)).body
            .status === 'withdrawn',
      );
      const view = await waitFor('lookup shows withdrawn', async () => {
        const b = (await intake().get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', lookupSecret)).body;
        return b.status === 'withdrawn' ? b : undefined;
      });
      expect(view).toMatchObject({ nationalStatusCode: 7, statusText: { vi: 'Công dân yêu cầu rút hồ sơ' } });
      expect(view.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'received', 'withdrawn']);
    });

    it('supplement: answers the request processing made, once, and processing receives the documents', async () => {
      const { code, lookupSecret } = (await submitLiquidationDossier(services.intake.url, apiKey).expect(202)).body;
      await waitFor(
        'case opened',
        async () =>
          (await request(services.processing.url).get(`/v1/cases/${code}`).set('Authorization', OFFICER)).status ===
          200,
      );
      const supplement = () =>
        intake().post(`/v1/dossiers/${code}/supplements`).set('X-Api-Key', apiKey).set('X-Lookup-Secret', lookupSecret);
      expect(
        (
          await supplement()
            .field('supplement', JSON.stringify({ requestId: 'none' }))
            .attach('file', pdf(), 'x.pdf')
            .expect(404)
        ).body.code,
      ).toBe('SUPPLEMENT.REQUEST_NOT_FOUND');

      // Processing asks for more documents (published here as processing's officers would cause it).
      const requestId = `${code}:supplement:1`;
      const event = createEvent(
        'dossier.supplement_requested',
        {
          dossierCode: code,
          requestId,
          reason: 'Thiếu biên bản kiểm kê tài sản',
          items: ['Biên bản kiểm kê'],
          requestedAt: new Date().toISOString(),
        },
        { source: 'processing', correlationId: code },
      );
      const broker = await BrokerProbe.open();
      await broker.publishRaw(
        namespace,
        ROUTING_KEYS.DOSSIER_SUPPLEMENT_REQUESTED_V1,
        Buffer.from(JSON.stringify(event)),
        event.id,
      );
      await broker.close();
      await waitFor(
        'request visible in the lookup',
        async () =>
          (await intake().get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', lookupSecret)).body.supplementRequests
            ?.length === 1,
      );

      const answered = await supplement()
        .field('supplement', JSON.stringify({ requestId, note: 'Gửi bổ sung' }))
        .attach('TP9', pdf('biên bản kiểm kê'), 'bien-ban-kiem-ke.pdf')
        .expect(202);
      expect(answered.body).toMatchObject({ code, requestId, documents: [{ name: 'bien-ban-kiem-ke.pdf' }] });
      expect(
        (await supplement().field('supplement', JSON.stringify({ requestId })).attach('x', pdf(), 'x.pdf').expect(409))
          .body.code,
      ).toBe('SUPPLEMENT.ALREADY_SUPPLIED');
      const [row] = await waitFor('processing recorded the supplement', () =>
        db
          .query('SELECT dossier_code, documents FROM processing.case_supplements WHERE request_id = $1', [requestId])
          .then((r) => (r.length ? r : undefined)),
      );
      expect(row).toMatchObject({
        dossier_code: code,
        documents: [{ name: 'bien-ban-kiem-ke.pdf', sha256: answered.body.documents[0].sha256 }],
      });
    });
  });

  describe('parcel tracking', () => {
    it('shows every step the postal partner reported, latest last, whatever order the reports arrive in', async () => {
      const { code, lookupSecret } = (await submitInvoiceDossier(services.intake.url, apiKey).expect(202)).body;
      const lookup = async () =>
        (await intake().get(`/v1/dossiers/${code}`).set('X-Lookup-Secret', lookupSecret).expect(200)).body;
      expect((await lookup()).delivery).toBeNull();
      const t0 = Date.now();
      const step = (status: 'picked_up' | 'in_transit' | 'out_for_delivery', minutes: number) =>
        createEvent(
          'delivery.status_changed',
          { shipmentId: 'SH-1', dossierCode: code, status, occurredAt: new Date(t0 + minutes * 60_000).toISOString() },
          { source: 'postal-delivery', correlationId: code },
        );
      const late = step('in_transit', 10);
      const broker = await BrokerProbe.open();
      try {
        for (const e of [step('out_for_delivery', 20), step('picked_up', 0), late, late]) {
          await broker.publishRaw(
            namespace,
            ROUTING_KEYS.DELIVERY_STATUS_CHANGED_V1,
            Buffer.from(JSON.stringify(e)),
            e.id,
          );
        }
      } finally {
        await broker.close();
      }
      const view = await waitFor('three steps in the lookup', async () => {
        const b = await lookup();
        return b.delivery?.steps.length === 3 ? b : undefined;
      });
      expect(view.delivery).toMatchObject({ shipmentId: 'SH-1', status: 'out_for_delivery' });
      expect(view.delivery.steps.map((st: { status: string }) => st.status)).toEqual([
        'picked_up',
        'in_transit',
        'out_for_delivery',
      ]);
    });
  });

  describe('submissions over AMQP', () => {
    const queue = () => namespaced(PORTAL_QUEUES.SUBMISSIONS, namespace);

    it('accepts, replays by message id, and rejects with the same problem details as HTTP', async () => {
      const broker = await BrokerProbe.open();
      try {
        const ids = await Promise.all(
          [pdf('a'), pdf('b')].map(
            async (b, i) =>
              (
                await intake()
                  .post('/v1/attachments')
                  .set('X-Api-Key', apiKey)
                  .attach('file', b, `q${i}.pdf`)
                  .expect(201)
              ).body.id as string,
          ),
        );
        const body = Buffer.from(
          JSON.stringify({
            ...liquidationDossier(),
            attachments: [
              { documentCode: 'TP1', attachmentId: ids[0] },
              { documentCode: 'TP3', attachmentId: ids[1] },
            ],
          }),
        );
        const messageId = `amqp-${idempotencyKey()}`;
        const first = await broker.request(queue(), body, { messageId, headers: { 'x-api-key': apiKey } });
        expect(first.correlationId).toBe(messageId);
        expect(first.body).toMatchObject({
          outcome: 'accepted',
          status: 202,
          receipt: { status: 'submitted', procedureCode: '1.005426' },
        });
        const again = await broker.request(queue(), body, { messageId, headers: { 'x-api-key': apiKey } });
        expect(again.body).toEqual(first.body);
        await waitFor(
          'case opened',
          async () =>
            (
              await request(services.processing.url)
                .get(`/v1/cases/${first.body.receipt.code}`)
                .set('Authorization', OFFICER)
            ).status === 200,
        );

        const bad = await broker.request(
          queue(),
          Buffer.from(JSON.stringify(liquidationDossier({ declaration: {} }))),
          { messageId: `amqp-${idempotencyKey()}`, headers: { 'x-api-key': apiKey } },
        );
        expect(bad.body).toMatchObject({ outcome: 'rejected', status: 422, problem: { code: 'DOSSIER.INVALID' } });
        expect(bad.body.problem.errors.fields.map((f: { field: string }) => f.field)).toContain('declaration.lyDo');
        const notJson = await broker.request(queue(), Buffer.from('{oops'), {
          messageId: `amqp-${idempotencyKey()}`,
          headers: { 'x-api-key': apiKey },
        });
        expect(notJson.body).toMatchObject({ outcome: 'rejected', status: 400, problem: { code: 'REQUEST.BAD' } });
        const noKey = await broker.request(queue(), body, { messageId: `amqp-${idempotencyKey()}` });
        expect(noKey.body).toMatchObject({
          outcome: 'rejected',
          status: 401,
          problem: { code: 'PORTAL.API_KEY_MISSING' },
        });
      } finally {
        await broker.close();
      }
    });
  });

  describe('site statistics and docs', () => {
    it('counts sessions online in the last five minutes and total visits from beacons', async () => {
      const before = (await intake().get('/v1/site-stats').expect(200)).body;
      const sessions = Array.from({ length: 300 }, (_, i) => `sess-${Date.now()}-${i}`);
      await Promise.all(
        [...sessions, ...sessions.slice(0, 100)].map((s) =>
          intake().post('/v1/site-stats/visits').set('X-Api-Key', apiKey).send({ sessionId: s }).expect(204),
        ),
      );
      const bad = await intake()
        .post('/v1/site-stats/visits')
        .set('X-Api-Key', apiKey)
        .send({ sessionId: 'x' })
        .expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body).toMatchObject({
        code: 'REQUEST.VALIDATION_FAILED',
        errors: { fields: [{ field: 'sessionId', code: 'FIELD.MATCHES' }] },
      });
      expect(
        (await intake().post('/v1/site-stats/visits').send({ sessionId: 'abcdefgh1' }).expect(401)).body.code,
      ).toBe('PORTAL.API_KEY_MISSING');
      expect(
        (
          await intake()
            .post('/v1/site-stats/visits')
            .set('X-Api-Key', apiKey)
            .set('Content-Type', 'application/json')
            .send('{nope')
            .expect(400)
        ).body.code,
      ).toBe('REQUEST.BAD');
      const after = await waitFor('counters flushed', async () => {
        const b = (await intake().get('/v1/site-stats')).body;
        return b.totalVisits >= before.totalVisits + 300 ? b : undefined;
      });
      expect(after.totalVisits).toBe(before.totalVisits + 300);
      expect(after.onlineNow).toBeGreaterThanOrEqual(300);
    });

    it('serves the OpenAPI document and Swagger UI at /docs', async () => {
      const doc = (await intake().get('/docs-json').expect(200)).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/v1/dossiers',
          '/v1/procedures',
          '/v1/procedures/stats',
          '/v1/dossiers/{code}',
          '/v1/attachments',
          '/v1/site-stats/visits',
        ]),
      );
      expect(doc.paths['/v1/dossiers'].post.summary).toContain('Nộp hồ sơ / File a dossier');
      const ui = await intake().get('/docs').expect(200);
      expect(ui.text).toContain('swagger');
    });
  });
});
