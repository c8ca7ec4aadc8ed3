import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class CancelShipmentDto {
  /** Why, e.g. "the applicant will collect the result at the office". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}
