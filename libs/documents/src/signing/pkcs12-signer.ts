import { createPrivateKey, sign as rsaSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { SignerErrors } from '../documents.errors';
import { loadPdf } from '../pdf/load-pdf';
import { pdfLiteralText } from '../pdf/pdf-text';
import { buildCadesDetached } from './cades';
import { identityOf } from './certificates';
import type { DocumentSigner, SignerIdentity } from './signer';

const { pki, asn1 } = forge;

interface KeyMaterial {
  key: KeyObject;
  certDer: Buffer;
  chainDer: Buffer[];
}

/** @signpdf's hook: given the bytes of the ByteRange, returns the CMS to place in /Contents. */
class CadesSigner extends Signer {
  constructor(private readonly material: KeyMaterial) {
    super();
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const { key, certDer, chainDer } = this.material;
    return buildCadesDetached({
      content,
      signerCertDer: certDer,
      chainDer,
      sign: (data) => rsaSign('sha256', data, key),
    });
  }
}

/**
 * The agency's key and certificate from a PKCS#12 file. Every problem a misconfigured key can have
 * is found when it is loaded (at the service's boot), not when the first result is signed.
 */
export class Pkcs12Signer implements DocumentSigner {
  readonly identity: SignerIdentity;
  private readonly cades: CadesSigner;
  /** Room for the CMS in /Contents (hex digits): the certificates plus the signature and attributes, with margin. */
  private readonly signatureLength: number;

  private constructor(private readonly material: KeyMaterial) {
    this.identity = identityOf(material.certDer);
    this.cades = new CadesSigner(material);
    // In hex digits, so even: @signpdf pads the CMS to half this length and an odd length loses a byte.
    const certificates = [material.certDer, ...material.chainDer].reduce((n, c) => n + c.length, 0);
    this.signatureLength = Math.ceil((2 * certificates + 4096) / 16) * 16;
  }

  static fromFile(path: string, passphrase: string, now: Date = new Date()): Pkcs12Signer {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw SignerErrors.fileMissing(path);
      throw SignerErrors.unreadable((err as Error).message);
    }
    return Pkcs12Signer.fromBytes(bytes, passphrase, now);
  }

  static fromBytes(p12: Buffer, passphrase: string, now: Date = new Date()): Pkcs12Signer {
    const store = openPkcs12(p12, passphrase);
    const keys = [...bagsOf(store, pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(store, pki.oids.keyBag)];
    const key = keys.find((b) => b.key)?.key as forge.pki.rsa.PrivateKey | undefined;
    if (!key) {
      // forge leaves `key` empty when it cannot read the key (for example an EC key).
      if (keys.length) throw SignerErrors.unsupportedKey('the key is not an RSA key');
      throw SignerErrors.keyMissing();
    }
    const certs = bagsOf(store, pki.oids.certBag)
      .map((b) => b.cert)
      .filter((c): c is forge.pki.Certificate => !!c);
    if (!certs.length) throw SignerErrors.certificateMissing();

    const own = certs.find((c) => {
      const pub = c.publicKey as forge.pki.rsa.PublicKey;
      return pub.n?.equals(key.n) && pub.e?.equals(key.e);
    });
    if (!own) throw SignerErrors.keyMismatch();

    const commonName = own.subject.getField('CN') ? identityOf(derOfCert(own)).commonName : '';
    if (now < own.validity.notBefore) throw SignerErrors.notYetValid(commonName, own.validity.notBefore);
    if (now > own.validity.notAfter) throw SignerErrors.expired(commonName, own.validity.notAfter);

    return new Pkcs12Signer({
      key: createPrivateKey(pki.privateKeyToPem(key)),
      certDer: derOfCert(own),
      chainDer: certs.filter((c) => c !== own).map(derOfCert),
    });
  }

  /**
   * Signs with SubFilter ETSI.CAdES.detached. The document is rewritten once by pdf-lib to add the
   * signature field, so a PDF that already carries signatures loses them: sign the final file only.
   */
  async signPdf(pdf: Buffer, o: { reason: string; location?: string; signedAt?: Date }): Promise<Buffer> {
    const signedAt = o.signedAt ?? new Date();
    const doc = await loadPdf(pdf);
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: pdfLiteralText(o.reason),
      contactInfo: '',
      name: pdfLiteralText(this.identity.commonName),
      location: pdfLiteralText(o.location ?? ''),
      signingTime: signedAt,
      signatureLength: this.signatureLength,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    });
    const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
    return new SignPdf().sign(prepared, this.cades, signedAt);
  }
}

function openPkcs12(p12: Buffer, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  let der: forge.asn1.Asn1;
  try {
    der = asn1.fromDer(p12.toString('binary'));
  } catch (err) {
    throw SignerErrors.unreadable((err as Error).message);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(der, passphrase);
  } catch (err) {
    const message = (err as Error).message ?? '';
    // With a MAC, forge says so; without one, a wrong passphrase decrypts to garbage that fails to parse.
    if (/MAC could not be verified|Invalid password|Too few bytes|Unparsed DER|decrypt/i.test(message)) {
      throw SignerErrors.wrongPassphrase();
    }
    throw SignerErrors.unreadable(message);
  }
}

function bagsOf(store: forge.pkcs12.Pkcs12Pfx, type: string): forge.pkcs12.Bag[] {
  return store.getBags({ bagType: type })[type] ?? [];
}

function derOfCert(cert: forge.pki.Certificate): Buffer {
  return Buffer.from(asn1.toDer(pki.certificateToAsn1(cert)).getBytes(), 'binary');
}
