export type { DocumentSigner, SignerIdentity } from './signing/signer';
export { Pkcs12Signer } from './signing/pkcs12-signer';
export { createTestPki, type TestPki, type TestPkiOptions } from './signing/test-pki';
export { SignerConfigError, DocumentError } from './documents.errors';
export { verifyPdf, type PdfVerification, type PdfSignatureCheck } from './verification/verify-pdf';
export { isEncryptedPdf } from './verification/encrypted-pdf';
export { renderSlip, SLIP_FORMS } from './slips/render-slip';
export type {
  SlipKind,
  SlipContent,
  SlipApplicant,
  ReceiptSlip,
  SupplementRequestSlip,
  RefusalSlip,
  ApologySlip,
  ControlSlip,
} from './slips/slip-content';
export { stampResult } from './stamp/stamp-result';
export { newVerificationCode } from './stamp/verification-code';
