import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { checkTaxCode } from '../applicant/vn-identifiers';
import { IntakeConfig } from '../config/intake.config';
import { DossierErrors } from './dossier.errors';
import { Dossier, DossierRepository } from './dossier.repository';
import { hashLookupSecret } from './lookup-secret';

export interface LookupCredentials {
  secret?: string;
  applicantId?: string;
  /** Who is guessing (the client address), for throttling. */
  client: string;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Nothing about a dossier is shown or changed without its lookup secret or the applicant's own ID
 * number. Wrong guesses are counted per dossier and per client; past the limit every attempt is
 * refused until the window passes, right or wrong, so guessing does not pay.
 */
@Injectable()
export class DossierAccessService {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly config: IntakeConfig,
  ) {}

  async open(code: string, cred: LookupCredentials): Promise<Dossier> {
    if (!cred.secret && !cred.applicantId) throw DossierErrors.secretRequired();
    await this.refuseIfThrottled(code, cred.client);
    const dossier = await this.dossiers.findByCode(code);
    if (dossier && this.matches(dossier, cred)) return dossier;
    await this.dossiers.recordLookupFailure(code.slice(0, 100), cred.client);
    throw DossierErrors.notFound();
  }

  private matches(d: Dossier, cred: LookupCredentials): boolean {
    if (cred.secret && d.lookupSecretHash && same(hashLookupSecret(d.code, cred.secret), d.lookupSecretHash))
      return true;
    if (cred.applicantId) {
      const own = d.applicant.kind === 'individual' ? d.applicant.citizenId : d.applicant.taxCode;
      const tax = checkTaxCode(cred.applicantId);
      const given = tax.ok ? tax.normalised : cred.applicantId;
      if (own && same(own, given)) return true;
    }
    return false;
  }

  private async refuseIfThrottled(code: string, client: string): Promise<void> {
    const minutes = this.config.LOOKUP_WINDOW_MINUTES;
    const failures = await this.dossiers.countLookupFailures(code.slice(0, 100), client, minutes);
    if (
      failures.perDossier >= this.config.LOOKUP_MAX_FAILURES ||
      failures.perClient >= this.config.LOOKUP_MAX_FAILURES * 4
    ) {
      throw DossierErrors.tooManyAttempts(minutes);
    }
  }
}
