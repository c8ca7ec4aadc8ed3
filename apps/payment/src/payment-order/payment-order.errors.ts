import { DomainError } from '@dvc/kernel';

export class PaymentError extends DomainError {}

const fmt = (n: number) => n.toLocaleString('vi-VN');

export const PaymentErrors = {
  orderNotFound: (id: string) =>
    new PaymentError(
      'PAYMENT.ORDER_NOT_FOUND',
      { vi: `Không tìm thấy lệnh thu phí ${id}.`, en: `No payment order ${id}.` },
      { status: 404 },
    ),
  receiptNotFound: (n: string) =>
    new PaymentError(
      'PAYMENT.RECEIPT_NOT_FOUND',
      { vi: `Không tìm thấy biên lai ${n}.`, en: `No receipt ${n}.` },
      { status: 404 },
    ),
  /** An event about a dossier whose order is not opened yet (events may overtake each other): retry later. */
  orderNotYetOpened: (code: string) =>
    new PaymentError(
      'PAYMENT.ORDER_NOT_YET_OPENED',
      { vi: `Chưa có lệnh thu phí cho hồ sơ ${code}.`, en: `No payment order for ${code} yet.` },
      { status: 409, retryable: true },
    ),
  officeOnly: (code: string) =>
    new PaymentError(
      'PAYMENT.OFFICE_ONLY',
      {
        vi: `Hồ sơ ${code} thuộc thủ tục mức độ 3: phí chỉ nộp trực tiếp tại bộ phận một cửa, không thanh toán trực tuyến.`,
        en: `Dossier ${code} is a level-3 procedure: the fee is paid at the office counter only, not online.`,
      },
      { status: 409, details: { level: 3, payAt: 'office' } },
    ),
  codAwaitingDelivery: (code: string) =>
    new PaymentError(
      'PAYMENT.COD_AWAITING_DELIVERY',
      {
        vi: `Phí hồ sơ ${code} được thu hộ (COD) khi bưu điện giao kết quả; chỉ nộp tại quầy khi bưu phẩm bị trả lại.`,
        en: `The fee of ${code} is collected by the postman on delivery (COD); it is paid at the counter only if the parcel comes back.`,
      },
      { status: 409, details: { method: 'postal_cod' } },
    ),
  notPayable: (id: string, status: string) =>
    new PaymentError(
      'PAYMENT.NOT_PAYABLE',
      {
        vi: `Lệnh thu ${id} đang ở trạng thái "${status}", không thể thanh toán.`,
        en: `Payment order ${id} is "${status}" and cannot be paid.`,
      },
      { status: 409, details: { status } },
    ),
  amountMismatch: (due: number, given: number) =>
    new PaymentError(
      'PAYMENT.AMOUNT_MISMATCH',
      {
        vi: `Số tiền phải đúng bằng số phải nộp: ${fmt(due)} đồng (đã nhập ${fmt(given)} đồng).`,
        en: `The amount must equal the amount due: ${due} VND (given ${given} VND).`,
      },
      { status: 422, details: { amountDue: due, amountGiven: given } },
    ),
  cashierReceiptUsed: (n: string) =>
    new PaymentError(
      'PAYMENT.CASHIER_RECEIPT_NUMBER_USED',
      {
        vi: `Số biên lai ${n} đã được dùng cho một khoản thu khác.`,
        en: `Receipt number ${n} was already used for another payment.`,
      },
      { status: 409 },
    ),
  idempotencyKeyRequired: () =>
    new PaymentError(
      'PAYMENT.IDEMPOTENCY_KEY_REQUIRED',
      {
        vi: 'Cần header Idempotency-Key hoặc trường refundId để yêu cầu hoàn tiền không bị thực hiện hai lần.',
        en: 'An Idempotency-Key header or a refundId is required so that a refund is never made twice.',
      },
      { status: 400 },
    ),
  idempotencyKeyReused: (key: string) =>
    new PaymentError(
      'PAYMENT.IDEMPOTENCY_KEY_REUSED',
      {
        vi: `Khóa ${key} đã dùng cho một yêu cầu hoàn tiền khác.`,
        en: `Key ${key} was already used for a different refund request.`,
      },
      { status: 409 },
    ),
  refundNotAllowed: (id: string) =>
    new PaymentError(
      'PAYMENT.REFUND_NOT_ALLOWED',
      {
        vi: `Lệnh thu ${id} chưa được hoàn tiền: chỉ hoàn phí khi hồ sơ bị từ chối sau khi đã nộp phí.`,
        en: `Payment order ${id} cannot be refunded: refunds are allowed only for a dossier rejected after payment.`,
      },
      { status: 409 },
    ),
  refundExceedsPaid: (remaining: number, asked: number) =>
    new PaymentError(
      'PAYMENT.REFUND_EXCEEDS_PAID',
      {
        vi: `Số tiền hoàn (${fmt(asked)} đồng) vượt số còn có thể hoàn (${fmt(remaining)} đồng).`,
        en: `The refund (${asked} VND) exceeds what can still be refunded (${remaining} VND).`,
      },
      { status: 422, details: { refundable: remaining, asked } },
    ),
  refundFailed: (code: string) =>
    new PaymentError(
      'PAYMENT.GATEWAY_REFUND_FAILED',
      {
        vi: `Cổng thanh toán từ chối yêu cầu hoàn tiền (mã ${code}); chưa hoàn tiền, có thể thử lại với cùng khóa.`,
        en: `The gateway refused the refund (code ${code}); nothing was refunded; retry with the same key.`,
      },
      { status: 502, details: { gatewayCode: code } },
    ),
};

/** Validation messages of the HTTP inputs (class-validator takes one string: Vietnamese / English). */
export const PaymentInputMessages = {
  dossierCode:
    'Mã hồ sơ có dạng 000.00.12.H30-260511-0001. / dossier must be a dossier code such as 000.00.12.H30-260511-0001',
  refundId: 'refundId: 8-100 chữ, số, . _ : -. / refundId: 8-100 letters, digits, . _ : -',
};
