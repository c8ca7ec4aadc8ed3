import { Injectable } from '@nestjs/common';
import { DossierAccessService, LookupCredentials } from './dossier-access.service';
import { DossierProgress, DossierRepository } from './dossier.repository';

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
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccessService,
  ) {}

  async lookup(code: string, cred: LookupCredentials) {
    const d = await this.access.open(code, cred);
    const v = (await this.dossiers.progress(code))!;
    return {
      code: d.code,
      procedureCode: d.procedureCode,
      procedureVersion: d.procedureVersion,
      // The name only: ID numbers never leave the service in a lookup.
      applicant: { kind: d.applicant.kind, name: d.applicant.name },
      status: v.status,
      nationalStatusCode: v.nationalStatusCode,
      statusText: NATIONAL_STATUS_TEXT[v.nationalStatusCode],
      statusChangedAt: v.statusChangedAt.toISOString(),
      submittedAt: d.submittedAt.toISOString(),
      dueAt: v.dueAt?.toISOString() ?? null,
      withdrawnAt: v.withdrawnAt?.toISOString() ?? null,
      fee: d.fee,
      paymentMethod: d.paymentMethod,
      deliveryMethod: d.deliveryMethod,
      history: [
        { status: 'submitted', nationalStatusCode: 1, at: d.submittedAt.toISOString(), dueAt: null, note: null },
        ...v.history,
      ],
      supplementRequests: v.supplements,
      // Results sent by post: every step the postal partner reported, latest last (null when none).
      delivery: v.delivery.length === 0 ? null : deliveryView(v.delivery),
    };
  }
}

function deliveryView(steps: DossierProgress['delivery']) {
  const last = steps[steps.length - 1];
  return { shipmentId: last.shipmentId, status: last.status, statusAt: last.at, steps };
}
