import { Injectable } from '@nestjs/common';
import type { CaseActor } from '../case-actor';
import type { AccessKind } from './access-log.record';
import { AccessLogRepository } from './access-log.repository';

/** What a download or a read tells the access log. */
export interface AccessEvent {
  officer: CaseActor;
  dossierCode: string;
  what: AccessKind;
  /** The document (intake's attachment id), result file or slip read; none for the filing. */
  documentId?: string;
  clientIp?: string;
}

/**
 * The log of who read a case's personal data. Decree 13/2023/NĐ-CP on personal data protection,
 * Article 38 clause 2 (duties of the controller, applied to a controller that also processes by
 * Article 40): record and keep the system log of the processing of personal data ("ghi lại và lưu
 * trữ nhật ký hệ thống quá trình xử lý dữ liệu cá nhân"), second in the controller's duties as the
 * government's data-protection portal lists them (baovedlcn.gov.vn/gioi-thieu/ben-kiem-soat-xu-ly-du-lieu);
 * the Law on Personal Data Protection of 2025 keeps the duty. An agency's officer opening a dossier's declaration or documents is such a
 * processing, so each successful read is written here, after the read succeeded and before the
 * bytes go out. Results and slips call it too (what: 'result' | 'slip').
 */
@Injectable()
export class AccessLogService {
  constructor(private readonly log: AccessLogRepository) {}

  async record(e: AccessEvent): Promise<void> {
    await this.log.add({
      dossierCode: e.dossierCode,
      officerId: e.officer.id,
      officerRoles: [...e.officer.roles],
      what: e.what,
      documentId: e.documentId ?? null,
      clientIp: e.clientIp ?? null,
    });
  }

  /** A page of a dossier's reads, newest first, with the cursor of the next page (null at the end). */
  async page(dossierCode: string, q: { limit: number; before?: string }) {
    const rows = await this.log.list(dossierCode, q);
    return {
      items: rows.map((r) => ({
        id: r.id,
        officer: { id: r.officerId, roles: r.officerRoles },
        what: r.what,
        documentId: r.documentId,
        clientIp: r.clientIp,
        at: r.at.toISOString(),
      })),
      next: rows.length === q.limit ? rows[rows.length - 1].id : null,
    };
  }
}
