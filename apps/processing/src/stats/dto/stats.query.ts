import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StatsQuery {
  /** First day of the period (Vietnam time), inclusive. */
  @Matches(DATE, { message: 'from là ngày dạng YYYY-MM-DD. / from must be a date as YYYY-MM-DD.' }) from: string;
  /** Last day of the period (Vietnam time), inclusive. */
  @Matches(DATE, { message: 'to là ngày dạng YYYY-MM-DD. / to must be a date as YYYY-MM-DD.' }) to: string;
  @IsOptional() @IsString() @MaxLength(20) field?: string;
}
