import { DomainError } from '@dvc/kernel';

export class GatewayError extends DomainError {}

export const GatewayErrors = {
  unreachable: (gateway: string, status?: number) =>
    new GatewayError(
      'PAYMENT.GATEWAY_UNAVAILABLE',
      {
        vi: `Cổng thanh toán ${gateway} không phản hồi; vui lòng thử lại sau.`,
        en: `The ${gateway} gateway did not answer; please try again later.`,
      },
      { status: 502, retryable: true, details: { gateway, ...(status ? { httpStatus: status } : {}) } },
    ),
  unsupported: (gateway: string, what: string) =>
    new GatewayError(
      'PAYMENT.GATEWAY_UNSUPPORTED',
      {
        vi: `Cổng ${gateway} không hỗ trợ thao tác: ${what}.`,
        en: `The ${gateway} gateway does not support: ${what}.`,
      },
      { status: 409, details: { gateway, operation: what } },
    ),
};
