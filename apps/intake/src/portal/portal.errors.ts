import { DomainError } from '@dvc/platform';

export class PortalError extends DomainError {}

export const PortalErrors = {
  keyMissing: () =>
    new PortalError('PORTAL.API_KEY_MISSING', { vi: 'Thiếu khóa API của cổng (header X-Api-Key).', en: "The portal's API key (X-Api-Key header) is missing." }, { status: 401 }),
  keyInvalid: () =>
    new PortalError('PORTAL.API_KEY_INVALID', { vi: 'Khóa API không hợp lệ hoặc đã bị thu hồi.', en: 'The API key is not valid or has been revoked.' }, { status: 401 }),
  notFound: (id: string) => new PortalError('PORTAL.NOT_FOUND', { vi: `Không có cổng ${id}.`, en: `No portal ${id}.` }, { status: 404 }),
  nameTaken: (name: string) => new PortalError('PORTAL.NAME_TAKEN', { vi: `Đã có cổng tên "${name}".`, en: `A portal named "${name}" exists.` }, { status: 409 }),
};
