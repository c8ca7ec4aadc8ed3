import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkFileToken,
  FILE_TOKEN_HEADER,
  FileExchangeClient,
  fileToken,
  isSha256,
  keyOf,
  LocalDiskStorage,
  type StreamOutcome,
  streamStoredFile,
} from '@dvc/storage';
import { sleep, waitFor } from '../../../tools/harness/wait';

const SECRET = 'local-only-internal-files-secret-0001';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * An owner as the services will build it: a real HTTP server serving `GET /internal/files/:sha256`
 * from a LocalDiskStorage, for the files its records refer to, to a caller with a valid token.
 */
describe('file exchange between an owner and a requester (real HTTP, local disk)', () => {
  let root: string;
  let storage: LocalDiskStorage;
  let server: Server;
  let baseUrl: string;
  const referenced = new Set<string>();
  const outcomes: StreamOutcome[] = [];

  beforeAll(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'dvc-file-exchange-'));
    storage = new LocalDiskStorage(root);
    server = createServer((req, res) => {
      const sha = /^\/internal\/files\/([^/]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const token = req.headers[FILE_TOKEN_HEADER];
      const answer = (status: number) => res.writeHead(status, { 'Content-Type': 'text/plain' }).end(String(status));
      if (!isSha256(sha)) return answer(404);
      if (!checkFileToken(SECRET, sha, typeof token === 'string' ? token : undefined)) return answer(403);
      if (!referenced.has(sha)) return answer(404);
      streamStoredFile(res, storage, keyOf(sha), {
        contentType: 'application/pdf',
        filename: 'Quyết định cấp phép.pdf',
        disposition: 'inline',
      }).then(
        (outcome) => outcomes.push(outcome),
        (error: { status?: number }) => answer(error.status ?? 500),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await fs.rm(root, { recursive: true, force: true });
  });

  const client = () => new FileExchangeClient({ baseUrl, secret: SECRET });
  const store = async (bytes: Buffer) => {
    const stored = await storage.put(bytes);
    referenced.add(stored.sha256);
    return stored;
  };

  it('streams a stored file byte for byte, with its size', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const stored = await store(bytes);

    const { stream, size } = await client().open(stored.sha256, { size: bytes.length });

    expect(size).toBe(bytes.length);
    expect(sha256(await readAll(stream))).toBe(stored.sha256);
  });

  it('sends the headers a browser needs to show it safely, the Vietnamese name intact', async () => {
    const stored = await store(Buffer.from('%PDF-1.7 quyết định'));

    const res = await fetch(`${baseUrl}/internal/files/${stored.sha256}`, {
      headers: { [FILE_TOKEN_HEADER]: fileToken(SECRET, stored.sha256, new Date(Date.now() + 60_000)) },
    });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(stored.size));
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^inline; filename="Quyet dinh cap phep.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Quyết định cấp phép.pdf');
    expect(Buffer.from(await res.arrayBuffer()).toString('utf8')).toBe('%PDF-1.7 quyết định');
  });

  it('fails the stream with FILES.DIGEST_MISMATCH when a stored byte was changed, withholding the end', async () => {
    const bytes = randomBytes(1024 * 1024);
    const stored = await store(bytes);
    const path = join(root, stored.key);
    const tampered = Buffer.from(bytes);
    tampered[500_000] ^= 0xff;
    await fs.writeFile(path, tampered);

    const { stream } = await client().open(stored.sha256);
    const received: Buffer[] = [];
    const failure = await new Promise<unknown>((resolve) => {
      stream.on('data', (chunk: Buffer) => received.push(chunk));
      stream.on('error', resolve);
      stream.on('end', () => resolve(undefined));
    });

    expect(failure).toMatchObject({ code: 'FILES.DIGEST_MISMATCH' });
    // The reader never got the whole (wrong) file: a relay's client sees a broken transfer.
    expect(Buffer.concat(received).length).toBeLessThan(bytes.length);
  });

  it('fails with FILES.DIGEST_MISMATCH at once when the owner announces another size than expected', async () => {
    const stored = await store(Buffer.from('Phiếu tiếp nhận và hẹn trả kết quả'));
    await expect(client().open(stored.sha256, { size: stored.size + 1 })).rejects.toMatchObject({
      code: 'FILES.DIGEST_MISMATCH',
    });
  });

  it('turns the owner’s 404 into FILES.NOT_FOUND, for a file it has no record of', async () => {
    const unreferenced = await storage.put(Buffer.from('kept but not referred to by any record'));
    await expect(client().open(unreferenced.sha256)).rejects.toMatchObject({ code: 'FILES.NOT_FOUND', status: 404 });
    await expect(client().open(sha256(Buffer.from('never stored')))).rejects.toMatchObject({
      code: 'FILES.NOT_FOUND',
    });
  });

  it('answers FILES.NOT_FOUND when a record refers to bytes no longer stored', async () => {
    const gone = await store(Buffer.from('removed from disk'));
    await storage.remove(gone.key);
    await expect(client().open(gone.sha256)).rejects.toMatchObject({ code: 'FILES.NOT_FOUND' });
  });

  it('is refused by the owner with an expired token, a token for another file or no token', async () => {
    const stored = await store(Buffer.from('Giấy phép kinh doanh'));
    const other = await store(Buffer.from('Giấy phép xây dựng'));
    const get = (token?: string) =>
      fetch(`${baseUrl}/internal/files/${stored.sha256}`, { headers: token ? { [FILE_TOKEN_HEADER]: token } : {} });

    expect((await get(fileToken(SECRET, stored.sha256, new Date(Date.now() - 1000)))).status).toBe(403);
    expect((await get(fileToken(SECRET, other.sha256, new Date(Date.now() + 60_000)))).status).toBe(403);
    expect((await get()).status).toBe(403);
    expect((await get(fileToken(SECRET, stored.sha256, new Date(Date.now() + 60_000)))).status).toBe(200);
  });

  it('reports a requester with another secret as refused by the owner, naming the URL', async () => {
    const stored = await store(Buffer.from('Biên lai thu phí'));
    const foreign = new FileExchangeClient({ baseUrl, secret: 'a-secret-of-another-deployment-0002' });
    await expect(foreign.open(stored.sha256)).rejects.toMatchObject({
      code: 'FILES.OWNER_REFUSED',
      message: expect.stringContaining(`${baseUrl}/internal/files/${stored.sha256}`),
    });
  });

  it('says which URL it could not reach when the owner is down', async () => {
    const down = createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));

    const sha = sha256(Buffer.from('any'));
    const error = await new FileExchangeClient({ baseUrl: `http://127.0.0.1:${port}/`, secret: SECRET })
      .open(sha)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'FILES.OWNER_UNAVAILABLE', status: 503, retryable: true });
    expect((error as Error).message).toContain(`http://127.0.0.1:${port}/internal/files/${sha}`);
  });

  it('gives up on an owner that never answers, or stops sending mid-way, naming the URL', async () => {
    const sha = sha256(Buffer.from('a slip'));
    const silent = createServer((req, res) => {
      // /hung/...: never answers; otherwise headers and half the body, then nothing.
      if (req.url?.startsWith('/hung/')) return;
      res.writeHead(200, { 'Content-Length': '1000' }).write(Buffer.alloc(500));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const hung = await new FileExchangeClient({ baseUrl: `${url}/hung`, secret: SECRET, timeoutMs: 300 })
        .open(sha)
        .catch((e: unknown) => e);
      expect(hung).toMatchObject({ code: 'FILES.OWNER_UNAVAILABLE' });
      expect((hung as Error).message).toContain(`${url}/hung/internal/files/${sha}`);

      const { stream } = await new FileExchangeClient({ baseUrl: url, secret: SECRET, timeoutMs: 300 }).open(sha);
      const stalled = await readAll(stream).catch((e: unknown) => e);
      expect(stalled).toMatchObject({ code: 'FILES.OWNER_UNAVAILABLE' });
      expect((stalled as Error).message).toContain('stalled');
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('waits for a slow reader: only a silent owner times out', async () => {
    const bytes = randomBytes(4 * 1024 * 1024);
    const stored = await store(bytes);

    const { stream } = await new FileExchangeClient({ baseUrl, secret: SECRET, timeoutMs: 200 }).open(stored.sha256);
    await sleep(800); // the reader is busy elsewhere: bytes wait in the stream's buffers

    expect(sha256(await readAll(stream))).toBe(stored.sha256);
  });

  it('stops reading the stored file when the requester goes away mid-way', async () => {
    const stored = await store(randomBytes(32 * 1024 * 1024)); // more than socket buffers hold;
    const before = outcomes.length;

    const { stream } = await client().open(stored.sha256);
    await new Promise<void>((resolve) => stream.once('data', () => resolve()));
    (stream as unknown as { destroy(): void }).destroy();

    // The owner's helper settles (no unhandled error) and says the transfer did not complete.
    const outcome = await waitFor('the owner to settle the stream', () => outcomes[before]);
    expect(outcome.complete).toBe(false);
  });
});
