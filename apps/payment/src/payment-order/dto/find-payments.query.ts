import { Matches } from 'class-validator';
import { DOSSIER_CODE_PATTERN } from '@dvc/contracts';

export class FindPaymentsQuery {
  @Matches(DOSSIER_CODE_PATTERN, { message: 'dossier must be a dossier code such as 000.00.12.H30-260511-0001' })
  dossier: string;
}
