import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DossierAccessService, LookupCredentials } from './dossier-access.service';

/** National portal status codes (Decision 31/2021) and what the applicant reads for each. */
export const NATIONAL_STATUS_TEXT: Record<number, { vi: string; en: string }> = {
  1: { vi: 'Mới đăng ký', en: 'Newly registered' },
  2: { vi: 'Đã tiếp nhận', en: 'Accepted' },
  3: { vi: 'Không được tiếp nhận', en: 'Not accepted' },
  4: { vi: 'Đang xử lý', en: 'In process' },
  5: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Supplement requested' },
  6: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Financial obligation requested' },
  7: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the applicant' },
  8: { vi: 'Dừng xử lý', en: 'Processing stopped' },
  9: { vi: 'Đã xử lý xong', en: 'Processed' },
  10: { vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** The citizen's lookup: what processing reported, as intake's read model holds it. */
@Injectable()
export class DossierLookupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: DossierAccessService,
  ) {}

  async lookup(code: string, cred: LookupCredentials) {
    const d = await this.access.open(code, cred);
    const [history, supplements, delivery] = await Promise.all([
      this.dataSource.query(
        `SELECT status, national_status_code, occurred_at, due_at, note FROM intake.dossier_status_history
          WHERE dossier_code = $1 ORDER BY occurred_at, event_id`,
        [code],
      ),
      this.dataSource.query(
        `SELECT request_id, reason, items, requested_at, supplied_at FROM intake.supplement_requests
          WHERE dossier_code = $1 ORDER BY requested_at`,
        [code],
      ),
      this.dataSource.query(
        `SELECT shipment_id, status, occurred_at, note FROM intake.delivery_status_history
          WHERE dossier_code = $1 ORDER BY occurred_at, event_id`,
        [code],
      ),
    ]);
    return {
      code: d.code,
      procedureCode: d.procedureCode,
      procedureVersion: d.procedureVersion,
      // The name only: ID numbers never leave the service in a lookup.
      applicant: { kind: d.applicant.kind, name: d.applicant.name },
      status: d.status,
      nationalStatusCode: d.nationalStatusCode,
      statusText: NATIONAL_STATUS_TEXT[d.nationalStatusCode],
      statusChangedAt: d.statusChangedAt.toISOString(),
      submittedAt: d.submittedAt.toISOString(),
      dueAt: d.dueAt?.toISOString() ?? null,
      withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
      fee: d.fee,
      paymentMethod: d.paymentMethod,
      deliveryMethod: d.deliveryMethod,
      history: [
        { status: 'submitted', nationalStatusCode: 1, at: d.submittedAt.toISOString(), dueAt: null, note: null },
        ...history.map((h: Record<string, unknown>) => ({
          status: h.status,
          nationalStatusCode: h.national_status_code,
          at: (h.occurred_at as Date).toISOString(),
          dueAt: (h.due_at as Date | null)?.toISOString() ?? null,
          note: h.note ?? null,
        })),
      ],
      supplementRequests: supplements.map((s: Record<string, unknown>) => ({
        requestId: s.request_id,
        reason: s.reason,
        items: s.items,
        requestedAt: (s.requested_at as Date).toISOString(),
        suppliedAt: (s.supplied_at as Date | null)?.toISOString() ?? null,
      })),
      // Results sent by post: every step the postal partner reported, latest last (null when none).
      delivery: delivery.length === 0 ? null : deliveryView(delivery),
    };
  }
}

function deliveryView(rows: Record<string, unknown>[]) {
  const steps = rows.map((r) => ({ shipmentId: r.shipment_id as string, status: r.status as string, at: (r.occurred_at as Date).toISOString(), note: (r.note as string | null) ?? null }));
  const last = steps[steps.length - 1];
  return { shipmentId: last.shipmentId, status: last.status, statusAt: last.at, steps };
}
