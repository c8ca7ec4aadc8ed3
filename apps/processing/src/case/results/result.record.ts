import type { IssuedFileRecord, StoredFileRecord } from '../../files/issued-file.record';

/** A result file an officer uploaded ahead of issue_result (processing.result_uploads). */
export interface ResultUploadRecord extends StoredFileRecord {
  id: string;
  uploadedBy: string;
  uploadedAt: Date;
  /** Set once a result took the upload. */
  issuedFileId: string | null;
}

/** One file of an issued result (processing.result_files): the bytes as issued, signed when a PDF. */
export interface ResultFileRecord extends IssuedFileRecord {
  fileId: string;
  resultId: string;
  position: number;
  verificationCode: string;
}
