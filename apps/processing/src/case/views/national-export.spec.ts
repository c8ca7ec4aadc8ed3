import { nationalTime, toNationalRecord } from './national-export';
import type { CaseRecord } from '../case.record';

describe('national portal record', () => {
  it('writes times as yyyyMMddHHmmss in Vietnam time', () => {
    expect(nationalTime(new Date('2026-11-27T17:30:05Z'))).toBe('20261128003005');
    expect(nationalTime(null)).toBeNull();
  });

  it("maps a case to the portal's field names, channel and status code", () => {
    const c = {
      dossierCode: '000.00.12.H30-261128-0001',
      procedureCode: '1.005426',
      procedureName: 'Quyết định thanh lý tài sản công',
      fieldCode: 'QLCS',
      channel: 2,
      applicant: { kind: 'organisation', name: 'Công ty TNHH Ánh Dương', taxCode: '0100109106', phone: '0912345678' },
      acceptedAt: new Date('2026-11-30T02:00:00Z'),
      receivedAt: new Date('2026-11-28T02:00:00Z'),
      dueAt: new Date('2027-01-12T10:00:00Z'),
      nationalStatusCode: 2,
      resultIssuedAt: null,
      completedAt: null,
      deliveryMethod: 'postal',
      fee: { amount: 50000, items: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000 }] },
    } as unknown as CaseRecord;
    expect(toNationalRecord(c)).toEqual({
      MaHoSo: '000.00.12.H30-261128-0001',
      MaTTHC: '1.005426',
      TenTTHC: 'Quyết định thanh lý tài sản công',
      MaLinhVuc: 'QLCS',
      KenhThucHien: 2,
      ChuHoSo: 'Công ty TNHH Ánh Dương',
      LoaiDoiTuong: 2,
      MaDoiTuong: '0100109106',
      SoDienThoai: '0912345678',
      Email: null,
      NgayTiepNhan: '20261130090000',
      NgayHenTra: '20270112170000',
      NgayHenTraMoi: null,
      TrangThaiHoSo: 2,
      NgayKetThucXuLy: null,
      NgayTra: null,
      HinhThuc: 1,
      DanhSachLePhi: [{ MaPhiLePhi: 'HDL', TenPhiLePhi: 'Giá bán hóa đơn lẻ', Gia: 50000 }],
    });
  });

  it('reports code 6 while the fee due first is unpaid, and an apology beside the legal appointment date', () => {
    const base = {
      dossierCode: '000.00.12.H30-261128-0002',
      applicant: null,
      receivedAt: new Date('2026-11-28T02:00:00Z'),
      acceptedAt: new Date('2026-11-30T02:00:00Z'),
      dueAt: new Date('2026-12-07T10:00:00Z'),
      returnDueAt: null,
      resultIssuedAt: null,
      completedAt: null,
      deliveryMethod: 'office',
      fee: { amount: 50000, items: [] },
    };
    const waiting = { ...base, status: 'awaiting_payment', nationalStatusCode: 6 } as unknown as CaseRecord;
    expect(toNationalRecord(waiting)).toMatchObject({ TrangThaiHoSo: 6, NgayHenTraMoi: null });
    const apologised = {
      ...base,
      status: 'in_review',
      nationalStatusCode: 4,
      returnDueAt: new Date('2026-12-14T10:00:00Z'),
    } as unknown as CaseRecord;
    expect(toNationalRecord(apologised)).toMatchObject({
      TrangThaiHoSo: 4,
      NgayHenTra: '20261207170000',
      NgayHenTraMoi: '20261214170000',
    });
  });
});
