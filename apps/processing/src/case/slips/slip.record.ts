import type { CitizenSlipKind } from '@dvc/contracts';

/** One issued slip (processing.slips): a signed PDF kept in processing's storage. */
export interface SlipRecord {
  id: string;
  dossierCode: string;
  kind: CitizenSlipKind;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  storageKey: string;
  signed: boolean;
  signedBy: string | null;
  issuedBy: string;
  issuedAt: Date;
}
