import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface TestPki {
  caCertPem: string;
  p12: Buffer;
  passphrase: string;
  certPem: string;
}

export interface TestPkiOptions {
  notAfter?: Date;
  /** Defaults to now less a minute. */
  notBefore?: Date;
  commonName?: string;
  organisation?: string;
  passphrase?: string;
}

const { pki } = forge;

/**
 * A throw-away certificate authority and an agency certificate signed by it, the agency's key
 * and both certificates in a PKCS#12 file. For tests and local development only: the keys are
 * generated on the spot and never leave the caller.
 */
export function createTestPki(o: TestPkiOptions = {}): TestPki {
  const notBefore = o.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = o.notAfter ?? new Date(notBefore.getTime() + 365 * 24 * 3600_000);
  const organisation = o.organisation ?? 'Sở Tài chính';
  const passphrase = o.passphrase ?? 'local-only-signing';

  const caKeys = rsaKeyPair();
  const ca = pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serial();
  ca.validity.notBefore = new Date(notBefore.getTime() - 24 * 3600_000);
  ca.validity.notAfter = new Date(Math.max(notAfter.getTime(), Date.now()) + 365 * 24 * 3600_000);
  const caName = names(`CA thử nghiệm của ${organisation} (không dùng thật)`, organisation);
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = rsaKeyPair();
  const cert = pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  cert.setSubject(names(o.commonName ?? `${organisation} (thử nghiệm)`, organisation));
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKeys.privateKey, forge.md.sha256.create());

  // 3DES like most PKCS#12 tools' defaults, so OpenSSL and NSS read the file too.
  const p12Asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert, ca], passphrase, {
    algorithm: '3des',
    friendlyName: 'agency',
  });
  return {
    caCertPem: pki.certificateToPem(ca),
    certPem: pki.certificateToPem(cert),
    p12: Buffer.from(forge.asn1.toDer(p12Asn1).getBytes(), 'binary'),
    passphrase,
  };
}

/** Native key generation: forge's pure-JavaScript RSA takes seconds per key. */
function rsaKeyPair(): forge.pki.rsa.KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: pki.setRsaPublicKey(key.n, key.e) };
}

/** A positive serial (high bit clear) of 16 random bytes. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function names(commonName: string, organisation: string): forge.pki.CertificateField[] {
  return [
    { name: 'countryName', value: 'VN' },
    { name: 'organizationName', value: organisation, valueTagClass: forge.asn1.Type.UTF8 as never },
    { name: 'commonName', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as never },
  ];
}
