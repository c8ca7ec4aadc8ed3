import { DomainError } from '@dvc/kernel';

export class SlipError extends DomainError {}

export const SlipErrors = {
  unknownKind: (kind: string, known: readonly string[]) =>
    new SlipError(
      'SLIP.UNKNOWN_KIND',
      { vi: `Không có loại phiếu "${kind}".`, en: `There is no slip kind "${kind}".` },
      { status: 404, details: { known } },
    ),
  notIssued: (dossierCode: string, kind: string) =>
    new SlipError(
      'SLIP.NOT_ISSUED',
      {
        vi: `Hồ sơ ${dossierCode} chưa có phiếu loại "${kind}".`,
        en: `No "${kind}" slip has been issued for dossier ${dossierCode}.`,
      },
      { status: 404 },
    ),
};
