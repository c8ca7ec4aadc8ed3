import type { DeclarationEntry, FiledDocument } from '@dvc/contracts';

/** A document filed with the dossier or with one of its supplements, as processing keeps it. */
export interface FiledDocumentRecord extends FiledDocument {
  /** The supplement request it answered; null for the documents filed with the dossier. */
  supplementRequestId: string | null;
  filedAt: Date;
}

/** What dossier.submitted brought of the filing; null for dossiers filed before it carried it. */
export interface FilingRecord {
  declaration: DeclarationEntry[];
  filedAt: Date;
}
