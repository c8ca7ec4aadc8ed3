/** What an officer read: the filing (the declaration and the applicant), a filed document, a result, a slip. */
export const ACCESS_KINDS = ['filing', 'document', 'result', 'slip'] as const;
export type AccessKind = (typeof ACCESS_KINDS)[number];

/** One read of a case's personal data (processing.case_access_log). */
export interface AccessRecord {
  id: string;
  dossierCode: string;
  officerId: string;
  officerRoles: string[];
  what: AccessKind;
  /** The document, result file or slip read; null for the filing. */
  documentId: string | null;
  clientIp: string | null;
  at: Date;
}

export type NewAccess = Omit<AccessRecord, 'id' | 'at'> & { at?: Date };
