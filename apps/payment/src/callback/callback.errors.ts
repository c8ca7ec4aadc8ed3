/** What the citizen's browser is shown on its way back from the gateway. */
export const ReturnPageMessages = {
  invalid: {
    vi: 'Kết quả không hợp lệ (sai chữ ký); không có gì thay đổi.',
    en: 'The result is not valid (bad signature); nothing has changed.',
  },
  paid: {
    vi: 'Thanh toán thành công. Biên lai điện tử đã được lập.',
    en: 'Payment succeeded. The electronic receipt has been issued.',
  },
  awaitingIpn: {
    vi: 'Cổng thanh toán báo thành công; hệ thống đang chờ xác nhận (IPN).',
    en: 'The gateway reports success; we are waiting for its confirmation (IPN).',
  },
  notPaid: { vi: 'Giao dịch chưa thành công.', en: 'The payment did not go through.' },
};
