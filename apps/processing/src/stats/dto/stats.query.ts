import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { StatsMessages } from '../stats.errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class StatsQuery {
  /** First day of the period (Vietnam time), inclusive. */
  @Matches(DATE, { message: StatsMessages.from }) from: string;
  /** Last day of the period (Vietnam time), inclusive. */
  @Matches(DATE, { message: StatsMessages.to }) to: string;
  @IsOptional() @IsString() @MaxLength(20) field?: string;
}
