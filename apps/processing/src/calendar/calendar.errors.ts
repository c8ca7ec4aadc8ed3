import { DomainError } from '@dvc/kernel';

export const CalendarErrors = {
  yearPublished: (year: number) =>
    new DomainError(
      'CALENDAR.YEAR_PUBLISHED',
      {
        vi: `Lịch nghỉ năm ${year} đã được công bố và không sửa được.`,
        en: `The ${year} notice is published and cannot be edited.`,
      },
      { status: 409 },
    ),
  dateOutsideYear: (year: number, outside: string[]) =>
    new DomainError(
      'CALENDAR.DATE_OUTSIDE_YEAR',
      {
        vi: `Các ngày phải thuộc năm ${year}: ${outside.join(', ')}.`,
        en: `Dates must be in ${year}: ${outside.join(', ')}.`,
      },
      { status: 422 },
    ),
  invalidDate: (reason: string) =>
    new DomainError(
      'CALENDAR.INVALID_DATE',
      { vi: `Ngày không hợp lệ: ${reason}`, en: `Invalid date: ${reason}` },
      { status: 422 },
    ),
  yearOutOfRange: () =>
    new DomainError(
      'CALENDAR.YEAR_OUT_OF_RANGE',
      { vi: 'Năm phải từ 2021 đến 2100.', en: 'The year must be 2021-2100.' },
      { status: 400 },
    ),
};

/** Validation messages of the calendar's request bodies. */
export const CalendarMessages = {
  date: 'Ngày dạng YYYY-MM-DD. / A date as YYYY-MM-DD.',
};
