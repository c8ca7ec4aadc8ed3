import { IsIP, IsOptional, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@dvc/contracts';

export class FindPaymentsQuery {
  @Matches(DOSSIER_CODE_PATTERN, { message: 'Mã hồ sơ có dạng 000.00.12.H30-260511-0001. / dossier must be a dossier code such as 000.00.12.H30-260511-0001' })
  dossier: string;

  /** The citizen's IP address, passed on to the gateway (vnp_IpAddr). */
  @IsOptional() @IsIP()
  clientIp?: string;
}

export class CheckoutBody {
  @IsOptional() @IsIP()
  clientIp?: string;
}
