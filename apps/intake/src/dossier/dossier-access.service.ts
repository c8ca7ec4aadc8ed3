import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { checkTaxCode } from '../applicant/vn-identifiers';
import { DossierErrors } from './dossier.errors';
import { Dossier, DossierRepository } from './dossier.repository';
import { hashLookupSecret } from './lookup-secret';
import { LookupThrottle } from './lookup-throttle';

export interface LookupCredentials {
  secret?: string;
  applicantId?: string;
  /** Who is guessing (the client address), for throttling. */
  client: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();
/** Equal-length digests compared in constant time: neither a value's length nor its first wrong character shows. */
const same = (a: string, b: string) => timingSafeEqual(sha256(a), sha256(b));
/** Compared against when the code is unknown, so an unknown code costs the same as a wrong secret. */
const NO_DOSSIER_HASH = hashLookupSecret('', 'no dossier has this secret');

/**
 * Nothing about a dossier is shown or changed without its lookup secret or the applicant's own ID
 * number, and the holder of either is never locked out by someone else's guesses (ADR 0011):
 * the secret is checked first, always, before any throttle is consulted; only failures are
 * counted and throttled (LookupThrottle). Every endpoint that takes these credentials comes here.
 */
@Injectable()
export class DossierAccessService {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly throttle: LookupThrottle,
  ) {}

  async open(code: string, cred: LookupCredentials): Promise<Dossier> {
    if (!cred.secret && !cred.applicantId) throw DossierErrors.secretRequired();
    const key = code.slice(0, 100);
    const dossier = await this.dossiers.findByCode(code);
    if (cred.secret && this.secretMatches(dossier, cred.secret)) return dossier!;
    if (cred.applicantId) {
      // An ID number can be guessed: a client that spent its quota is not heard on it (the secret still is).
      await this.throttle.refuseSpentClient(cred.client);
      if (this.applicantMatches(dossier, cred.applicantId)) return dossier!;
    }
    await this.throttle.failed(key, cred.client);
    throw DossierErrors.notFound();
  }

  private secretMatches(d: Dossier | null, secret: string): boolean {
    const given = hashLookupSecret(d?.code ?? '', secret);
    return same(given, d?.lookupSecretHash ?? NO_DOSSIER_HASH) && d !== null && d.lookupSecretHash !== null;
  }

  private applicantMatches(d: Dossier | null, applicantId: string): boolean {
    const own = d ? (d.applicant.kind === 'individual' ? d.applicant.citizenId : d.applicant.taxCode) : undefined;
    const tax = checkTaxCode(applicantId);
    const given = tax.ok ? tax.normalised : applicantId;
    return same(own ?? '\u0000', given) && !!own;
  }
}
