import type { CitizenSlipKind } from '@dvc/contracts';
import type { IssuedFileRecord } from '../../files/issued-file.record';

/** One issued slip (processing.slips): a signed PDF kept in processing's storage. */
export interface SlipRecord extends IssuedFileRecord {
  id: string;
  kind: CitizenSlipKind;
}
