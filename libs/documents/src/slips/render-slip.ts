import { PDFDocument } from 'pdf-lib';
import { vietnamWallClock } from '@dvc/kernel';
import { drawQr } from '../pdf/qr';
import { PageWriter } from '../pdf/page-writer';
import { embedVietnameseFonts } from '../pdf/vietnamese-font';
import type {
  ApologySlip,
  ControlSlip,
  ReceiptSlip,
  RefusalSlip,
  SlipContent,
  SlipKind,
  SupplementRequestSlip,
} from './slip-content';

/** Each slip's form in Circular 01/2018/TT-VPCP (see README.md beside this file). */
export const SLIP_FORMS: Record<SlipKind, { form: string; vi: string; en: string }> = {
  receipt: { form: '01', vi: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả', en: 'Receipt and appointment for the result' },
  'supplement-request': {
    form: '02',
    vi: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
    en: 'Request to supplement the dossier',
  },
  refusal: { form: '03', vi: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ', en: 'Refusal to accept the dossier' },
  apology: {
    form: '04',
    vi: 'Phiếu xin lỗi và hẹn lại ngày trả kết quả',
    en: 'Apology and new date for the result',
  },
  control: {
    form: '05',
    vi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
    en: 'Processing control slip',
  },
};

/** Renders a one-stop slip as an unsigned PDF, Vietnamese first with English beside it. */
export async function renderSlip(slip: SlipContent): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const form = SLIP_FORMS[slip.kind];
  doc.setTitle(`${form.vi} - ${slip.dossierCode}`);
  doc.setSubject(form.en);
  doc.setLanguage('vi-VN');
  doc.setCreationDate(slip.issuedAt);
  doc.setModificationDate(slip.issuedAt);
  const w = new PageWriter(doc, await embedVietnameseFonts(doc));

  header(w, slip);
  switch (slip.kind) {
    case 'receipt':
      receipt(w, slip);
      break;
    case 'supplement-request':
      supplementRequest(w, slip);
      break;
    case 'refusal':
      refusal(w, slip);
      break;
    case 'apology':
      apology(w, slip);
      break;
    case 'control':
      control(w, slip);
      break;
  }
  signatures(w, slip);
  tracking(w, slip);
  footers(w, slip);
  return Buffer.from(await doc.save());
}

function header(w: PageWriter, slip: SlipContent): void {
  const form = SLIP_FORMS[slip.kind];
  const half = w.contentWidth / 2;
  w.text(`Mẫu số ${form.form}: ${form.vi}`, { size: 8, align: 'right' });
  w.text(`(Form ${form.form}, Circular 01/2018/TT-VPCP)`, { size: 8, align: 'right', gap: 6 });
  const columnTop = w.y;
  w.text(slip.agencyName.toUpperCase(), { bold: true, size: 10, align: 'center', width: half - 10 });
  w.rule(60, w.left + (half - 10) / 2);
  w.text(`Mã hồ sơ / Dossier: ${slip.dossierCode}`, { size: 9, align: 'center', width: half - 10 });
  const leftBottom = w.y;
  w.y = columnTop;
  w.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 10, align: 'center', indent: half });
  w.text('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 10.5, align: 'center', indent: half });
  w.rule(150, w.left + half + half / 2);
  w.text(`ngày ${dayMonthYear(slip.issuedAt)}`, { size: 10, align: 'center', indent: half });
  w.y = Math.min(w.y, leftBottom) - 14;
  w.text(form.vi.toUpperCase(), { bold: true, size: 14, align: 'center' });
  w.text(form.en, { size: 10, align: 'center', gap: 12 });
}

function applicant(w: PageWriter, slip: SlipContent, verb: string): void {
  w.text(`${slip.agencyName} ${verb}`, { gap: 2 });
  w.field('Ông/Bà / Applicant', slip.applicant.name);
  if (slip.applicant.idNumber) w.field('Số định danh cá nhân / ID number', slip.applicant.idNumber);
  if (slip.applicant.address) w.field('Địa chỉ / Address', slip.applicant.address);
  if (slip.applicant.phone) w.field('Số điện thoại / Phone', slip.applicant.phone);
  if (slip.applicant.email) w.field('Thư điện tử / Email', slip.applicant.email);
  w.field('Nội dung yêu cầu giải quyết / Procedure', slip.procedureName);
  w.space(4);
}

