import { IsIP, IsOptional, Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@dvc/contracts';
import { PaymentInputMessages } from '../payment-order.errors';

export class FindPaymentsQuery {
  @Matches(DOSSIER_CODE_PATTERN, { message: PaymentInputMessages.dossierCode })
  dossier: string;

  /** The citizen's IP address, passed on to the gateway (vnp_IpAddr). */
  @IsOptional()
  @IsIP()
  clientIp?: string;
}

export class CheckoutBody {
  @IsOptional()
  @IsIP()
  clientIp?: string;
}
