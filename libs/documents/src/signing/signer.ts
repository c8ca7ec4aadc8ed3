/** Who signed, as the certificate names them. */
export interface SignerIdentity {
  commonName: string;
  organisation?: string;
  /** The certificate's serial number, upper-case hex. */
  serialNumber: string;
  notAfter: Date;
}

/**
 * The port behind which the agency's key lives: the PKCS#12 adapter here; a remote-signing
 * service or an HSM can replace it without touching its callers.
 */
export interface DocumentSigner {
  readonly identity: SignerIdentity;
  /** Signs a PDF (PAdES baseline B where the library allows); returns the signed bytes. */
  signPdf(pdf: Buffer, o: { reason: string; location?: string; signedAt?: Date }): Promise<Buffer>;
}
