import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { VERIFICATION_CODE_PATTERN } from '@dvc/contracts';
import { verifyPdf, type PdfVerification } from '@dvc/documents';
import type { BilingualMessage } from '@dvc/kernel';
import { ResultErrors } from './results.errors';
import { ResultFileRepository } from './result-file.repository';
import { VerificationThrottle } from './verification-throttle';

export interface CodeVerification {
  authentic: true;
  verificationCode: string;
  /** Only the last 4 characters: the code proves a result exists, not whose dossier it is. */
  dossierCode: string;
  issuedAt: string;
  signedBy: string | null;
  files: { name: string; sha256: string }[];
}

export interface PdfCheck {
  /** An issued result, unaltered. */
  authentic: boolean;
  /** Signed, every signature intact and valid, and nothing added after the last one. */
  unaltered: boolean;
  /** Its SHA-256 is that of a result file the agency issued. */
  issuedResult: boolean;
  verificationCode: string | null;
  signatures: { signer: string; signedAt: string | null; valid: boolean }[];
  /** Why it is not authentic, when it is not. */
  reason?: { code: string; vi: string; en: string };
}

/** The dossier code with all but its last 4 characters hidden (separators kept, so its shape shows). */
export const maskDossierCode = (code: string) => code.slice(0, -4).replace(/[0-9A-Za-z]/g, '*') + code.slice(-4);

const REASONS = {
  notSigned: {
    code: 'VERIFY.NOT_SIGNED',
    vi: 'Tệp không có chữ ký số.',
    en: 'The file carries no digital signature.',
  },
  signatureBroken: {
    code: 'VERIFY.SIGNATURE_INVALID',
    vi: 'Chữ ký số không hợp lệ: nội dung đã bị sửa sau khi ký.',
    en: 'The digital signature is not valid: the content was changed after signing.',
  },
  changedAfterSigning: {
    code: 'VERIFY.CHANGED_AFTER_SIGNING',
    vi: 'Tệp đã được thêm nội dung sau khi ký.',
    en: 'Content was added to the file after it was signed.',
  },
  notIssued: {
    code: 'VERIFY.NOT_ISSUED',
    vi: 'Tệp không trùng với kết quả nào do cơ quan cấp.',
    en: 'The file is not one of the results the agency issued.',
  },
} satisfies Record<string, BilingualMessage & { code: string }>;

/** The public verification of results: by the code printed on them, or by the PDF itself. */
@Injectable()
export class ResultVerificationService {
  constructor(
    private readonly results: ResultFileRepository,
    private readonly throttle: VerificationThrottle,
  ) {}

  async byCode(given: string, client: string): Promise<CodeVerification> {
    const code = given.trim().toUpperCase();
    const files = VERIFICATION_CODE_PATTERN.test(code) ? await this.results.findByVerificationCode(code) : [];
    if (files.length === 0) {
      await this.throttle.recordFailure(client);
      throw ResultErrors.verificationCodeNotFound();
    }
    return {
      authentic: true,
      verificationCode: code,
      dossierCode: maskDossierCode(files[0].dossierCode),
      issuedAt: files[0].issuedAt.toISOString(),
      signedBy: files[0].signedBy,
      files: files.map((f) => ({ name: f.name, sha256: f.sha256 })),
    };
  }

  async byPdf(pdf: Buffer): Promise<PdfCheck> {
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw ResultErrors.verifyNotPdf();
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const [issued] = await this.results.findBySha256(sha256);
    let verification: PdfVerification;
    try {
      verification = await verifyPdf(pdf);
    } catch {
      throw ResultErrors.verifyNotPdf();
    }
    const sigs = verification.signatures;
    const unaltered =
      sigs.length > 0 && sigs.every((s) => s.intact && s.validSignature) && sigs[sigs.length - 1].coversWholeDocument;
    const allValid = sigs.every((s) => s.intact && s.validSignature);
    const signatureProblem = !verification.signed
      ? REASONS.notSigned
      : !allValid
        ? REASONS.signatureBroken
        : !unaltered
          ? REASONS.changedAfterSigning
          : undefined;
    // The same bytes as an issued file prove it is that file; a file issued unsigned needs no signature.
    const reason = issued ? (issued.signed ? signatureProblem : undefined) : (signatureProblem ?? REASONS.notIssued);
    return {
      authentic: reason === undefined,
      unaltered,
      issuedResult: issued !== undefined,
      verificationCode: issued?.verificationCode ?? null,
      signatures: sigs.map((s) => ({
        signer: [s.signer.commonName, s.signer.organisation].filter(Boolean).join(', '),
        signedAt: s.signedAt?.toISOString() ?? null,
        valid: s.intact && s.validSignature,
      })),
      ...(reason ? { reason } : {}),
    };
  }
}
