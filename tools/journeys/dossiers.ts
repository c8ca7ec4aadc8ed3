/**
 * Dossiers as portals file them, for tests, the demo, chaos and load runs. Real catalog
 * procedures (apps/intake/src/database/migrations/data/catalog.v1.json), so every rule applies.
 */

/** Catalog procedure M.QLCS.22 "Mua hóa đơn lẻ": level 4, 50,000 VND per invoice, three PDFs. */
export const INVOICE_PROCEDURE = 'M.QLCS.22';

export function invoiceDossier(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: INVOICE_PROCEDURE,
    applicant: {
      kind: 'organisation',
      name: 'Ban Quản lý dự án Đầu tư xây dựng',
      taxCode: '0100109106',
      phone: '0912345678',
      email: 'bqlda@example.vn',
    },
    declaration: {
      tenDonVi: 'Ban Quản lý dự án Đầu tư xây dựng',
      soQuyetDinhBan: '12/QĐ-STC',
      soHoaDon: 1,
      nguoiNhan: 'Trần Văn Bình',
    },
    paymentMethod: 'postal_cod',
    deliveryMethod: 'postal',
    deliveryAddress: {
      recipientName: 'Trần Văn Bình',
      phone: '0912345678',
      street: '12 Lê Lợi',
      ward: 'Phường Sài Gòn',
      province: 'Thành phố Hồ Chí Minh',
    },
    ...overrides,
  };
}

/** Catalog procedure 1.005426 "Quyết định thanh lý tài sản công": level 4, no fee, two mandatory documents. */
export function liquidationDossier(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: '1.005426',
    applicant: { kind: 'individual', name: 'Nguyễn Thị Hoa', citizenId: '001203004567', phone: '0912345678' },
    declaration: {
      tenDonVi: 'Trường THPT Nguyễn Du',
      danhSachTaiSan: [{ tenTaiSan: 'Máy photocopy Ricoh', soLuong: 1, nguyenGia: 45000000, giaTriConLai: 0 }],
      hinhThucThanhLy: 'ban',
      lyDo: 'Tài sản hư hỏng, không còn sử dụng được',
    },
    paymentMethod: 'none',
    deliveryMethod: 'office',
    ...overrides,
  };
}

/** Catalog procedure M.QLG.03 "Cung cấp thông tin, dữ liệu về giá": level 3, 150,000 VND paid at the counter, result at the office. */
export function priceDataDossier(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: 'M.QLG.03',
    applicant: { kind: 'individual', name: 'Lê Văn Nam', citizenId: '079090001234', phone: '0987654321' },
    declaration: {
      tenToChucCaNhan: 'Lê Văn Nam',
      danhMucThongTin: 'Giá thóc, gạo tẻ thường bán lẻ tại chợ trong tỉnh',
      kyDuLieuTuNgay: '2026-01-01',
      kyDuLieuDenNgay: '2026-06-30',
      mucDichSuDung: 'Nghiên cứu thị trường',
    },
    paymentMethod: 'office',
    deliveryMethod: 'office',
    ...overrides,
  };
}

/** Catalog procedure M.QLG.04 "Định giá hàng hóa, dịch vụ": level 2, so it cannot be filed online. */
export function pricingDossier(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: 'M.QLG.04',
    applicant: { kind: 'organisation', name: 'Công ty Cổ phần Cấp nước', taxCode: '0100109106', phone: '0912345678' },
    declaration: {},
    paymentMethod: 'none',
    deliveryMethod: 'office',
    ...overrides,
  };
}
