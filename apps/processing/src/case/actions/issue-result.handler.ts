import { checkTransition } from '../workflow/case-workflow';
import type { ActionHandler } from './action-handler';

/**
 * The result is issued: its files (uploaded ahead or with the request) are signed under one
 * verification code and recorded; delivery (and postal COD, the fee the postman collects)
 * follows from result.issued, which carries the files by reference (the bytes stay here, ADR 0010).
 */
export const issueResult: ActionHandler = async ({
  em,
  case: c,
  action,
  officer,
  input,
  now,
  cases,
  results,
  move,
  announce,
}) => {
  // A case that cannot take its result now is told so (move refuses it) before any file is signed.
  if (!checkTransition(c.status, action, officer.roles).ok) return move();
  const issued = await results.issue(em, c, { fileIds: input.fileIds!, issuedBy: officer.id, at: now });
  const documents = issued.files.map((f) => ({ name: f.name, sha256: f.sha256 }));
  await move({ documents, note: input.note });
  c.resultIssuedAt = now;
  await cases.setResultIssued(em, c.id, now);
  await announce('result.issued', {
    dossierCode: c.dossierCode,
    resultId: `${c.dossierCode}:result`,
    documents,
    deliveryMethod: c.deliveryMethod,
    ...(c.deliveryAddress ? { deliveryAddress: c.deliveryAddress } : {}),
    codAmount: c.paymentMethod === 'postal_cod' ? c.fee.amount : 0,
    issuedAt: now.toISOString(),
    files: issued.files,
    verificationCode: issued.verificationCode,
    signedBy: issued.signedBy,
  });
};
