import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@dvc/config';
import { createEvent, type EventEnvelope, type EventType, type PayloadOf, routingKeyOf } from '@dvc/contracts';
import { connectEventBus } from '@dvc/messaging';
import { runMigrationsLocked } from '@dvc/persistence';
import {
  checkFileToken,
  FILE_TOKEN_HEADER,
  keyOf,
  LocalDiskStorage,
  type StoredObject,
  streamStoredFile,
} from '@dvc/storage';
import { IntakeConfig, intakeModule } from '../../../apps/intake/src';
import { BrokerProbe } from '../../../tools/harness/broker-probe';
import { E2E_RETRY_DELAYS, serviceEnv } from '../../../tools/harness/service-process';
import { testConfig, uniqueNamespace } from '../../../tools/harness/test-env.config';
import { bootstrapDatabase, serviceDatabaseUrl } from '../../../tools/db-bootstrap';

export const INTERNAL_FILES_SECRET = 'integration-test-internal-files-secret-0001';

/**
 * What processing is to intake for the citizen's downloads: the owner of the issued files behind
 * `GET /internal/files/:sha256`, built from @dvc/storage as processing's endpoint is (token
 * checked with the shared secret, only files it was given, streamed from a real disk store).
 * It stands in for processing so that intake's side can be tested alone; the cross-service path is
 * the end-to-end suite's.
 */
export class FileOwner {
  private server?: Server;
  private served = new Set<string>();
  dir = '';
  storage!: LocalDiskStorage;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    if (!this.dir) {
      this.dir = await mkdtemp(join(tmpdir(), 'dvc-owner-'));
      this.storage = new LocalDiskStorage(this.dir);
    }
    this.server = createServer((req, res) => {
      const sha256 = /^\/internal\/files\/([^/?]+)$/.exec(req.url ?? '')?.[1] ?? '';
      const token = req.headers[FILE_TOKEN_HEADER] as string | undefined;
      if (!checkFileToken(INTERNAL_FILES_SECRET, sha256, token)) return void res.writeHead(403).end();
      if (!this.served.has(sha256)) return void res.writeHead(404).end();
      streamStoredFile(res, this.storage, keyOf(sha256), { contentType: 'application/pdf', filename: 'f.pdf' }).catch(
        () => void res.writeHead(404).end(),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as { port: number }).port;
  }

  async keep(bytes: Buffer): Promise<StoredObject> {
    const stored = await this.storage.put(bytes);
    this.served.add(stored.sha256);
    return stored;
  }

  /** Serves whatever the disk holds under this sha256's key. */
  serve(sha256: string): void {
    this.served.add(sha256);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  async remove(): Promise<void> {
    await this.stop();
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * The real intake application in this process, on its own migrated database and a private bus
 * namespace, with processing's file endpoint played by a FileOwner.
 */
export class IntakeHarness {
  app!: NestExpressApplication;
  ds!: DataSource;
  config!: IntakeConfig;
  owner = new FileOwner();
  namespace = uniqueNamespace('intake');
  port = 0;
  private attachmentsDir = '';

  constructor(private readonly database = `${testConfig.TEST_DATABASE}_intake_results`) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(extra: Record<string, string> = {}): Promise<void> {
    await bootstrapDatabase({ adminUrl: testConfig.DB_ADMIN_URL, database: this.database, reset: true });
    await this.owner.start();
    this.attachmentsDir = await mkdtemp(join(tmpdir(), 'dvc-intake-'));
    const { port, env } = await serviceEnv('intake', this.namespace);
    this.port = port;
    this.config = loadConfig(IntakeConfig, {
      ...env,
      DATABASE_URL: serviceDatabaseUrl('intake', this.database),
      ATTACHMENTS_DIR: this.attachmentsDir,
      PROCESSING_URL: this.owner.url,
      INTERNAL_FILES_SECRET,
      SUBMISSION_QUEUE_ENABLED: 'false',
      LOG_LEVEL: 'silent',
      ...extra,
    });
    // The same set-up as bootstrapService, minus signal handlers and a fixed port.
    this.app = await NestFactory.create<NestExpressApplication>(intakeModule(this.config) as never, {
      bodyParser: false,
      rawBody: true,
      logger: false,
    });
    this.app.useBodyParser('json', { limit: this.config.JSON_BODY_LIMIT_BYTES });
    this.ds = this.app.get(DataSource);
    await runMigrationsLocked(this.ds, 'intake');
    connectEventBus(this.app as INestApplication);
    await this.app.listen(port, '127.0.0.1');
    await this.app.startAllMicroservices();
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.owner.remove();
    if (this.attachmentsDir) await rm(this.attachmentsDir, { recursive: true, force: true });
    const probe = await BrokerProbe.open();
    await probe.deleteNamespace(this.namespace, ['intake'], E2E_RETRY_DELAYS);
    await probe.close();
  }

  /** Publishes an event to the namespace's exchange as processing's relay would (the same envelope again when given). */
  async publish<T extends EventType>(type: T, data: PayloadOf<T>, again?: EventEnvelope<T>): Promise<EventEnvelope<T>> {
    const event =
      again ??
      createEvent(type, data, {
        source: 'processing',
        correlationId: String((data as { dossierCode?: string }).dossierCode),
      });
    const probe = await BrokerProbe.open();
    try {
      await probe.publishRaw(this.namespace, routingKeyOf(type), Buffer.from(JSON.stringify(event)), event.id);
    } finally {
      await probe.close();
    }
    return event;
  }
}
