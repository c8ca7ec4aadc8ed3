import type { ActionHandler } from './action-handler';

/** The applicant must add documents: the legal clock stops until they answer (see CaseSettlementService.recordSupplement). */
export const requestSupplement: ActionHandler = async ({
  em,
  case: c,
  officer,
  input,
  now,
  cases,
  slips,
  move,
  announce,
}) => {
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
  // Phiếu yêu cầu bổ sung: each request its own slip; the citizen gets the newest.
  await slips.issue(
    em,
    c,
    'supplement-request',
    { reason: input.note!, items: input.items! },
    { by: officer, at: now },
  );
};
