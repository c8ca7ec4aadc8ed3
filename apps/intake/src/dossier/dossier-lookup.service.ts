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

/** A timestamptz as JavaScript's toISOString() writes it (UTC, milliseconds, Z), or null. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The citizen's lookup: what processing reported, as intake's read model holds it. */
@Injectable()
export class DossierLookupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: DossierAccessService,
  ) {}

  async lookup(code: string, cred: LookupCredentials) {
    const d = await this.access.open(code, cred);
    // One statement, so one snapshot: the status, the due date and every list agree even while
    // processing's and the post's events are being applied (separate reads could show a step in
    // the history before the due date it brought).
    const [v] = await this.dataSource.query(
      `SELECT d.status, d.national_status_code, d.due_at, d.status_changed_at, d.withdrawn_at,
              COALESCE((SELECT json_agg(json_build_object('status', h.status, 'nationalStatusCode', h.national_status_code,
                                                          'at', ${iso('h.occurred_at')}, 'dueAt', ${iso('h.due_at')}, 'note', h.note)
                                        ORDER BY h.occurred_at, h.event_id)
                          FROM intake.dossier_status_history h WHERE h.dossier_code = d.code), '[]') AS history,
              COALESCE((SELECT json_agg(json_build_object('requestId', r.request_id, 'reason', r.reason, 'items', r.items,
                                                          'requestedAt', ${iso('r.requested_at')}, 'suppliedAt', ${iso('r.supplied_at')})
                                        ORDER BY r.requested_at)
                          FROM intake.supplement_requests r WHERE r.dossier_code = d.code), '[]') AS supplements,
              COALESCE((SELECT json_agg(json_build_object('shipmentId', s.shipment_id, 'status', s.status, 'at', ${iso('s.occurred_at')}, 'note', s.note)
                                        ORDER BY s.occurred_at, s.event_id)
                          FROM intake.delivery_status_history s WHERE s.dossier_code = d.code), '[]') AS delivery
         FROM intake.dossiers d WHERE d.code = $1`,
      [code],
    );
    return {
      code: d.code,
      procedureCode: d.procedureCode,
      procedureVersion: d.procedureVersion,
      // The name only: ID numbers never leave the service in a lookup.
      applicant: { kind: d.applicant.kind, name: d.applicant.name },
      status: v.status,
      nationalStatusCode: v.national_status_code,
      statusText: NATIONAL_STATUS_TEXT[v.national_status_code],
      statusChangedAt: (v.status_changed_at as Date).toISOString(),
      submittedAt: d.submittedAt.toISOString(),
      dueAt: (v.due_at as Date | null)?.toISOString() ?? null,
      withdrawnAt: (v.withdrawn_at as Date | null)?.toISOString() ?? null,
      fee: d.fee,
      paymentMethod: d.paymentMethod,
      deliveryMethod: d.deliveryMethod,
      history: [{ status: 'submitted', nationalStatusCode: 1, at: d.submittedAt.toISOString(), dueAt: null, note: null }, ...v.history],
      supplementRequests: v.supplements,
      // Results sent by post: every step the postal partner reported, latest last (null when none).
      delivery: v.delivery.length === 0 ? null : deliveryView(v.delivery),
    };
  }
}

function deliveryView(steps: { shipmentId: string; status: string; at: string; note: string | null }[]) {
  const last = steps[steps.length - 1];
  return { shipmentId: last.shipmentId, status: last.status, statusAt: last.at, steps };
}
