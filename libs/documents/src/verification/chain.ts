import { X509Certificate } from 'node:crypto';

const MAX_DEPTH = 6;

/**
 * Whether the signer's certificate leads to one of the trusted CAs through the certificates the
 * signature carries: each link issued by the next (names and signature), each valid at `at`, each
 * issuer a CA. Revocation (CRL, OCSP) is not checked.
 */
export function chainsToTrusted(signerDer: Buffer, carried: Buffer[], trustedPem: string[], at: Date): boolean {
  const trusted = trustedPem.map((pem) => new X509Certificate(pem));
  const pool = carried.map((der) => new X509Certificate(der));
  let cert = new X509Certificate(signerDer);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (!validAt(cert, at)) return false;
    if (trusted.some((ca) => issued(ca, cert) && validAt(ca, at))) return true;
    const next = pool.find((ca) => ca.fingerprint256 !== cert.fingerprint256 && issued(ca, cert));
    if (!next) return false;
    cert = next;
  }
  return false;
}

function issued(ca: X509Certificate, cert: X509Certificate): boolean {
  return ca.ca && cert.checkIssued(ca) && cert.verify(ca.publicKey);
}

function validAt(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom) <= at && at <= new Date(cert.validTo);
}
