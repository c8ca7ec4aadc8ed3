import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { SignerIdentity } from './signer';

const { asn1 } = forge;

/** OIDs used by the CMS builder and the verifier. */
export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  commonName: '2.5.4.3',
  organisation: '2.5.4.10',
} as const;

/** The parts of a certificate a CMS SignerInfo names it by (issuer and serial), as parsed ASN.1. */
export interface CertificateParts {
  der: Buffer;
  asn1: forge.asn1.Asn1;
  issuer: forge.asn1.Asn1;
  subject: forge.asn1.Asn1;
  serial: forge.asn1.Asn1;
}

export function certificateParts(der: Buffer): CertificateParts {
  const cert = asn1.fromDer(der.toString('binary'));
  const tbs = (cert.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  // TBSCertificate starts with an optional [0] version.
  const at = tbs[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return { der, asn1: cert, serial: tbs[at], issuer: tbs[at + 2], subject: tbs[at + 4] };
}

export function derOf(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

// In node-forge's JavaScript but missing from its type definitions.
const rdnAttributes = (name: forge.asn1.Asn1) =>
  (
    forge.pki as unknown as {
      RDNAttributesAsArray(n: forge.asn1.Asn1): { type: string; value: string; valueTagClass: number }[];
    }
  ).RDNAttributesAsArray(name);

/** A Name's attribute as text: UTF8String and BMPString decoded, the others taken as Latin-1/ASCII. */
export function nameField(name: forge.asn1.Asn1, oid: string): string | undefined {
  const attr = rdnAttributes(name).find((a) => a.type === oid);
  if (!attr) return undefined;
  const raw = attr.value;
  if (attr.valueTagClass === asn1.Type.UTF8) return forge.util.decodeUtf8(raw);
  if (attr.valueTagClass === asn1.Type.BMPSTRING) return Buffer.from(raw, 'binary').swap16().toString('utf16le');
  return raw;
}

/** The Name as "CN=…, O=…" (common name and organisation only, the parts a person reads). */
export function describeName(name: forge.asn1.Asn1): string {
  const cn = nameField(name, OID.commonName);
  const o = nameField(name, OID.organisation);
  return [cn && `CN=${cn}`, o && `O=${o}`].filter(Boolean).join(', ');
}

export function identityOf(der: Buffer): SignerIdentity {
  const parts = certificateParts(der);
  const x509 = new X509Certificate(der);
  return {
    commonName: nameField(parts.subject, OID.commonName) ?? '',
    organisation: nameField(parts.subject, OID.organisation),
    serialNumber: x509.serialNumber.toUpperCase(),
    notAfter: new Date(x509.validTo),
  };
}
