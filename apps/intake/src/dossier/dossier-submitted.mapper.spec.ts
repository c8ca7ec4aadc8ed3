import { validateEvent, createEvent } from '@dvc/contracts';
import catalog from '../database/migrations/data/catalog.v1.json';
import type { Attachment } from '../attachment/attachment.repository';
import type { ProcedureDefinition } from '../procedure/procedure.types';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import type { Dossier } from './dossier.repository';
import { toDossierSubmittedPayload, toFiledDocuments } from './dossier-submitted.mapper';

/** The lease procedure as catalog.v1.json defines it, with its real form schema and documents. */
const procedure: ProcedureVersion = {
  ...(catalog.procedures as unknown as ProcedureDefinition[]).find((p) => p.code === '1.005417')!,
  version: 1,
  catalogVersion: 1,
  createdBy: 'catalog.v1.json',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  retiredAt: null,
};

const declaration = {
  tenDonVi: 'Trường Trung học phổ thông Chu Văn An',
  danhSachTaiSan: [{ tenTaiSan: 'Máy photocopy Ricoh', soLuong: 2, giaThueDuKien: 3500000 }],
  thoiGianThue: 12,
  nguonKinhPhi: 'Ngân sách nhà nước cấp',
  lyDo: 'Phục vụ kỳ thi tốt nghiệp năm 2026',
};

const dossier = (over: Partial<Dossier> = {}): Dossier => ({
  id: '6f1c1d52-4f0e-4a43-9f3e-0b8c2a7d5e11',
  code: '000.00.12.H30-261128-0001',
  portalId: null,
  procedureCode: procedure.code,
  procedureVersion: procedure.version,
  applicant: { kind: 'organisation', name: 'Trường THPT Chu Văn An', taxCode: '0101234567' },
  declaration,
  fee: { amount: 0, currency: 'VND', items: [] },
  paymentMethod: 'none',
  deliveryMethod: 'office',
  deliveryAddress: null,
  lookupSecretHash: 'hash',
  status: 'submitted',
  nationalStatusCode: 1,
  statusChangedAt: new Date('2026-11-28T02:03:04.567Z'),
  submittedAt: new Date('2026-11-28T02:03:04.567Z'),
  dueAt: null,
  withdrawnAt: null,
  ...over,
});

const attachment = (over: Partial<Attachment>): Attachment => ({
  id: '0b6e0d4e-5a43-4c43-8f6a-1d2c3b4a5f60',
  portalId: 'c4a1e2f3-0000-4000-8000-000000000001',
  dossierId: '6f1c1d52-4f0e-4a43-9f3e-0b8c2a7d5e11',
  documentCode: 'TP1',
  supplementRequestId: null,
  filename: 'Công văn đề nghị thuê.pdf',
  fileType: 'pdf',
  sizeBytes: 48213,
  sha256: 'a'.repeat(64),
  storageKey: `sha256/aa/${'a'.repeat(64)}`,
  createdAt: new Date('2026-11-28T02:03:04.000Z'),
  ...over,
});

const attachments = [
  attachment({}),
  attachment({
    id: '1c7f1e5f-6b54-4d54-9a7b-2e3d4c5b6a71',
    documentCode: 'TP3',
    filename: 'Danh mục tài sản.xlsx',
    fileType: 'xlsx',
    sizeBytes: 9120,
    sha256: 'b'.repeat(64),
  }),
];

