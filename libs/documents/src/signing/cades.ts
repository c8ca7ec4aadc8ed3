import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { certificateParts, derOf, OID } from './certificates';

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const CTX = asn1.Class.CONTEXT_SPECIFIC;

const seq = (...v: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, v);
const set = (...v: forge.asn1.Asn1[]) => asn1.create(U, asn1.Type.SET, true, v);
const oid = (o: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(o).getBytes());
const int = (n: number) => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes());
const nul = () => asn1.create(U, asn1.Type.NULL, false, '');
const octets = (b: Buffer) => asn1.create(U, asn1.Type.OCTETSTRING, false, b.toString('binary'));
const attribute = (type: string, value: forge.asn1.Asn1) => seq(oid(type), set(value));

export interface CadesInput {
  /** The bytes covered by the PDF's ByteRange. */
  content: Buffer;
  signerCertDer: Buffer;
  /** The other certificates to embed (issuing CAs), so a verifier can build the chain. */
  chainDer: Buffer[];
  /** RSA PKCS#1 v1.5 over SHA-256 of the given bytes. */
  sign: (data: Buffer) => Buffer;
}

/**
 * A detached CMS SignedData in the CAdES baseline B form PAdES asks for (ETSI EN 319 122-1 /
 * 319 142-1): signed attributes content-type, message-digest and signing-certificate-v2 (which
 * binds the signer's certificate into what is signed), and no signing-time attribute, since PAdES
 * puts the time in the signature dictionary's /M.
 *
 * Built with node-forge's ASN.1 helpers rather than its pkcs7 module, which encodes only
 * content-type, message-digest and signing-time and so cannot carry signing-certificate-v2.
 */
export function buildCadesDetached(input: CadesInput): Buffer {
  const signer = certificateParts(input.signerCertDer);
  const digest = createHash('sha256').update(input.content).digest();
  const certHash = createHash('sha256').update(input.signerCertDer).digest();

  // ESSCertIDv2 { hashAlgorithm DEFAULT sha256 (so omitted in DER), certHash, issuerSerial }
  const issuerSerial = seq(seq(asn1.create(CTX, 4, true, [signer.issuer])), signer.serial);
  const signingCertificateV2 = seq(seq(seq(octets(certHash), issuerSerial)));

  // DER sorts a SET OF by the encodings of its elements.
  const attrs = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(digest)),
    attribute(OID.signingCertificateV2, signingCertificateV2),
  ].sort((a, b) => Buffer.compare(derOf(a), derOf(b)));

  // The signature covers the attributes encoded as a SET (RFC 5652 §5.4); they travel as [0] IMPLICIT.
  const signature = input.sign(derOf(set(...attrs)));

  const signerInfo = seq(
    int(1),
    seq(signer.issuer, signer.serial),
    seq(oid(OID.sha256)),
    asn1.create(CTX, 0, true, attrs),
    seq(oid(OID.rsaEncryption), nul()),
    octets(signature),
  );
  const certificates = [input.signerCertDer, ...input.chainDer].map((der) => certificateParts(der).asn1);
  const signedData = seq(
    int(1),
    set(seq(oid(OID.sha256))),
    seq(oid(OID.data)),
    asn1.create(CTX, 0, true, certificates),
    set(signerInfo),
  );
  return derOf(seq(oid(OID.signedData), asn1.create(CTX, 0, true, [signedData])));
}
