import { DomainError, type BilingualMessage } from '@dvc/kernel';

/**
 * The signing key or certificate is unusable. Raised at boot (Pkcs12Signer.fromFile), so the
 * service stops with this message instead of failing on the first result it signs.
 */
export class SignerConfigError extends DomainError {
  constructor(code: string, text: BilingualMessage, details?: Record<string, unknown>) {
    super(code, text, { status: 500, retryable: false, details });
    this.name = 'SignerConfigError';
    // The boot log prints `message`: an operator reads it in both languages.
    this.message = `${text.en} / ${text.vi}`;
  }
}

export class DocumentError extends DomainError {}

export const SignerErrors = {
  fileMissing: (path: string) =>
    new SignerConfigError(
      'SIGNER.P12_MISSING',
      {
        vi: `Không tìm thấy tệp khóa ký số PKCS#12 tại "${path}" (SIGNING_P12_PATH).`,
        en: `The signing key file (PKCS#12) is missing at "${path}" (SIGNING_P12_PATH).`,
      },
      { path },
    ),
  unreadable: (reason: string) =>
    new SignerConfigError(
      'SIGNER.P12_UNREADABLE',
      {
        vi: `Tệp khóa ký số không phải tệp PKCS#12 đọc được (${reason}).`,
        en: `The signing key file is not a readable PKCS#12 file (${reason}).`,
      },
      { reason },
    ),
  wrongPassphrase: () =>
    new SignerConfigError('SIGNER.WRONG_PASSPHRASE', {
      vi: 'Mật khẩu của tệp khóa ký số không đúng (SIGNING_P12_PASSPHRASE).',
      en: 'The passphrase of the signing key file is wrong (SIGNING_P12_PASSPHRASE).',
    }),
  keyMissing: () =>
    new SignerConfigError('SIGNER.KEY_MISSING', {
      vi: 'Tệp PKCS#12 không chứa khóa bí mật để ký.',
      en: 'The PKCS#12 file holds no private key to sign with.',
    }),
  unsupportedKey: (reason: string) =>
    new SignerConfigError(
      'SIGNER.KEY_UNSUPPORTED',
      {
        vi: `Khóa ký số không được hỗ trợ (chỉ hỗ trợ RSA): ${reason}.`,
        en: `The signing key is not supported (RSA only): ${reason}.`,
      },
      { reason },
    ),
  certificateMissing: () =>
    new SignerConfigError('SIGNER.CERTIFICATE_MISSING', {
      vi: 'Tệp PKCS#12 không chứa chứng thư số.',
      en: 'The PKCS#12 file holds no certificate.',
    }),
  keyMismatch: () =>
    new SignerConfigError('SIGNER.KEY_CERTIFICATE_MISMATCH', {
      vi: 'Khóa bí mật không khớp với chứng thư số nào trong tệp PKCS#12.',
      en: 'The private key matches no certificate in the PKCS#12 file.',
    }),
  expired: (commonName: string, notAfter: Date) =>
    new SignerConfigError(
      'SIGNER.CERTIFICATE_EXPIRED',
      {
        vi: `Chứng thư số "${commonName}" đã hết hạn từ ${notAfter.toISOString()}.`,
        en: `The signing certificate "${commonName}" expired on ${notAfter.toISOString()}.`,
      },
      { notAfter: notAfter.toISOString() },
    ),
  notYetValid: (commonName: string, notBefore: Date) =>
    new SignerConfigError(
      'SIGNER.CERTIFICATE_NOT_YET_VALID',
      {
        vi: `Chứng thư số "${commonName}" chưa có hiệu lực (từ ${notBefore.toISOString()}).`,
        en: `The signing certificate "${commonName}" is not valid before ${notBefore.toISOString()}.`,
      },
      { notBefore: notBefore.toISOString() },
    ),
};

export const DocumentErrors = {
  encrypted: () =>
    new DocumentError(
      'DOCUMENT.PDF_ENCRYPTED',
      {
        vi: 'Tệp PDF được mã hóa hoặc đặt mật khẩu; không thể xử lý.',
        en: 'The PDF is encrypted or password-protected; it cannot be processed.',
      },
      { status: 422 },
    ),
  unreadable: (reason: string) =>
    new DocumentError(
      'DOCUMENT.PDF_UNREADABLE',
      { vi: `Không đọc được tệp PDF (${reason}).`, en: `The PDF cannot be read (${reason}).` },
      { status: 422 },
    ),
};
