import { Injectable } from '@nestjs/common';
import { IntakeConfig } from '../config/intake.config';
import { DossierErrors } from './dossier.errors';
import { DossierRepository } from './dossier.repository';

/** What a wrong verification code is recorded under, beside the lookups' dossier codes. */
export const VERIFY_KEY = 'verify';

/**
 * Wrong guesses, counted per client and per dossier over LOOKUP_WINDOW_MINUTES (ADR 0011). It is
 * consulted only after a credential failed, or before checking an ID number, never before a
 * lookup secret: the secret (15 symbols of 31, ~74 bits) cannot be guessed at any rate, so
 * checking it always costs no safety and means nobody can lock its holder out. The ID number can
 * be guessed (a CCCD is a province, a birth year and 6 digits), so a client that has spent its
 * quota gets its ID numbers refused unchecked until the window lets it go.
 *
 * Against a distributed guesser (many addresses, one dossier code, codes being sequential): the
 * per-dossier cap only answers 429 to wrong guesses, so it can never be turned against the
 * holder; what bounds the guesser is each address's quota (4 x LOOKUP_MAX_FAILURES ID numbers per
 * window) and the secret's size. Refusing every guess at a dossier under attack would bound it
 * better, and is exactly the lock-out anyone could cause.
 */
@Injectable()
export class LookupThrottle {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly config: IntakeConfig,
  ) {}

  private get perClient(): number {
    return this.config.LOOKUP_MAX_FAILURES * 4;
  }

  /** Before an ID number is checked: refuses a client that has spent its quota of wrong guesses. */
  async refuseSpentClient(client: string): Promise<void> {
    const minutes = this.config.LOOKUP_WINDOW_MINUTES;
    const retryAt = await this.dossiers.lookupRetryAt({ client }, this.perClient, minutes);
    if (retryAt) throw DossierErrors.tooManyAttempts(secondsUntil(retryAt));
  }

  /**
   * After a wrong guess: records it (while the client is within twice its quota: beyond that a
   * flood adds rows, not information) and refuses with 429 once this dossier or this client is
   * past its cap, else lets the caller answer its 404.
   */
  async failed(code: string, client: string, opts: { perDossier: boolean } = { perDossier: true }): Promise<void> {
    const minutes = this.config.LOOKUP_WINDOW_MINUTES;
    const counts = await this.dossiers.countLookupFailures(code, client, minutes);
    if (counts.perClient < this.perClient * 2) await this.dossiers.recordLookupFailure(code, client);
    const retryAts = await Promise.all([
      counts.perClient >= this.perClient ? this.dossiers.lookupRetryAt({ client }, this.perClient, minutes) : null,
      opts.perDossier && counts.perDossier >= this.config.LOOKUP_MAX_FAILURES
        ? this.dossiers.lookupRetryAt({ code }, this.config.LOOKUP_MAX_FAILURES, minutes)
        : null,
    ]);
    const latest = retryAts.filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    if (latest) throw DossierErrors.tooManyAttempts(secondsUntil(latest));
  }
}

const secondsUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));
