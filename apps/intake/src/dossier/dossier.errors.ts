import { DomainError } from '@dvc/platform';

export class DossierError extends DomainError {}

export const DossierErrors = {
  notFound: (code: string) =>
    new DossierError('DOSSIER.NOT_FOUND', { vi: `Không tìm thấy hồ sơ ${code}.`, en: `Dossier ${code} does not exist.` }, { status: 404 }),
  procedureNotFound: (code: string) =>
    new DossierError(
      'PROCEDURE.NOT_FOUND',
      { vi: `Không có thủ tục mã ${code}. Vui lòng kiểm tra lại mã thủ tục.`, en: `There is no procedure with code ${code}. Please check the procedure code.` },
      { status: 422 },
    ),
  notOnline: (code: string, level: number) =>
    new DossierError(
      'PROCEDURE.NOT_ONLINE',
      {
        vi: `Thủ tục ${code} là dịch vụ công mức độ ${level}: chưa nhận hồ sơ trực tuyến. Vui lòng nộp hồ sơ giấy trực tiếp tại Bộ phận Một cửa của Sở Tài chính hoặc qua dịch vụ bưu chính công ích.`,
        en: `Procedure ${code} is a level ${level} service and cannot be filed online. Please file it on paper at the Department of Finance's one-stop desk or by public postal service.`,
      },
      { status: 422, details: { level } },
    ),
  methodNotAllowed: (what: 'payment' | 'delivery', method: string, level: number, allowed: readonly string[]) =>
    new DossierError(
      what === 'payment' ? 'DOSSIER.PAYMENT_METHOD_NOT_ALLOWED' : 'DOSSIER.DELIVERY_METHOD_NOT_ALLOWED',
      {
        vi: `Thủ tục mức độ ${level} không cho phép ${what === 'payment' ? 'hình thức thanh toán' : 'hình thức nhận kết quả'} "${method}". Chọn một trong: ${allowed.join(', ')}.`,
        en: `A level ${level} procedure does not allow ${what} method "${method}". Choose one of: ${allowed.join(', ')}.`,
      },
      { status: 422, details: { allowed } },
    ),
};
