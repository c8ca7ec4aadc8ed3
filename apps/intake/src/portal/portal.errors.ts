import { DomainError } from '@dvc/kernel';

export class PortalError extends DomainError {}

export const PortalErrors = {
  notFound: (id: string) =>
    new PortalError('PORTAL.NOT_FOUND', { vi: `Không có cổng ${id}.`, en: `No portal ${id}.` }, { status: 404 }),
  nameTaken: (name: string) =>
    new PortalError(
      'PORTAL.NAME_TAKEN',
      { vi: `Đã có cổng tên "${name}".`, en: `A portal named "${name}" exists.` },
      { status: 409 },
    ),
};

/** Messages of the input checks on this module's request bodies (class-validator). */
export const PortalInputMessages = {
  name: 'name must not be blank',
};
