import { validateEvent, createEvent } from '@dvc/contracts';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import type { Dossier } from './dossier.repository';
import { toDossierSubmittedPayload } from './dossier-submitted.mapper';

const procedure: ProcedureVersion = {
  code: 'M.QLCS.HDL',
  version: 2,
  name: 'Mua hóa đơn lẻ',
  fieldCode: 'QLCS',
  level: 4,
  processingTime: 3,
  processingTimeUnit: 'working_days',
  fees: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000, unit: 'per_dossier' }],
  requiredDocuments: [],
  declarationSchema: null,
  result: 'Hóa đơn',
  source: 'modeled',
  sourceNote: '',
  catalogVersion: 1,
  createdBy: 'catalog.v1.json',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  retiredAt: null,
};

const dossier = (over: Partial<Dossier> = {}): Dossier => ({
  id: '6f1c1d52-4f0e-4a43-9f3e-0b8c2a7d5e11',
  code: '000.00.12.H30-261128-0001',
  portalId: null,
  procedureCode: procedure.code,
  procedureVersion: procedure.version,
  applicant: { kind: 'individual', name: 'Nguyễn Thị Hoa', citizenId: '001203004567' },
  declaration: { quantity: 1 },
  fee: { amount: 50000, currency: 'VND', items: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000 }] },
  paymentMethod: 'online',
  deliveryMethod: 'office',
  deliveryAddress: null,
  lookupSecretHash: 'hash',
  status: 'submitted',
  nationalStatusCode: 1,
  statusChangedAt: new Date('2026-11-28T02:03:04.567Z'),
  submittedAt: new Date('2026-11-28T02:03:04.567Z'),
  dueAt: null,
  withdrawnAt: null,
  ...over,
});

describe('toDossierSubmittedPayload', () => {
  it('maps the stored dossier and its procedure version to the event payload', () => {
    expect(toDossierSubmittedPayload(dossier(), procedure)).toEqual({
      dossierCode: '000.00.12.H30-261128-0001',
      procedureCode: 'M.QLCS.HDL',
      procedureVersion: 2,
      procedureName: 'Mua hóa đơn lẻ',
      fieldCode: 'QLCS',
      level: 4,
      processingTime: 3,
      processingTimeUnit: 'working_days',
      channel: 2,
      applicant: { kind: 'individual', name: 'Nguyễn Thị Hoa', citizenId: '001203004567' },
      paymentMethod: 'online',
      deliveryMethod: 'office',
      fee: { amount: 50000, items: [{ code: 'HDL', name: 'Giá bán hóa đơn lẻ', amount: 50000 }] },
      submittedAt: '2026-11-28T02:03:04.567Z',
    });
  });

  it('carries the delivery address only when there is one', () => {
    const address = {
      recipientName: 'Nguyễn Thị Hoa',
      phone: '0912345678',
      street: '1 Tràng Tiền',
      ward: 'Phường Hoàn Kiếm',
      province: 'Thành phố Hà Nội',
    };
    const payload = toDossierSubmittedPayload(
      dossier({ deliveryMethod: 'postal', deliveryAddress: address }),
      procedure,
    );
    expect(payload.deliveryAddress).toEqual(address);
    expect('deliveryAddress' in toDossierSubmittedPayload(dossier(), procedure)).toBe(false);
  });

  it('is a payload the contract accepts', () => {
    const event = createEvent('dossier.submitted', toDossierSubmittedPayload(dossier(), procedure), {
      source: 'intake',
      correlationId: 'x',
    });
    expect(validateEvent(event)).toMatchObject({ ok: true });
  });
});
