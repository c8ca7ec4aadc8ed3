import { createHash } from 'node:crypto';
import { verifyPdf } from '@dvc/documents';
import { eventually } from './actors';
import { assert, type JourneyRun } from './journey';

/**
 * What the citizen does with the files the agency issues: each slip and the signed result,
 * downloaded through intake with the lookup secret and checked as a careful citizen (or the
 * portal on their behalf) would.
 */
export const SLIP_NAMES: Record<string, string> = {
  receipt: 'receipt and appointment slip',
  'supplement-request': 'supplement request',
  refusal: 'refusal slip',
  apology: 'apology slip',
};

/**
 * The citizen downloads a slip through intake as soon as it is issued, and checks where it lands
 * that its signature is intact, valid and covers the whole file.
 */
export async function citizenGetsSlip(run: JourneyRun, kind: keyof typeof SLIP_NAMES): Promise<void> {
  const bytes = await eventually(`${run.code}: the citizen's ${SLIP_NAMES[kind]}`, async () => {
    const res = await run.portal.slip(run.code!, run.secret!, kind);
    return res.status === 200 ? res.body : undefined;
  });
  const { signed, signatures } = await verifyPdf(bytes);
  const good = signatures.filter((sig) => sig.intact && sig.validSignature && sig.coversWholeDocument);
  assert(signed && good.length === signatures.length, `${run.code}: the ${SLIP_NAMES[kind]} is not validly signed`);
  run.note(
    'citizen',
    `downloads the ${SLIP_NAMES[kind]} (${bytes.length} bytes, signed by ${good[0].signer.commonName})`,
  );
}

/**
 * The citizen lists the signed result, downloads each file through intake (byte for byte what the
 * list says), and has the public verification endpoint confirm it is an authentic, unaltered result.
 */
export async function citizenGetsResult(run: JourneyRun): Promise<void> {
  const files = await eventually(`${run.code}: the citizen's signed result`, async () => {
    const listed = await run.portal.results(run.code!, run.secret!);
    return listed.length > 0 ? listed : undefined;
  });
  for (const f of files) {
    const bytes = await run.portal.resultFile(run.code!, run.secret!, f.fileId);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    assert(sha256 === f.sha256, `${run.code}: ${f.name} downloaded as ${sha256}, listed as ${f.sha256}`);
    const verdict = await run.portal.verify(bytes);
    assert(
      verdict.authentic && verdict.issuedResult,
      `${run.code}: ${f.name} not verified: ${JSON.stringify(verdict)}`,
    );
    run.note(
      'citizen',
      `downloads the signed result ${f.name} (${bytes.length} bytes), verified: ${f.verificationCode}`,
    );
  }
}