function receipt(w: PageWriter, slip: ReceiptSlip): void {
  applicant(w, slip, 'tiếp nhận hồ sơ của / received the dossier of:');
  w.text('Thành phần hồ sơ nộp gồm / Documents received:', { bold: true });
  slip.documents.forEach((d, i) => {
    const details = [d.form && `${d.form}`, d.copies !== undefined && `số lượng / copies: ${d.copies}`].filter(Boolean);
    w.text(`${i + 1}. ${d.name}${details.length ? ` (${details.join('; ')})` : ''}`, { indent: 14 });
  });
  w.space(4);
  w.field('Số lượng hồ sơ / Number of dossiers', '01 bộ / 1 set');
  w.field('Thời gian nhận hồ sơ / Received at', dateTime(slip.acceptedAt));
  w.field('Thời gian trả kết quả giải quyết hồ sơ / Result due', dateTime(slip.dueAt));
  w.field(
    'Đăng ký nhận kết quả tại / Result returned',
    slip.returnMethod === 'postal'
      ? `qua dịch vụ bưu chính công ích / by post${slip.returnAddress ? `: ${slip.returnAddress}` : ''}`
      : `Bộ phận Một cửa / at the one-stop office${slip.returnAddress ? `: ${slip.returnAddress}` : ''}`,
  );
}

function supplementRequest(w: PageWriter, slip: SupplementRequestSlip): void {
  applicant(w, slip, 'đã tiếp nhận hồ sơ của / received the dossier of:');
  w.text(
    'Sau khi xem xét, hồ sơ chưa đầy đủ, hợp lệ. Đề nghị Ông/Bà bổ sung, hoàn thiện những nội dung sau / ' +
      'The dossier is incomplete; please supply the following:',
    { bold: true, gap: 2 },
  );
  slip.items.forEach((item, i) => w.text(`${i + 1}. ${item}`, { indent: 14 }));
  w.space(4);
  w.field('Lý do / Reason', slip.reason);
  w.space(4);
  w.text(
    `Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${slip.officerName ?? 'Bộ phận Một cửa'} để được hướng dẫn. / ` +
      'If anything is unclear, ask the officer named below for guidance.',
    { size: 10 },
  );
}

function refusal(w: PageWriter, slip: RefusalSlip): void {
  applicant(w, slip, 'đã tiếp nhận hồ sơ của / received the dossier of:');
  w.text(
    'Sau khi xem xét, cơ quan không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau / ' +
      'After review, the agency cannot accept this dossier, for this reason:',
    { bold: true, gap: 2 },
  );
  w.text(slip.reason, { indent: 14, gap: 4 });
  w.text('Xin thông báo để Ông/Bà được biết và thực hiện. / We inform you accordingly.', { size: 10 });
}

function apology(w: PageWriter, slip: ApologySlip): void {
  applicant(w, slip, 'đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục hành chính của / received the dossier of:');
  w.field('Thời hẹn trả kết quả giải quyết hồ sơ / Result was due', dateTime(slip.originalDueAt));
  w.text(
    'Tuy nhiên đến nay, cơ quan chưa trả kết quả giải quyết hồ sơ cho Ông/Bà. / The result has not been handed over yet.',
    { gap: 2 },
  );
  w.field('Lý do / Reason', slip.reason);
  w.space(4);
  w.text(
    `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${slip.agencyName} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào ${dateTime(slip.newDueAt)}. / ` +
      `We apologise for the delay and will hand over the result on ${dateTime(slip.newDueAt)}.`,
    { bold: true },
  );
  w.field('Ngày hẹn trả kết quả mới / New return date', dateTime(slip.newDueAt));
}

