import type { ActionHandler } from './action-handler';

/** The result documents are issued; delivery (and postal COD, the fee the postman collects) follows from result.issued. */
export const issueResult: ActionHandler = async ({ em, case: c, input, now, cases, move, announce }) => {
  const documents = input.documents!.map((d) => ({ name: d.name, sha256: d.sha256 }));
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
  });
};
