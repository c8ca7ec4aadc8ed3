import { DomainError } from '@dvc/kernel';

export class FilingError extends DomainError {}

export const FilingErrors = {
  /** Unknown, or filed for another dossier: the answer says nothing about any file. */
  documentNotFound: (code: string) =>
    new FilingError(
      'FILING.DOCUMENT_NOT_FOUND',
      {
        vi: `Hồ sơ ${code} không có tài liệu này.`,
        en: `Dossier ${code} has no such document.`,
      },
      { status: 404 },
    ),
};
