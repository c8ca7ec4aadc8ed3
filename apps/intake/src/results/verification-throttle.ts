import { Injectable } from '@nestjs/common';
import { IntakeConfig } from '../config/intake.config';
import { DossierErrors } from '../dossier/dossier.errors';
import { DossierRepository } from '../dossier/dossier.repository';

/** What a wrong verification code is recorded under, beside the lookups' dossier codes. */
const VERIFY_KEY = 'verify';

/**
 * The lookup's throttle, reused: a verification code that matches nothing is a failed lookup from
 * that client, and past the lookup's per-client limit every attempt is refused until the window
 * passes, so codes cannot be enumerated. Only the per-client count applies (one shared key would
 * let a few wrong codes block everybody).
 */
@Injectable()
export class VerificationThrottle {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly config: IntakeConfig,
  ) {}

  async refuseIfThrottled(client: string): Promise<void> {
    const minutes = this.config.LOOKUP_WINDOW_MINUTES;
    const { perClient } = await this.dossiers.countLookupFailures(VERIFY_KEY, client, minutes);
    if (perClient >= this.config.LOOKUP_MAX_FAILURES * 4) throw DossierErrors.tooManyAttempts(minutes);
  }

  async recordFailure(client: string): Promise<void> {
    await this.dossiers.recordLookupFailure(VERIFY_KEY, client);
  }
}
