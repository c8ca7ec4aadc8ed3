/** Validation messages of the statistics' query. */
export const StatsMessages = {
  from: 'from là ngày dạng YYYY-MM-DD. / from must be a date as YYYY-MM-DD.',
  to: 'to là ngày dạng YYYY-MM-DD. / to must be a date as YYYY-MM-DD.',
};
