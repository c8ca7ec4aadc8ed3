import { DomainError } from '@dvc/kernel';

export const SubmissionQueueErrors = {
  notJson: () =>
    new DomainError(
      'REQUEST.BAD',
      { vi: 'Nội dung tin nhắn không phải JSON hợp lệ.', en: 'The message body is not valid JSON.' },
      { status: 400 },
    ),
};
