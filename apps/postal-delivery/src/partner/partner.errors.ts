import { DomainError } from '@dvc/kernel';

export class PartnerError extends DomainError {}

/** Why a status report from the postal partner was refused (stored for audit all the same). */
export const PartnerErrors = {
  signatureMissing: (missing: string[]) =>
    new PartnerError(
      'PARTNER.SIGNATURE_MISSING',
      {
        vi: `Báo cáo trạng thái chưa được ký: thiếu ${missing.join(', ')}.`,
        en: `The status report is not signed: ${missing.join(', ')} missing.`,
      },
      { status: 401, details: { missing } },
    ),
  signatureInvalid: () =>
    new PartnerError(
      'PARTNER.SIGNATURE_INVALID',
      {
        vi: 'Chữ ký của báo cáo trạng thái không đúng (hoặc đối tác không được cấu hình).',
        en: 'The status report signature is wrong (or the partner is not configured).',
      },
      { status: 401 },
    ),
  stale: (toleranceSeconds: number) =>
    new PartnerError(
      'PARTNER.TIMESTAMP_STALE',
      {
        vi: `Thời điểm ký (X-Timestamp) lệch quá ${toleranceSeconds} giây so với đồng hồ hệ thống.`,
        en: `X-Timestamp is more than ${toleranceSeconds} s away from our clock.`,
      },
      { status: 401, details: { toleranceSeconds } },
    ),
  malformed: (fields: { field: string; code: string; vi: string; en: string }[]) =>
    new PartnerError(
      'PARTNER.REPORT_MALFORMED',
      {
        vi: `Báo cáo trạng thái không hợp lệ${fields.length ? ` ở: ${[...new Set(fields.map((f) => f.field))].join(', ')}` : ''}.`,
        en: `The status report is malformed${fields.length ? ` at: ${[...new Set(fields.map((f) => f.field))].join(', ')}` : ''}.`,
      },
      { status: 400, details: { fields } },
    ),
  replayed: (eventId: string) =>
    new PartnerError(
      'PARTNER.EVENT_REPLAYED',
      {
        vi: `Báo cáo ${eventId} đã được nhận trước đó; không xử lý lại.`,
        en: `Report ${eventId} was received before; it is not applied again.`,
      },
      { status: 409, details: { eventId } },
    ),
  unknownShipment: (shipmentId: string) =>
    new PartnerError(
      'PARTNER.SHIPMENT_UNKNOWN',
      { vi: `Không có vận đơn ${shipmentId}.`, en: `There is no shipment ${shipmentId}.` },
      { status: 404, details: { shipmentId } },
    ),
  impossible: (shipmentId: string, current: string, reported: string, allowedNow: string[]) =>
    new PartnerError(
      'PARTNER.TRANSITION_IMPOSSIBLE',
      {
        vi: `Vận đơn ${shipmentId} đang ở trạng thái "${current}", không thể chuyển sang "${reported}". Trạng thái có thể báo lúc này: ${allowedNow.join(', ') || 'không có'}.`,
        en: `Shipment ${shipmentId} is "${current}"; it cannot become "${reported}". Statuses open now: ${allowedNow.join(', ') || 'none'}.`,
      },
      { status: 409, details: { status: current, reported, allowedNow } },
    ),
};

/** Why a body could not be read as a report at all (the field problems of PARTNER.REPORT_MALFORMED). */
export const BodyProblems = {
  notJson: {
    field: '(body)',
    code: 'FIELD.IS_JSON',
    vi: 'Nội dung không phải JSON hợp lệ.',
    en: 'The body is not valid JSON.',
  },
  notObject: {
    field: '(body)',
    code: 'FIELD.IS_OBJECT',
    vi: 'Phải là một đối tượng JSON.',
    en: 'The body must be a JSON object.',
  },
};

/** The webhook's body was larger than the service accepts. */
export const requestTooLarge = () =>
  new DomainError(
    'REQUEST.TOO_LARGE',
    { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request body is too large.' },
    { status: 413 },
  );

export const codDiffers = (asked: number, collected: number) => ({
  code: 'SHIPMENT.COD_AMOUNT_DIFFERS',
  vi: `Số tiền thu hộ (${collected.toLocaleString('vi-VN')} đồng) khác số tiền phải thu (${asked.toLocaleString('vi-VN')} đồng); đã đánh dấu để đối soát.`,
  en: `The COD collected (${collected} VND) differs from the amount asked (${asked} VND); flagged for reconciliation.`,
  asked,
  collected,
});
