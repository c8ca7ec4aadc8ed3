import { vietnamWallClock } from '@dvc/kernel';
import type { CaseRecord } from '../case.record';

/** yyyyMMddHHmmss in Vietnam's time, the national portal's date format. */
export function nationalTime(t: Date | null): string | null {
  if (!t) return null;
  return vietnamWallClock(t).replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * A case in the national public-service portal's synchronisation field names (Decision 31/2021;
 * names as in the portal's "đồng bộ hồ sơ" specification, to be checked against its current
 * version before the connection goes live). Ready to send; sending it is the sync job's work.
 */
export function toNationalRecord(c: CaseRecord) {
  const applicant = c.applicant;
  return {
    MaHoSo: c.dossierCode,
    MaTTHC: c.procedureCode,
    TenTTHC: c.procedureName,
    MaLinhVuc: c.fieldCode,
    KenhThucHien: c.channel,
    ChuHoSo: applicant?.name ?? null,
    LoaiDoiTuong: applicant ? (applicant.kind === 'individual' ? 1 : 2) : null,
    MaDoiTuong: applicant
      ? ((applicant.kind === 'individual' ? applicant.citizenId : applicant.taxCode) ?? null)
      : null,
    SoDienThoai: applicant?.phone ?? null,
    Email: applicant?.email ?? null,
    NgayTiepNhan: nationalTime(c.acceptedAt ?? c.receivedAt),
    // The legal appointment date: the portal scores timeliness against it, so an apology does not move it.
    NgayHenTra: nationalTime(c.dueAt),
    // The date promised by an apology (thư xin lỗi và hẹn lại ngày trả); field name to be checked
    // against the portal's specification with the others.
    NgayHenTraMoi: nationalTime(c.returnDueAt),
    // 6 while the fee due before processing is unpaid (awaiting_payment), like every state's code.
    TrangThaiHoSo: c.nationalStatusCode,
    NgayKetThucXuLy: nationalTime(c.resultIssuedAt),
    NgayTra: nationalTime(c.completedAt),
    HinhThuc: c.deliveryMethod === 'postal' ? 1 : 0,
    DanhSachLePhi: c.fee.items.map((i) => ({ MaPhiLePhi: i.code, TenPhiLePhi: i.name, Gia: i.amount })),
  };
}