describe('toDossierSubmittedPayload', () => {
  it('maps the stored dossier, its procedure version and its attachments to the event payload', () => {
    expect(toDossierSubmittedPayload(dossier(), procedure, attachments)).toEqual({
      dossierCode: '000.00.12.H30-261128-0001',
      procedureCode: '1.005417',
      procedureVersion: 1,
      procedureName: 'Quyết định thuê tài sản phục vụ hoạt động của cơ quan, tổ chức, đơn vị',
      fieldCode: 'QLCS',
      level: 4,
      processingTime: 30,
      processingTimeUnit: 'working_days',
      channel: 2,
      applicant: { kind: 'organisation', name: 'Trường THPT Chu Văn An', taxCode: '0101234567' },
      paymentMethod: 'none',
      deliveryMethod: 'office',
      fee: { amount: 0, items: [] },
      submittedAt: '2026-11-28T02:03:04.567Z',
      declaration: [
        { path: 'tenDonVi', labelVi: 'Tên cơ quan, tổ chức, đơn vị', value: 'Trường Trung học phổ thông Chu Văn An' },
        {
          path: 'danhSachTaiSan.0.tenTaiSan',
          labelVi: 'Danh sách tài sản đề nghị thuê › 1 › Tên tài sản',
          value: 'Máy photocopy Ricoh',
        },
        { path: 'danhSachTaiSan.0.soLuong', labelVi: 'Danh sách tài sản đề nghị thuê › 1 › Số lượng', value: 2 },
        {
          path: 'danhSachTaiSan.0.giaThueDuKien',
          labelVi: 'Danh sách tài sản đề nghị thuê › 1 › Giá thuê dự kiến (đồng/tháng)',
          value: 3500000,
        },
        { path: 'thoiGianThue', labelVi: 'Thời gian thuê (tháng)', labelEn: 'Lease term (months)', value: 12 },
        { path: 'nguonKinhPhi', labelVi: 'Nguồn kinh phí thuê tài sản', value: 'Ngân sách nhà nước cấp' },
        { path: 'lyDo', labelVi: 'Lý do thuê tài sản', value: 'Phục vụ kỳ thi tốt nghiệp năm 2026' },
      ],
      documents: [
        {
          attachmentId: '0b6e0d4e-5a43-4c43-8f6a-1d2c3b4a5f60',
          documentCode: 'TP1',
          documentName: 'Văn bản đề nghị thuê tài sản của cơ quan, tổ chức, đơn vị',
          filename: 'Công văn đề nghị thuê.pdf',
          contentType: 'application/pdf',
          size: 48213,
          sha256: 'a'.repeat(64),
        },
        {
          attachmentId: '1c7f1e5f-6b54-4d54-9a7b-2e3d4c5b6a71',
          documentCode: 'TP3',
          documentName:
            'Danh mục tài sản đề nghị thuê (chủng loại, số lượng, thời gian thuê, giá thuê dự kiến, nguồn kinh phí)',
          filename: 'Danh mục tài sản.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          size: 9120,
          sha256: 'b'.repeat(64),
        },
      ],
    });
  });

  it('carries the delivery address only when there is one', () => {
    const address = {
      recipientName: 'Nguyễn Thị Hoa',
      phone: '0912345678',
      street: '1 Tràng Tiền',
      ward: 'Phường Hoàn Kiếm',
      province: 'Thành phố Hà Nội',
    };
    const payload = toDossierSubmittedPayload(
      dossier({ deliveryMethod: 'postal', deliveryAddress: address }),
      procedure,
    );
    expect(payload.deliveryAddress).toEqual(address);
    expect('deliveryAddress' in toDossierSubmittedPayload(dossier(), procedure)).toBe(false);
  });

  it('names a supplement file the procedure has no document for as a supplement', () => {
    const [doc] = toFiledDocuments(
      [
        attachment({
          documentCode: null,
          supplementRequestId: 'YC-1',
          filename: 'Ảnh chụp bổ sung.jpg',
          fileType: 'jpg',
        }),
      ],
      procedure,
    );
    expect(doc).toMatchObject({ documentCode: 'BS', documentName: 'Tài liệu bổ sung', contentType: 'image/jpeg' });
  });

  it('is a payload the contract accepts', () => {
    const event = createEvent('dossier.submitted', toDossierSubmittedPayload(dossier(), procedure, attachments), {
      source: 'intake',
      correlationId: 'x',
    });
    expect(validateEvent(event)).toMatchObject({ ok: true });
  });
});
