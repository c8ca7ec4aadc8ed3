import { Injectable } from '@nestjs/common';
import { LookupThrottle, VERIFY_KEY } from '../dossier/lookup-throttle';

/**
 * The lookup's throttle, reused (ADR 0011): a verification code that matches nothing is a failed
 * lookup from that client. The code is checked first (16 symbols of 34, ~80 bits: it cannot be
 * enumerated at any rate), so a right code is always answered; past the lookup's per-client limit
 * a wrong one answers 429 with Retry-After. Only the per-client count applies (one shared key would
 * let a few wrong codes throttle everybody).
 */
@Injectable()
export class VerificationThrottle {
  constructor(private readonly throttle: LookupThrottle) {}

  async recordFailure(client: string): Promise<void> {
    await this.throttle.failed(VERIFY_KEY, client, { perDossier: false });
  }
}
