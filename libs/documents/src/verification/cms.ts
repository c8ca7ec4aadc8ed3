import { createHash, verify as verifySignature, X509Certificate, constants } from 'node:crypto';
import forge from 'node-forge';
import { certificateParts, derOf, OID } from '../signing/certificates';

const { asn1 } = forge;
type Node = forge.asn1.Asn1;

const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';

export interface CmsCheck {
  /** The message digest signed equals the digest of the signed bytes. */
  intact: boolean;
  /** The signature over the signed attributes (or the content) verifies with the signer's key. */
  validSignature: boolean;
  signerCertDer?: Buffer;
  /** Every certificate the CMS carries, for the chain. */
  certificatesDer: Buffer[];
  signingTime?: Date;
}

const children = (n: Node): Node[] => (Array.isArray(n.value) ? (n.value as Node[]) : []);
const oidOf = (n: Node): string => asn1.derToOid(n.value as string);
const bytes = (n: Node): Buffer => Buffer.from(n.value as string, 'binary');

/**
 * Checks a detached CMS SignedData (the /Contents of a PDF signature) against the signed bytes.
 * Throws when the bytes are no CMS at all; a caller treats that as an invalid signature.
 */
export function checkDetachedCms(cmsDer: Buffer, signedContent: Buffer): CmsCheck {
  // /Contents is zero-padded after the DER: parse the first element only.
  // (node-forge takes an options object here; its type definitions know only the boolean form.)
  const options = { parseAllBytes: false, strict: false } as unknown as boolean;
  const contentInfo = asn1.fromDer(cmsDer.toString('binary'), options);
  const [type, wrapped] = children(contentInfo);
  if (!type || oidOf(type) !== OID.signedData || !wrapped) throw new Error('not a CMS SignedData');
  const signedData = children(children(wrapped)[0]);

  const certificatesDer: Buffer[] = [];
  let signerInfos: Node[] = [];
  for (const part of signedData.slice(3)) {
    if (part.tagClass === asn1.Class.CONTEXT_SPECIFIC && part.type === 0)
      certificatesDer.push(...children(part).map(derOf));
    if (part.tagClass === asn1.Class.UNIVERSAL && part.type === asn1.Type.SET) signerInfos = children(part);
  }
  const info = signerInfos[0];
  if (!info) throw new Error('the CMS has no signer');
  const fields = children(info);
  const [, sid, digestAlgorithm] = fields;
  const hash = HASHES[oidOf(children(digestAlgorithm)[0])];
  if (!hash) return { intact: false, validSignature: false, certificatesDer };

  let at = 3;
  const signedAttrs =
    fields[at].tagClass === asn1.Class.CONTEXT_SPECIFIC && fields[at].type === 0 ? fields[at++] : undefined;
  const signatureAlgorithm = oidOf(children(fields[at++])[0]);
  const signature = bytes(fields[at]);

  const signerCertDer = findSigner(sid, certificatesDer);
  const digest = createHash(hash).update(signedContent).digest();

  let intact: boolean;
  let signedBytes: Buffer;
  let signingTime: Date | undefined;
  if (signedAttrs) {
    const attrs = new Map(children(signedAttrs).map((a) => [oidOf(children(a)[0]), children(children(a)[1])[0]]));
    const messageDigest = attrs.get(OID.messageDigest);
    intact = !!messageDigest && bytes(messageDigest).equals(digest);
    const time = attrs.get(OID.signingTime);
    if (time) signingTime = asn1ToDate(time);
    // What was signed is the attributes' DER with the SET tag, not the [0] they travel in (RFC 5652 §5.4).
    signedBytes = derOf(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, children(signedAttrs)));
  } else {
    intact = true;
    signedBytes = signedContent;
  }

  let validSignature = false;
  if (signerCertDer) {
    const key = new X509Certificate(signerCertDer).publicKey;
    const pss = signatureAlgorithm === RSASSA_PSS;
    try {
      validSignature = verifySignature(
        hash,
        signedBytes,
        pss ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO } : key,
        signature,
      );
    } catch {
      validSignature = false;
    }
  }
  // Without signed attributes the signature is over the content itself: intact only if it verifies.
  if (!signedAttrs) intact = validSignature;
  return { intact, validSignature, signerCertDer, certificatesDer, signingTime };
}

/** The certificate the SignerInfo names: by issuer and serial, or by subject key identifier. */
function findSigner(sid: Node, certificatesDer: Buffer[]): Buffer | undefined {
  if (sid.tagClass === asn1.Class.CONTEXT_SPECIFIC) {
    const ski = bytes(sid).toString('hex');
    return certificatesDer.find((der) => subjectKeyIdentifier(der) === ski);
  }
  const [issuer, serial] = children(sid);
  const issuerDer = derOf(issuer);
  const serialDer = derOf(serial);
  return certificatesDer.find((der) => {
    const parts = certificateParts(der);
    return derOf(parts.issuer).equals(issuerDer) && derOf(parts.serial).equals(serialDer);
  });
}

function subjectKeyIdentifier(der: Buffer): string | undefined {
  try {
    const cert = forge.pki.certificateFromAsn1(asn1.fromDer(der.toString('binary')));
    const ext = cert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | undefined;
    return ext?.subjectKeyIdentifier;
  } catch {
    return undefined; // forge reads RSA certificates only
  }
}

function asn1ToDate(n: Node): Date | undefined {
  const text = n.value as string;
  if (n.type === asn1.Type.UTCTIME) return asn1.utcTimeToDate(text);
  if (n.type === asn1.Type.GENERALIZEDTIME) return asn1.generalizedTimeToDate(text);
  return undefined;
}
