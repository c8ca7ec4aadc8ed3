import { certificateParts, describeName, identityOf } from '../signing/certificates';
import type { SignerIdentity } from '../signing/signer';
import { chainsToTrusted } from './chain';
import { checkDetachedCms } from './cms';

export interface PdfSignatureCheck {
  /** The signed bytes are those the signer signed (message digest matches). */
  intact: boolean;
  /** The signature verifies with the key of the certificate it names. */
  validSignature: boolean;
  /** The byte range starts at 0 and ends at the end of the file: nothing was appended after signing. */
  coversWholeDocument: boolean;
  signer: SignerIdentity & { issuer: string };
  signedAt?: Date;
  /** Only when trusted CAs are given: the signer's certificate chains to one of them. */
  chainTrusted?: boolean;
}

export interface PdfVerification {
  signed: boolean;
  signatures: PdfSignatureCheck[];
}

const UNKNOWN_SIGNER: PdfSignatureCheck['signer'] = {
  commonName: '',
  serialNumber: '',
  notAfter: new Date(0),
  issuer: '',
};

/**
 * Checks every signature of a PDF: each signature dictionary's ByteRange is found in the file
 * (earlier revisions included), the gap it leaves is its /Contents. What the caller decides from
 * the answer (an issued result must be intact, valid and cover the whole document) is its own.
 */
export async function verifyPdf(pdf: Buffer, trusted?: { caCertificatesPem: string[] }): Promise<PdfVerification> {
  const signatures = findSignatureDictionaries(pdf).map((dict) => checkOne(pdf, dict, trusted));
  return { signed: signatures.length > 0, signatures };
}

interface SignatureDictionary {
  byteRange: [number, number, number, number];
  /** The dictionary's text around the ByteRange, for /M. */
  text: string;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

function findSignatureDictionaries(pdf: Buffer): SignatureDictionary[] {
  const text = pdf.toString('latin1');
  const found: SignatureDictionary[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const byteRange = m.slice(1, 5).map(Number) as SignatureDictionary['byteRange'];
    const start = Math.max(text.lastIndexOf('obj', m.index), 0);
    const end = text.indexOf('endobj', m.index);
    found.push({ byteRange, text: text.slice(start, end < 0 ? undefined : end) });
  }
  return found;
}

function checkOne(
  pdf: Buffer,
  dict: SignatureDictionary,
  trusted?: { caCertificatesPem: string[] },
): PdfSignatureCheck {
  const [a, b, c, d] = dict.byteRange;
  const signedAt = pdfDate(dict.text);
  const broken: PdfSignatureCheck = {
    intact: false,
    validSignature: false,
    coversWholeDocument: false,
    signer: UNKNOWN_SIGNER,
    signedAt,
    ...(trusted && { chainTrusted: false }),
  };
  // The gap between the two ranges must be exactly the hex string /Contents <...>.
  if (a !== 0 || b >= c || c + d > pdf.length || pdf[b] !== 0x3c || pdf[c - 1] !== 0x3e) return broken;
  const hex = pdf.subarray(b + 1, c - 1).toString('latin1');
  if (!/^[0-9a-fA-F]*$/.test(hex)) return broken;
  const signedContent = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);

  let cms: ReturnType<typeof checkDetachedCms>;
  try {
    cms = checkDetachedCms(Buffer.from(hex, 'hex'), signedContent);
  } catch {
    return { ...broken, coversWholeDocument: c + d === pdf.length };
  }
  const signer = cms.signerCertDer
    ? { ...identityOf(cms.signerCertDer), issuer: describeName(certificateParts(cms.signerCertDer).issuer) }
    : UNKNOWN_SIGNER;
  const at = signedAt ?? cms.signingTime ?? new Date();
  return {
    intact: cms.intact,
    validSignature: cms.validSignature,
    coversWholeDocument: c + d === pdf.length,
    signer,
    signedAt: signedAt ?? cms.signingTime,
    ...(trusted && {
      chainTrusted:
        !!cms.signerCertDer && chainsToTrusted(cms.signerCertDer, cms.certificatesDer, trusted.caCertificatesPem, at),
    }),
  };
}

/** /M (D:YYYYMMDDHHmmSS+HH'mm') of the signature dictionary. */
function pdfDate(dict: string): Date | undefined {
  const m = /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?\)/.exec(dict);
  if (!m) return undefined;
  const [, y, mo = '01', da = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(+y, +mo - 1, +da, +h, +mi, +s);
  const offset = sign === '+' || sign === '-' ? (sign === '+' ? 1 : -1) * (+oh * 60 + +om) * 60_000 : 0;
  return new Date(utc - offset);
}
