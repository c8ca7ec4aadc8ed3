import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class AccessLogQuery {
  /** Most rows in the page, newest first. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit = 50;

  /** The `next` of the previous page. */
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'before must be the next cursor of a previous page' })
  before?: string;
}
