/** A file of a case kept in processing's storage: an upload waiting for its issue, or issued. */
export interface StoredFileRecord {
  dossierCode: string;
  name: string;
  contentType: string;
  size: number;
  /** Of the stored bytes (for an issued PDF: the signed one, not what was uploaded or rendered). */
  sha256: string;
  storageKey: string;
}

/**
 * What every file processing issues (a result file, a slip) records about its stored bytes:
 * one shape for both tables, so that the internal endpoint and the downloads treat them alike.
 */
export interface IssuedFileRecord extends StoredFileRecord {
  signed: boolean;
  signedBy: string | null;
  issuedBy: string;
  issuedAt: Date;
}

/** The StoredFileRecord columns of a row of processing.result_uploads, result_files or slips. */
export function storedFileOf(r: Record<string, unknown>): StoredFileRecord {
  return {
    dossierCode: r.dossier_code as string,
    name: r.name as string,
    contentType: r.content_type as string,
    size: r.size as number,
    sha256: r.sha256 as string,
    storageKey: r.storage_key as string,
  };
}

/** The IssuedFileRecord columns of a row of processing.result_files or processing.slips. */
export function issuedFileOf(r: Record<string, unknown>): IssuedFileRecord {
  return {
    ...storedFileOf(r),
    signed: r.signed as boolean,
    signedBy: r.signed_by as string | null,
    issuedBy: r.issued_by as string,
    issuedAt: r.issued_at as Date,
  };
}
