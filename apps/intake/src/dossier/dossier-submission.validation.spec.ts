import { DomainError } from '@dvc/kernel';
import type { ProcedureVersion } from '../procedure/procedure.repository';
import { assessFee, validateSubmission } from './dossier-submission.validation';
import type { SubmitDossierDto } from './dto/submit-dossier.dto';

const procedure: ProcedureVersion = {
  code: 'M.TEST',
  version: 1,
  name: 'Thủ tục thử',
  fieldCode: 'QLCS',
  level: 4,
  processingTime: 3,
  processingTimeUnit: 'working_days',
  fees: [
    { code: 'F1', name: 'Lệ phí', amount: 10000, unit: 'per_dossier' },
    { code: 'F2', name: 'Bản sao', amount: 2000, unit: 'per_item', quantityField: 'copies' },
  ],
  requiredDocuments: [
    { code: 'TP1', name: 'Đơn đề nghị', mandatory: true, form: 'original', copies: 1, fileTypes: ['pdf'] },
    { code: 'TP2', name: 'Bản sao giấy tờ', mandatory: false, form: 'copy', copies: 1, fileTypes: ['pdf', 'jpg'] },
  ],
  declarationSchema: { type: 'object', required: ['copies'], properties: { copies: { type: 'integer', minimum: 1 } } },
  result: 'Giấy xác nhận',
  source: 'modeled',
  sourceNote: '',
  catalogVersion: null,
  createdBy: 'test',
  createdAt: new Date(),
  retiredAt: null,
};

const dto = (over: Partial<SubmitDossierDto> = {}) =>
  ({
    procedureCode: 'M.TEST',
    applicant: { kind: 'organisation', name: 'Công ty A', taxCode: '0100109106', citizenId: '001203004567' },
    declaration: { copies: 3 },
    attachments: [{ documentCode: 'TP1', attachmentId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }],
    paymentMethod: 'online',
    deliveryMethod: 'office',
    ...over,
  }) as SubmitDossierDto;

/** Accepts every file as a pdf: the file rules have their own tests. */
const acceptAll = {
  check: (file: { fieldname: string; originalname: string; buffer: Buffer }) => ({
    file: { ...file, fileType: 'pdf' as const },
  }),
};

const problemsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return ((err as DomainError).details as { fields: { field: string; code: string }[] }).fields.map(
      (p) => `${p.field} ${p.code}`,
    );
  }
  throw new Error('expected DOSSIER.INVALID');
};

describe('validateSubmission', () => {
  it('assesses the fee, keeps only the identifier of the applicant kind and passes the files on', () => {
    const checked = validateSubmission(
      procedure,
      dto(),
      [{ fieldname: 'TP2', originalname: 'a.pdf', buffer: Buffer.from('%PDF') }],
      acceptAll,
    );
    expect(checked.fee).toEqual({
      amount: 16000,
      currency: 'VND',
      items: [
        { code: 'F1', name: 'Lệ phí', amount: 10000 },
        { code: 'F2', name: 'Bản sao × 3', amount: 6000 },
      ],
    });
    expect(checked.paymentMethod).toBe('online');
    expect(checked.applicant).toEqual({ kind: 'organisation', name: 'Công ty A', taxCode: '0100109106' });
    expect(checked.files.map((f) => f.fieldname)).toEqual(['TP2']);
    expect(checked.deliveryAddress).toBeNull();
  });

  it('reports every problem at once, in the order the portal shows them', () => {
    const problems = problemsOf(() =>
      validateSubmission(
        procedure,
        dto({ declaration: {}, deliveryMethod: 'postal', attachments: [{ documentCode: 'TP9', attachmentId: 'x' }] }),
        [{ fieldname: 'TPX', originalname: 'a.pdf', buffer: Buffer.from('%PDF') }],
        acceptAll,
      ),
    );
    expect(problems).toEqual([
      'declaration.copies DECLARATION.REQUIRED',
      'documents.TPX ATTACHMENT.UNKNOWN_DOCUMENT',
      'attachments.0.documentCode ATTACHMENT.UNKNOWN_DOCUMENT',
      'documents.TP1 ATTACHMENT.MISSING_DOCUMENT',
    ]);
  });

  it('refuses a payment or delivery method the level does not allow', () => {
    const level3 = { ...procedure, level: 3 as const };
    expect(problemsOf(() => validateSubmission(level3, dto({ deliveryMethod: 'postal' }), [], acceptAll))).toEqual([
      'paymentMethod DOSSIER.PAYMENT_METHOD_NOT_ALLOWED',
      'deliveryMethod DOSSIER.DELIVERY_METHOD_NOT_ALLOWED',
    ]);
  });
});

describe('assessFee', () => {
  it('is zero without fee rules', () => {
    expect(assessFee({ ...procedure, fees: [] }, {})).toEqual({ amount: 0, currency: 'VND', items: [] });
  });
});
