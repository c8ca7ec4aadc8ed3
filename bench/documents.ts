/**
 * npm run bench:documents [seconds] [concurrency]
 *
 * 1. Filed documents streamed to officers: GET /v1/cases/:code/documents/:id on processing, which
 *    checks the officer's role, writes the access log and streams the bytes from intake's internal
 *    endpoint (docs/adr/0010), each of which reads them from intake's storage, the SHA-256
 *    checked on the way. Baseline in the same run: the same file read from the same directory with
 *    fs streams at the same concurrency.
 * 2. PDF results signed per second (stamp + PAdES signature) beside a bare node:crypto RSA
 *    signature of the same bytes (bench/documents-signing.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapDatabase } from '../tools/db-bootstrap';
import { testConfig } from '../tools/harness/test-env.config';
import { liquidationDossier } from '../tools/journeys/dossiers';
import { PlatformHarness } from '../tools/journeys/platform-harness';
import { benchSigning } from './documents-signing';
import { closedLoop, percentile } from './support/closed-loop';
import { machineLine, runBench } from './support/run-bench';

const SECONDS = Number(process.argv[2] ?? 10);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const DOCUMENT_BYTES = 1024 * 1024;
const DATABASE = `${testConfig.TEST_DATABASE}_bench`;

/** A 1 MiB PDF: intake checks the first bytes and the trailer; the rest is filler. */
function bigPdf(): Buffer {
  const head = Buffer.from('%PDF-1.4\n% tài liệu lớn\n', 'utf8');
  const tail = Buffer.from('\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'ascii');
  const filler = Buffer.alloc(DOCUMENT_BYTES - head.length - tail.length, '%');
  return Buffer.concat([head, filler, tail]);
}

async function drain(stream: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += chunk.length;
  return n;
}

async function timed(one: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const bytes = await one();
  return { ms: performance.now() - t0, bytes };
}

function report(label: string, run: Awaited<ReturnType<typeof closedLoop<{ ms: number; bytes: number }>>>): string {
  const perSec = run.done.length / run.seconds;
  const mbPerSec = run.done.reduce((n, r) => n + r.bytes, 0) / run.seconds / 2 ** 20;
  const ms = run.done.map((r) => r.ms);
  return `${label}: ${perSec.toFixed(0)} files/s, ${mbPerSec.toFixed(1)} MiB/s, p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms (errors ${run.errors.length}${run.errors.length ? `, first: ${run.errors[0].slice(0, 160)}` : ''})`;
}

async function main() {
  process.stdout.write(machineLine('everything on it'));
  const attachments = mkdtempSync(join(tmpdir(), 'dvc-bench-attachments-'));
  await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: DATABASE, reset: true });
  const harness = await new PlatformHarness({
    database: DATABASE,
    env: { LOG_LEVEL: 'warn', ATTACHMENTS_DIR: attachments },
  }).start();
  try {
    const { portal, officers } = harness.actors(harness.urls);
    const document = bigPdf();
    const sha256 = createHash('sha256').update(document).digest('hex');
    const filed = await portal.file(
      liquidationDossier(),
      [
        ['TP1', 'van-ban-de-nghi.pdf', document],
        ['TP3', 'danh-muc.pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')],
      ],
      `bench-documents-${Date.now()}`,
    );
    if (filed.status !== 202) throw new Error(`filing: ${filed.status} ${JSON.stringify(filed.body)}`);
    const code = filed.body.code as string;
    await officers.opened(code);
    const token = await officers.token('specialist');
    const filing = (await (
      await fetch(`${harness.urls.processing}/v1/cases/${code}/filing`, { headers: { Authorization: token } })
    ).json()) as { documents: { attachmentId: string; sha256: string }[] };
    const doc = filing.documents.find((d) => d.sha256 === sha256);
    if (!doc) throw new Error(`the filing does not list the 1 MiB document: ${JSON.stringify(filing).slice(0, 300)}`);
    const url = `${harness.urls.processing}/v1/cases/${code}/documents/${doc.attachmentId}`;
    const onDisk = join(attachments, 'sha256', sha256.slice(0, 2), sha256);

    const officerRead = async () => {
      const res = await fetch(url, { headers: { Authorization: token } });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const n = await drain(res.body as unknown as AsyncIterable<Uint8Array>);
      if (n !== DOCUMENT_BYTES) throw new Error(`got ${n} bytes`);
      return n;
    };
    for (let i = 0; i < 20; i++) await officerRead(); // warm-up

    const disk = await closedLoop(SECONDS, CONCURRENCY, () => timed(() => drain(createReadStream(onDisk))));
    const officer = await closedLoop(SECONDS, CONCURRENCY, () => timed(officerRead));
    const diskRate = disk.done.length / disk.seconds;
    const officerRate = officer.done.length / officer.seconds;
    const signing = await benchSigning({ seconds: Math.min(SECONDS, 10) });

    process.stdout.write(
      [
        `documents: one ${DOCUMENT_BYTES / 2 ** 20} MiB PDF, concurrency ${CONCURRENCY}, ${SECONDS} s each`,
        report('baseline: fs read stream of the stored file', disk),
        report('officers: GET /v1/cases/:code/documents/:id (role check, access log, intake relay, SHA-256)', officer),
        `ratio (officers / disk): ${(officerRate / diskRate).toFixed(3)}`,
        `signing: ${signing.signedPerSec.toFixed(1)} PDF results stamped and signed/s (${signing.pdfBytes} -> ${signing.signedPdfBytes} bytes) beside ${signing.bareRsaPerSec.toFixed(0)} bare RSA-2048 signatures/s of the same bytes; ratio ${signing.ratio.toFixed(4)}`,
        '',
      ].join('\n'),
    );
  } finally {
    await harness.stop();
  }
}

runBench('bench:documents', main);
