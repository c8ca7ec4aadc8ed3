import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class QueueQuery {
  /** Most cases returned, most urgent first (cases without a due date yet: oldest first). */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 200;
}
