import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AttachmentService } from '../attachment/attachment.service';
import { IntakeConfig } from '../config/intake.config';
import { DossierRepository } from '../dossier/dossier.repository';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';

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
    private readonly idempotency: IdempotencyRepository,
    private readonly dossiers: DossierRepository,
    private readonly attachments: AttachmentService,
    private readonly config: IntakeConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(
      () => void this.run().catch((err: Error) => this.logger.warn({ msg: 'housekeeping failed', error: err.message })),
      EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<{ idempotencyKeys: number; lookupFailures: number; uploads: number }> {
    const hours = this.config.RETENTION_HOURS;
    const result = {
      idempotencyKeys: await this.idempotency.deleteOlderThan(hours),
      lookupFailures: await this.dossiers.deleteLookupFailuresOlderThan(this.config.LOOKUP_WINDOW_MINUTES),
      uploads: await this.attachments.forgetUnattached(hours),
    };
    if (result.idempotencyKeys + result.lookupFailures + result.uploads > 0)
      this.logger.log({ msg: 'housekeeping', ...result });
    return result;
  }
}
