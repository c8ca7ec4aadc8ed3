import { Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@dvc/contracts';
import { ShipmentInputMessages } from '../shipment.errors';

export class FindShipmentsQuery {
  @Matches(DOSSIER_CODE_PATTERN, { message: ShipmentInputMessages.dossierCode })
  dossier: string;
}