function control(w: PageWriter, slip: ControlSlip): void {
  w.field('Mã hồ sơ / Dossier', slip.dossierCode);
  w.field('Ông/Bà / Applicant', slip.applicant.name);
  w.field('Nội dung yêu cầu giải quyết / Procedure', slip.procedureName);
  w.space(6);
  w.text('Quá trình giải quyết hồ sơ / Hand-overs:', { bold: true, gap: 2 });
  slip.handovers.forEach((h, i) => {
    w.ensure(60);
    w.text(`${i + 1}. ${h.step}`, { bold: true, indent: 6 });
    if (h.from || h.to) {
      w.field('Giao / From → Nhận / To', `${h.from ?? '—'} → ${h.to ?? '—'}`, { indent: 20, size: 10 });
    }
    w.field('Thời gian giao, nhận / At', dateTime(h.at), { indent: 20, size: 10 });
    if (h.dueAt) w.field('Hạn xử lý / Due', dateTime(h.dueAt), { indent: 20, size: 10 });
    w.field(
      'Kết quả / Outcome',
      h.onTime === null ? 'Chưa đến hạn / Not yet due' : h.onTime ? 'Đúng hạn / On time' : 'Quá hạn / Late',
      { indent: 20, size: 10 },
    );
    if (h.note) w.field('Ghi chú / Note', h.note, { indent: 20, size: 10 });
    w.space(3);
  });
}

function signatures(w: PageWriter, slip: SlipContent): void {
  w.ensure(70);
  w.space(14);
  const half = w.contentWidth / 2;
  const top = w.y;
  if (slip.kind === 'receipt') {
    w.text('NGƯỜI NỘP HỒ SƠ', { bold: true, size: 10, align: 'center', width: half });
    w.text('Applicant', { size: 9, align: 'center', width: half });
    w.space(18);
    w.text(slip.applicant.name, { size: 10, align: 'center', width: half });
  }
  const bottom = w.y;
  w.y = top;
  w.text(slip.kind === 'control' ? 'BỘ PHẬN MỘT CỬA' : 'NGƯỜI TIẾP NHẬN HỒ SƠ', {
    bold: true,
    size: 10,
    align: 'center',
    indent: half,
  });
  w.text('(Ký số / digitally signed)', { size: 9, align: 'center', indent: half });
  w.space(18);
  w.text(slip.officerName ?? slip.agencyName, { size: 10, align: 'center', indent: half });
  w.y = Math.min(w.y, bottom);
}

function tracking(w: PageWriter, slip: SlipContent): void {
  const size = 84;
  w.ensure(size + 16);
  w.space(12);
  drawQr(w.page, slip.trackingUrl, w.left, w.y - size, size);
  const textIndent = size + 12;
  const y = w.y;
  w.text('Tra cứu tình trạng hồ sơ / Track the dossier:', { size: 9, bold: true, indent: textIndent });
  w.text(slip.trackingUrl, { size: 9, indent: textIndent });
  w.text(`Mã hồ sơ / Dossier code: ${slip.dossierCode}`, { size: 9, indent: textIndent });
  w.y = Math.min(w.y, y - size);
}

function footers(w: PageWriter, slip: SlipContent): void {
  const pages = w.doc.getPages();
  pages.forEach((page, i) => {
    const text = `${slip.dossierCode} · Trang ${i + 1}/${pages.length} (page ${i + 1} of ${pages.length})`;
    page.drawText(text, { x: w.left, y: 30, size: 8, font: w.fonts.regular });
  });
}

/** "14 giờ 05 phút, ngày 02/03/2026" in Vietnam time, whatever the server's zone. */
export function dateTime(at: Date): string {
  const t = vietnamWallClock(at);
  return `${t.slice(11, 13)} giờ ${t.slice(14, 16)} phút, ngày ${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)}`;
}

function dayMonthYear(at: Date): string {
  const t = vietnamWallClock(at);
  return `${t.slice(8, 10)} tháng ${t.slice(5, 7)} năm ${t.slice(0, 4)}`;
}
