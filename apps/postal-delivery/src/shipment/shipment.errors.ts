import { DomainError } from '@dvc/kernel';

export class ShipmentError extends DomainError {}

export const ShipmentErrors = {
  notFound: (id: string) =>
    new ShipmentError(
      'SHIPMENT.NOT_FOUND',
      { vi: `Không tìm thấy vận đơn ${id}.`, en: `No shipment ${id}.` },
      { status: 404 },
    ),
  cannotCancel: (id: string, status: string) =>
    new ShipmentError(
      'SHIPMENT.CANNOT_CANCEL',
      {
        vi: `Vận đơn ${id} đang ở trạng thái "${status}": chỉ hủy được trước khi bưu tá lấy hàng.`,
        en: `Shipment ${id} is "${status}": it can only be cancelled before pick-up.`,
      },
      { status: 409, details: { status, allowedFrom: ['created', 'accepted_by_post_office'] } },
    ),
  addressFixNotNeeded: (id: string, status: string) =>
    new ShipmentError(
      'SHIPMENT.ADDRESS_ALREADY_SENT',
      {
        vi: `Địa chỉ của vận đơn ${id} đã được gửi cho bưu chính (trạng thái "${status}").`,
        en: `The address of shipment ${id} was already sent to the postal partner ("${status}").`,
      },
      { status: 409, details: { status } },
    ),
  addressInvalid: (errors: { field: string; code: string; vi: string; en: string }[]) =>
    new ShipmentError(
      'SHIPMENT.ADDRESS_INVALID',
      {
        vi: `Địa chỉ chưa hợp lệ: ${errors.map((e) => e.vi).join(' ')}`,
        en: `The address is not valid: ${errors.map((e) => e.en).join(' ')}`,
      },
      { status: 400, details: { fields: errors.map((e) => ({ ...e, field: `receiver.${e.field}` })) } },
    ),
};

/** Validation messages of the HTTP inputs. */
export const ShipmentInputMessages = {
  dossierCode: 'dossier must be a dossier code such as 000.00.12.H30-260511-0001',
};
