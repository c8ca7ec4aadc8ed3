import type { ActionHandler } from './action-handler';

/** The applicant must add documents: the legal clock stops until they answer (see CaseSettlementService.recordSupplement). */
export const requestSupplement: ActionHandler = async ({ em, case: c, input, now, cases, move, announce }) => {
  await move({ note: input.note, at: now });
  c.supplementRequests = await cases.pauseClockForSupplement(em, c.id, now);
  c.clockPausedAt = now;
  const requestId = `${c.dossierCode}:supplement:${c.supplementRequests}`;
  // Kept for the officers reading the filing: what was asked, beside what the applicant sent.
  await cases.addSupplementRequest(em, {
    requestId,
    dossierCode: c.dossierCode,
    reason: input.note!,
    items: input.items!,
    requestedAt: now,
  });
  await announce('dossier.supplement_requested', {
    dossierCode: c.dossierCode,
    requestId,
    reason: input.note!,
    items: input.items!,
    requestedAt: now.toISOString(),
  });
};
