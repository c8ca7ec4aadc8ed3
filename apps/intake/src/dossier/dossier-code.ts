import { Injectable } from '@nestjs/common';
import { vietnamWallClock } from '@dvc/kernel';
import { IntakeConfig } from '../config/intake.config';
import { DossierRepository } from './dossier.repository';

/** Numbers reserved per trip to the database. A restart loses at most this many minus one. */
const BLOCK = 10;

/** YYMMDD of an instant in Vietnam's time zone. */
export function vietnamDay(at: Date): string {
  return vietnamWallClock(at).slice(2, 10).replace(/-/g, '');
}

/**
 * Dossier codes `<agency>-<YYMMDD>-<seq>`, the sequence restarting every day in Vietnam's time zone.
 * Unique under any concurrency and across replicas, but not gap-free (the law asks for neither
 * order nor continuity): each process reserves a block of numbers in one short statement of its
 * own, instead of every submission holding the day's counter row locked until it commits, which
 * would serialise all submissions.
 */
@Injectable()
export class DossierCodeAllocator {
  private block?: { day: string; next: number; last: number };
  private reserving?: Promise<void>;

  constructor(
    private readonly dossiers: DossierRepository,
    private readonly config: IntakeConfig,
  ) {}

  async next(now = new Date()): Promise<string> {
    for (;;) {
      const day = vietnamDay(now);
      const b = this.block;
      if (b && b.day === day && b.next <= b.last) {
        const seq = b.next++;
        return `${this.config.AGENCY_CODE}-${day}-${String(seq).padStart(4, '0')}`;
      }
      this.reserving ??= this.reserve(day).finally(() => (this.reserving = undefined));
      await this.reserving;
    }
  }

  private async reserve(day: string): Promise<void> {
    const last = await this.dossiers.reserveCodes(day, BLOCK);
    this.block = { day, next: last - BLOCK + 1, last };
  }
}
