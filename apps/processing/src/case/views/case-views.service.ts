import { Injectable } from '@nestjs/common';
import { CaseErrors } from '../case.errors';
import type { CaseRecord } from '../case.record';
import { CaseRepository } from '../case.repository';
import { CaseView, toCaseView } from './case-view';
import { toNationalRecord } from './national-export';

/** What officers read about one case: the case, its audit trail, its national portal record. */
@Injectable()
export class CaseViewsService {
  constructor(private readonly cases: CaseRepository) {}

  async find(dossierCode: string): Promise<CaseView> {
    return toCaseView(await this.get(dossierCode));
  }

  async nationalRecord(dossierCode: string) {
    return toNationalRecord(await this.get(dossierCode));
  }

  /** The audit trail: every transition, oldest first. */
  async history(dossierCode: string) {
    await this.get(dossierCode);
    const rows = await this.cases.history(dossierCode);
    return rows.map((r) => ({
      action: r.action,
      from: r.from,
      to: r.to,
      actor: { id: r.actorId, roles: r.actorRoles },
      note: r.note,
      documents: r.documents,
      ...(r.details && Object.keys(r.details).length ? { details: r.details } : {}),
      at: r.at.toISOString(),
    }));
  }

  private async get(dossierCode: string): Promise<CaseRecord> {
    const c = await this.cases.find(dossierCode);
    if (!c) throw CaseErrors.notFound(dossierCode);
    return c;
  }
}
