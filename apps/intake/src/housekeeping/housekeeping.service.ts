import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DOCUMENT_STORAGE, DocumentStorage } from '../attachment/storage/document-storage';
import { IntakeConfig } from '../config/intake.config';

const EVERY_MS = 15 * 60 * 1000;

/**
 * What intake keeps only for a while: stored answers to idempotency keys (they hold the lookup
 * secret; a portal retries within minutes, not days), records of wrong lookup guesses, and files
 * uploaded ahead that no dossier took. Every replica may run it; the deletes are idempotent.
 */
@Injectable()
export class HousekeepingService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(HousekeepingService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly config: IntakeConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.run().catch((err: Error) => this.logger.warn({ msg: 'housekeeping failed', error: err.message })), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<{ idempotencyKeys: number; lookupFailures: number; uploads: number }> {
    const hours = this.config.RETENTION_HOURS;
    const [, keys] = await this.dataSource.query(`DELETE FROM intake.idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`, [hours]);
    const [, failures] = await this.dataSource.query(`DELETE FROM intake.lookup_failures WHERE failed_at < now() - make_interval(mins => $1)`, [this.config.LOOKUP_WINDOW_MINUTES]);
    // DELETE answers [rows, count] through TypeORM's query().
    const [orphans]: [{ storage_key: string }[], number] = await this.dataSource.query(
      `DELETE FROM intake.attachments WHERE dossier_id IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING storage_key`,
      [hours],
    );
    for (const { storage_key } of orphans) {
      // Content-addressed: the bytes may still back another attachment.
      const [{ used }] = await this.dataSource.query('SELECT EXISTS (SELECT 1 FROM intake.attachments WHERE storage_key = $1) AS used', [storage_key]);
      if (!used) await this.storage.remove(storage_key).catch(() => undefined);
    }
    const result = { idempotencyKeys: Number(keys), lookupFailures: Number(failures), uploads: orphans.length };
    if (result.idempotencyKeys + result.lookupFailures + result.uploads > 0) this.logger.log({ msg: 'housekeeping', ...result });
    return result;
  }
}
