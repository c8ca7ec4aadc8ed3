import { resolve } from 'node:path';
import { type DocumentSigner, Pkcs12Signer } from '@dvc/documents';
import type { ProcessingConfig } from '../config/processing.config';

/** Nest injection token of the agency's DocumentSigner (results and slips). */
export const DOCUMENT_SIGNER: unique symbol = Symbol('DOCUMENT_SIGNER');

/**
 * The agency's signer from its PKCS#12 file. Called while processing's module is put together,
 * before Nest starts: a missing, expired or mismatched key throws the signer's own message to
 * main's exitOnBootFailure, and the service never comes up half able to issue.
 * A migration-only run signs nothing, so it does not need the key (the release Job has none).
 */
export function loadDocumentSigner(config: ProcessingConfig): DocumentSigner {
  if (config.MIGRATE_ONLY) return notForMigrations;
  return Pkcs12Signer.fromFile(resolve(config.SIGNING_P12_PATH), config.SIGNING_P12_PASSPHRASE);
}

const notForMigrations: DocumentSigner = {
  identity: { commonName: 'MIGRATE_ONLY', serialNumber: '00', notAfter: new Date(0) },
  signPdf: () => Promise.reject(new Error('A MIGRATE_ONLY run has no signing key.')),
};

/** How a signature and the "Signed by" line name the signer: its common name, and organisation when different. */
export function signerName(signer: DocumentSigner): string {
  const { commonName, organisation } = signer.identity;
  return organisation && !commonName.includes(organisation) ? `${commonName} (${organisation})` : commonName;
}
