import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { PostalAddress } from '@dvc/contracts';

export class FixAddressDto {
  @ValidateNested()
  @Type(() => PostalAddress)
  receiver: PostalAddress;
}
