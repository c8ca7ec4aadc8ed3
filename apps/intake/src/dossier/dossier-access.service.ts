import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { checkTaxCode } from '../applicant/vn-identifiers';
import { IntakeConfig } from '../config/intake.config';
import { hashLookupSecret } from './dossier-submission.service';
import { DossierErrors } from './dossier.errors';
import { DossierEntity } from './entities/dossier.entity';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: IntakeConfig,
  ) {}

  async open(code: string, cred: LookupCredentials, manager: EntityManager = this.dataSource.manager, lock = false): Promise<DossierEntity> {
    if (!cred.secret && !cred.applicantId) throw DossierErrors.secretRequired();
    await this.refuseIfThrottled(code, cred.client);
    const dossier = await manager.findOne(DossierEntity, { where: { code }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (dossier && this.matches(dossier, cred)) return dossier;
    await this.dataSource.query('INSERT INTO intake.lookup_failures (dossier_code, client) VALUES ($1, $2)', [code.slice(0, 100), cred.client]);
    throw DossierErrors.notFound();
  }

  private matches(d: DossierEntity, cred: LookupCredentials): boolean {
    if (cred.secret && d.lookupSecretHash && same(hashLookupSecret(d.code, cred.secret), d.lookupSecretHash)) return true;
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
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE dossier_code = $1)::int AS per_dossier,
              count(*) FILTER (WHERE client = $2)::int AS per_client
         FROM intake.lookup_failures
        WHERE (dossier_code = $1 OR client = $2) AND failed_at > now() - make_interval(mins => $3)`,
      [code.slice(0, 100), client, minutes],
    );
    if (row.per_dossier >= this.config.LOOKUP_MAX_FAILURES || row.per_client >= this.config.LOOKUP_MAX_FAILURES * 4) {
      throw DossierErrors.tooManyAttempts(minutes);
    }
  }
}
