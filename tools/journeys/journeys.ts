import { randomUUID } from 'node:crypto';
import { invoiceDossier, liquidationDossier, priceDataDossier, pricingDossier } from './dossiers';
import { eventually, PaymentDesk, pdfBytes, PostOffice, type Shipment, type Upload } from './actors';
import { assert, type JourneyDefinition, JourneyRun } from './journey';
import { citizenGetsResult, citizenGetsSlip } from './citizen-files';
import { resultPdf } from './result-pdf';
import { sleep } from '../harness/wait';

export type { JourneyDefinition } from './journey';

/** The documents each procedure the journeys use requires (codes from the catalog). */
export const LIQUIDATION_FILES: Upload[] = [
  ['TP1', 'de-nghi-thanh-ly.pdf', pdfBytes('văn bản đề nghị')],
  ['TP3', 'danh-muc-tai-san.pdf', pdfBytes('danh mục tài sản')],
];
export const INVOICE_FILES: Upload[] = [
  ['TP1', 'don-de-nghi.pdf', pdfBytes('đơn đề nghị')],
  ['TP2', 'quyet-dinh-ban.pdf', pdfBytes('quyết định bán')],
  ['TP3', 'bien-ban.pdf', pdfBytes('biên bản')],
];
export const PRICE_DATA_FILES: Upload[] = [['TP1', 'phieu-yeu-cau.pdf', pdfBytes('phiếu yêu cầu')]];
/** The draft a specialist proposes (by reference); the issued result is a file (resultForm). */
export const RESULT_DOCUMENT = { name: 'quyet-dinh.pdf', sha256: 'a'.repeat(64) };

let resultBytes: Promise<Uint8Array> | undefined;

/** issue_result's multipart body: the result document itself, a real PDF that processing stamps and signs. */
export async function resultForm(name = 'quyet-dinh.pdf'): Promise<FormData> {
  const bytes = await (resultBytes ??= resultPdf());
  const form = new FormData();
  form.append('files', new Blob([bytes], { type: 'application/pdf' }), name);
  return form;
}

/** Files the dossier and checks the receipt and the first status the citizen sees. */
export async function file(run: JourneyRun, dossier: Record<string, unknown>, files: Upload[]): Promise<void> {
  const res = await run.portal.file(dossier, files, `journey-${randomUUID()}`);
  if (res.status !== 202)
    throw new Error(`${run.journey}: filing refused: ${res.status} ${JSON.stringify(res.body).slice(0, 400)}`);
  run.code = res.body.code;
  run.secret = res.body.lookupSecret;
  run.note(
    'portal',
    `files ${String(dossier.procedureCode)} (${String(dossier.paymentMethod)}, result ${String(dossier.deliveryMethod)}): 202`,
    { status: 'submitted', nationalStatusCode: 1 },
  );
  await run.officers.opened(run.code!, run.timeoutMs);
  await run.citizenSees('received', 1);
}

/**
 * Reception accepts: the due date appears, the same in processing and in the citizen's lookup. With
 * a fee due before processing (online or at the counter) the case waits for the payment first
 * (awaiting_payment, national code 6); acceptedOnPayment follows it to accepted.
 */
export async function accept(run: JourneyRun, { feeFirst = false }: { feeFirst?: boolean } = {}): Promise<string> {
  const [status, national] = feeFirst ? ['awaiting_payment', 6] : ['accepted', 2];
  const c = await run.officers.act(run.code!, 'accept', 'reception', status);
  run.note('reception', feeFirst ? 'accepts the dossier: the fee is due first' : 'accepts the dossier', {
    status,
    nationalStatusCode: national,
  });
  assert(c.dueAt, `${run.code}: accepted without a due date`);
  await run.citizenSees(status, national);
  await citizenSeesDue(run, c.dueAt);
  await citizenGetsSlip(run, 'receipt');
  return c.dueAt as string;
}

/** The fee due first is paid: the case is accepted and its clock starts; the due date moved by the time waited. */
export async function acceptedOnPayment(run: JourneyRun): Promise<string> {
  const c = await run.caseIs('accepted', 2);
  run.note('processing', 'the fee is paid: the clock starts', { status: 'accepted', nationalStatusCode: 2 });
  await run.citizenSees('accepted', 2);
  await citizenSeesDue(run, c.dueAt);
  return c.dueAt as string;
}

async function citizenSeesDue(run: JourneyRun, dueAt: string): Promise<void> {
  // The row's due date comes from the newest status applied, which may lag the history's entry: wait for it itself.
  await eventually(
    `${run.code}: the citizen sees due ${dueAt}`,
    async () => (await run.portal.lookup(run.code!, run.secret!)).dueAt === dueAt,
    run.timeoutMs,
  );
}

/** Assign, propose, approve, issue the result. */
export async function review(run: JourneyRun, { assign = true }: { assign?: boolean } = {}): Promise<void> {
  if (assign) {
    await run.officers.act(run.code!, 'assign', 'leader', 'in_review', { assigneeId: 'officer-specialist' });
    run.note('leader', 'assigns a specialist', { status: 'in_review', nationalStatusCode: 4 });
    await run.citizenSees('in_review', 4);
  }
  await run.officers.act(run.code!, 'propose_result', 'specialist', 'result_proposed', {
    documents: [RESULT_DOCUMENT],
  });
  run.note('specialist', 'proposes the result', { status: 'result_proposed', nationalStatusCode: 4 });
  await run.officers.act(run.code!, 'approve', 'leader', 'approved');
  run.note('leader', 'approves', { status: 'approved', nationalStatusCode: 4 });
}

export async function issueResult(run: JourneyRun): Promise<void> {
  await run.officers.act(run.code!, 'issue_result', 'leader', 'result_issued', await resultForm());
  run.note('leader', 'issues the result: stamped with its verification code and signed', {
    status: 'result_issued',
    nationalStatusCode: 9,
  });
  await run.citizenSees('result_issued', 9);
  await citizenGetsResult(run);
}

/** The return date will be missed: the leader apologises with a new date; the citizen sees it and gets the slip. */
export async function apologize(run: JourneyRun, state: string, days = 3): Promise<void> {
  const current = await run.officers.case(run.code!);
  const from = new Date(current.returnDueAt ?? current.dueAt);
  const newDueAt = new Date(from.getTime() + days * 24 * 3600_000).toISOString();
  await run.officers.act(run.code!, 'apologize', 'leader', state, {
    note: 'Cần thêm thời gian lấy ý kiến cơ quan liên quan',
    newDueAt,
  });
  run.note('leader', `apologises: the result will be late, new return date ${newDueAt}`, { status: state });
  await eventually(
    `${run.code}: the citizen sees the new return date ${newDueAt}`,
    async () =>
      new Date((await run.portal.lookup(run.code!, run.secret!)).dueAt).getTime() === new Date(newDueAt).getTime(),
    run.timeoutMs,
  );
  await citizenGetsSlip(run, 'apology');
}

/** Handed over at the office: the case is completed, once. */
export async function handOver(run: JourneyRun): Promise<void> {
  await run.officers.act(run.code!, 'hand_over', 'reception', 'completed');
  run.note('reception', 'hands the result over at the office', { status: 'completed', nationalStatusCode: 10 });
  await run.endsIn('completed', 10);
}

/** 5. Supplement requested, supplied, due date extended, then approved. */
export const supplementJourney: JourneyDefinition = {
  id: 5,
  title: 'Supplement requested, supplied, due date extended, approved',
  async run(run) {
    const t0 = Date.now();
    await file(run, liquidationDossier(), LIQUIDATION_FILES);
    const due = await accept(run);
    await run.officers.act(run.code!, 'assign', 'leader', 'in_review', { assigneeId: 'officer-specialist' });
    run.note('leader', 'assigns a specialist', { status: 'in_review', nationalStatusCode: 4 });
    await run.officers.act(run.code!, 'request_supplement', 'specialist', 'supplement_requested', {
      note: 'Thiếu biên bản kiểm kê tài sản',
      items: ['Biên bản kiểm kê'],
    });
    run.note('specialist', 'asks for a supplement: the clock stops', {
      status: 'supplement_requested',
      nationalStatusCode: 5,
    });
    const asked = await run.citizenSees('supplement_requested', 5);
    await citizenGetsSlip(run, 'supplement-request');
    const request = await waitForRequest(run, asked);
    const answered = await run.portal.supplement(run.code!, run.secret!, request, [
      ['TP4', 'bien-ban-kiem-ke.pdf', pdfBytes('biên bản kiểm kê')],
    ]);
    // 409 on a retry after a crash: the first request went through.
    if (answered.status !== 202 && answered.body?.code !== 'SUPPLEMENT.ALREADY_SUPPLIED')
      throw new Error(`supplement refused: ${answered.status} ${JSON.stringify(answered.body)}`);
    run.note('portal', 'sends the missing document', { status: 'supplement_requested' });
    const resumed = await run.caseIs('in_review', 4);
    assert(new Date(resumed.dueAt) >= new Date(due), `${run.code}: due date ${resumed.dueAt} went back from ${due}`);
    // in_review is already in the history (before the request): wait for the new due date itself.
    await eventually(`${run.code}: the citizen sees in_review again, due ${resumed.dueAt}`, async () => {
      const v = await run.portal.lookup(run.code!, run.secret!);
      return v.status === 'in_review' && v.nationalStatusCode === 4 && v.dueAt === resumed.dueAt;
    });
    // The due date moves by the working time the clock stood still: none on a weekend or holiday.
    const moved =
      resumed.dueAt === due
        ? `due ${due} unchanged (the pause took no working time)`
        : `due ${due} -> ${resumed.dueAt}`;
    run.note('processing', `clock resumes; ${moved}`, { status: 'in_review', nationalStatusCode: 4 });
    await review(run, { assign: false });
    await issueResult(run);
    await handOver(run);
    return run.outcome(this.title, 'completed', 10, t0);
  },
};

async function waitForRequest(run: JourneyRun, seen: any): Promise<string> {
  let view = seen;
  for (
    let i = 0;
    i < 200 && !(view.supplementRequests ?? []).some((r: { suppliedAt: string | null }) => !r.suppliedAt);
    i++
  ) {
    await sleep(150);
    view = await run.portal.lookup(run.code!, run.secret!);
  }
  const open = (view.supplementRequests ?? []).find((r: { suppliedAt: string | null }) => !r.suppliedAt);
  assert(open, `${run.code}: the lookup shows no open supplement request`);
  return open.requestId as string;
}

/** 6a. Refused at acceptance. */
export const refusedJourney: JourneyDefinition = {
  id: 6,
  title: 'Refused at acceptance',
  async run(run) {
    const t0 = Date.now();
    await file(run, liquidationDossier(), LIQUIDATION_FILES);
    await run.officers.act(run.code!, 'refuse', 'reception', 'refused', {
      note: 'Hồ sơ không thuộc thẩm quyền giải quyết của Sở',
    });
    run.note('reception', 'refuses the dossier with a reason', { status: 'refused', nationalStatusCode: 3 });
    await run.endsIn('refused', 3);
    await citizenGetsSlip(run, 'refusal');
    return run.outcome(this.title, 'refused', 3, t0);
  },
};

/** 8. The applicant withdraws before the result. */
export const withdrawnJourney: JourneyDefinition = {
  id: 8,
  title: 'Applicant withdraws before the result',
  async run(run) {
    const t0 = Date.now();
    await file(run, liquidationDossier(), LIQUIDATION_FILES);
    await accept(run);
    const res = await run.portal.withdraw(run.code!, run.secret!, 'Không còn nhu cầu thanh lý');
    // 409 on a retry after a crash: the first request went through.
    if (res.status !== 202 && !(res.status === 409 && res.body?.code === 'DOSSIER.CANNOT_WITHDRAW')) {
      throw new Error(`withdrawal refused: ${res.status} ${JSON.stringify(res.body)}`);
    }
    run.note('portal', 'withdraws the dossier', { status: 'withdrawal_requested' });
    await run.endsIn('withdrawn', 7);
    return run.outcome(this.title, 'withdrawn', 7, t0);
  },
};

/** 9. A level-2 procedure is refused at intake with the paper-filing guidance; nothing is stored. */
export const paperOnlyJourney: JourneyDefinition = {
  id: 9,
  title: 'Level 2 procedure refused at intake with paper-filing guidance',
  async run(run) {
    const t0 = Date.now();
    const res = await run.portal.file(pricingDossier(), [], `journey-${randomUUID()}`);
    assert(res.status === 422, `level 2 filing answered ${res.status}`);
    assert(res.headers.get('content-type')?.startsWith('application/problem+json'), 'the refusal is not problem+json');
    assert(res.body.code === 'PROCEDURE.NOT_ONLINE', `unexpected code ${res.body.code}`);
    assert(res.body.errors?.paperFiling, `no paper-filing guidance in ${JSON.stringify(res.body)}`);
    run.note(
      'portal',
      `M.QLG.04 refused (422 ${res.body.code}): ${String(res.body.detail ?? res.body.title).slice(0, 120)}`,
    );
    return run.outcome(this.title, 'refused at intake', null, t0);
  },
};

/** The fee order after payment, checked as an auditor would: paid once, with its receipt (biên lai). */
async function checkPaid(run: JourneyRun, desk: PaymentDesk, method: string, amount: number): Promise<void> {
  const order = await desk.order(run.code!, 'paid');
  assert(order.paidMethod === method, `${run.code}: paid by ${order.paidMethod}, expected ${method}`);
  assert(order.amount === amount, `${run.code}: order of ${order.amount} VND, expected ${amount}`);
  assert(order.receiptNumber, `${run.code}: paid without a receipt number`);
  const receipt = await desk.receipt(order.receiptNumber!);
  assert(receipt.amount === amount, `${run.code}: receipt of ${receipt.amount} VND, expected ${amount}`);
  run.payment = `${method} ${amount} VND, receipt ${order.receiptNumber}`;
  await eventually(
    `${run.code}: processing sees the fee paid`,
    async () => (await run.officers.case(run.code!))?.fee?.paid === true,
  );
  run.note('payment', `order paid (${method}), receipt ${order.receiptNumber}; processing sees the fee paid`);
}

/** 3. Level 4: online payment, result collected at the office. */
export const onlineOfficeJourney = (desk: PaymentDesk, copies = () => 1): JourneyDefinition => ({
  id: 3,
  title: 'Level 4: online payment, result collected at the office',
  async run(run) {
    const t0 = Date.now();
    await file(
      run,
      invoiceDossier({ paymentMethod: 'online', deliveryMethod: 'office', deliveryAddress: undefined }),
      INVOICE_FILES,
    );
    await accept(run, { feeFirst: true });
    const order = await desk.order(run.code!, 'pending');
    run.note('portal', `fetches the payment URL for ${order.amount} VND (order ${order.reference})`);
    await desk.payOnline(run.code!, copies());
    run.note('gateway', 'applicant pays; the gateway calls the IPN');
    await checkPaid(run, desk, 'online', 50000);
    await acceptedOnPayment(run);
    await review(run);
    await issueResult(run);
    await handOver(run);
    return run.outcome(this.title, 'completed', 10, t0);
  },
});

/** 4. Level 3: paid at the counter, late (an apology with a new return date), collected at the office. */
export const counterJourney = (desk: PaymentDesk): JourneyDefinition => ({
  id: 4,
  title: 'Level 3: paid at the counter, late with an apology, collected at the office',
  async run(run) {
    const t0 = Date.now();
    await file(run, priceDataDossier(), PRICE_DATA_FILES);
    await accept(run, { feeFirst: true });
    const order = await desk.order(run.code!, 'pending');
    assert(
      order.level === 3 && !order.online.allowed,
      `${run.code}: a level 3 order must not be payable online: ${JSON.stringify(order.online)}`,
    );
    run.note(
      'portal',
      `sees ${order.amount} VND to pay at the counter (online refused: ${(order.online as { code: string }).code})`,
    );
    await desk.payAtCounter(run.code!, 'Lê Văn Nam');
    run.note('cashier', 'takes the fee at the counter');
    await checkPaid(run, desk, 'office', 150000);
    await acceptedOnPayment(run);
    await review(run);
    await apologize(run, 'approved');
    await issueResult(run);
    await handOver(run);
    return run.outcome(this.title, 'completed', 10, t0);
  },
});

/** 6b. Rejected after review, the paid fee refunded. */
export const rejectedRefundJourney = (desk: PaymentDesk): JourneyDefinition => ({
  id: 6,
  title: 'Rejected after review, paid fee refunded',
  async run(run) {
    const t0 = Date.now();
    await file(
      run,
      invoiceDossier({ paymentMethod: 'online', deliveryMethod: 'office', deliveryAddress: undefined }),
      INVOICE_FILES,
    );
    await accept(run, { feeFirst: true });
    await desk.payOnline(run.code!);
    await checkPaid(run, desk, 'online', 50000);
    await acceptedOnPayment(run);
    await run.officers.act(run.code!, 'assign', 'leader', 'in_review', { assigneeId: 'officer-specialist' });
    await run.officers.act(run.code!, 'propose_result', 'specialist', 'result_proposed', {
      documents: [RESULT_DOCUMENT],
    });
    await run.officers.act(run.code!, 'reject', 'leader', 'rejected', {
      note: 'Hóa đơn đề nghị mua không thuộc trường hợp được bán lẻ',
    });
    run.note('leader', 'rejects after review with a reason', { status: 'rejected' });
    const c = await run.officers.inState(run.code!, 'rejected');
    await run.citizenSees('rejected', c.nationalStatusCode);
    await run.reachedOnce('rejected');
    const refunded = await desk.refund(run.code!, 'Hồ sơ bị từ chối giải quyết sau khi đã nộp phí');
    assert(refunded.refundedAmount === 50000, `${run.code}: refunded ${refunded.refundedAmount} VND, expected 50000`);
    run.payment = `online 50000 VND, refunded ${refunded.refundedAmount}`;
    run.note('admin', `refunds ${refunded.refundedAmount} VND through the gateway`, { status: 'rejected' });
    return run.outcome(this.title, 'rejected + refunded', c.nationalStatusCode, t0);
  },
});

/** After the result is issued by post: the shipment is opened once, the partner carries it, the citizen follows each step. */
async function byPost(
  run: JourneyRun,
  post: PostOffice,
  expect: { cod: number; ends: 'delivered' | 'returned_to_sender' },
): Promise<Shipment> {
  const opened = await post.shipment(run.code!);
  assert(opened.codAmount === expect.cod, `${run.code}: shipment asks COD ${opened.codAmount}, expected ${expect.cod}`);
  run.note('postal', `shipment ${opened.id} opened (COD ${expect.cod} VND); the partner takes it from its feed`);
  const done = await post.shipment(run.code!, expect.ends, run.timeoutMs);
  const shipments = await post.shipments(run.code!);
  assert(shipments.length === 1, `${run.code}: ${shipments.length} shipments for one result`);
  const seen = await eventually(
    `${run.code}: the citizen sees the parcel ${expect.ends}`,
    async () => {
      const v = await run.portal.lookup(run.code!, run.secret!);
      return v.delivery?.status === expect.ends ? v : undefined;
    },
    run.timeoutMs,
  );
  run.note('partner', `parcel ${seen.delivery.steps.map((s: { status: string }) => s.status).join(' > ')}`);
  run.shipment = `${done.id} ${expect.ends}`;
  return done;
}

/** 1. Level 4: online payment, result by post, delivered. */
export const onlinePostJourney = (desk: PaymentDesk, post: PostOffice, copies = () => 1): JourneyDefinition => ({
  id: 1,
  title: 'Level 4: online payment, result by post, delivered',
  async run(run) {
    const t0 = Date.now();
    await file(run, invoiceDossier({ paymentMethod: 'online' }), INVOICE_FILES);
    await post.plan(run.code!, 'normal');
    await accept(run, { feeFirst: true });
    await desk.payOnline(run.code!, copies());
    run.note('gateway', 'applicant pays online; the gateway calls the IPN');
    await checkPaid(run, desk, 'online', 50000);
    await acceptedOnPayment(run);
    await review(run);
    await issueResult(run);
    await byPost(run, post, { cod: 0, ends: 'delivered' });
    await run.endsIn('completed', 10);
    return run.outcome(this.title, 'completed', 10, t0);
  },
});

/** 2. Level 4: postal COD, delivered, the fee settled from the collected amount. */
export const codJourney = (desk: PaymentDesk, post: PostOffice): JourneyDefinition => ({
  id: 2,
  title: 'Level 4: postal COD, delivered, fee settled from the collected amount',
  async run(run) {
    const t0 = Date.now();
    await file(run, invoiceDossier(), INVOICE_FILES);
    await post.plan(run.code!, 'normal');
    await accept(run);
    const order = await desk.order(run.code!, 'pending');
    assert(
      order.method === 'postal_cod' && !order.online.allowed,
      `${run.code}: a COD order must wait for the postman: ${JSON.stringify(order)}`,
    );
    run.note('payment', `order of ${order.amount} VND waits for the postman (COD)`);
    await review(run);
    await issueResult(run);
    await byPost(run, post, { cod: 50000, ends: 'delivered' });
    await checkPaid(run, desk, 'postal_cod', 50000);
    await eventually(
      `${run.code}: COD marked settled on the shipment`,
      async () => (await post.shipment(run.code!)).cod.settledAt,
    );
    await run.endsIn('completed', 10);
    return run.outcome(this.title, 'completed', 10, t0);
  },
});

/** 7. Delivery failed twice, returned to the office, fee paid and result collected there. */
export const returnedJourney = (desk: PaymentDesk, post: PostOffice): JourneyDefinition => ({
  id: 7,
  title: 'Delivery failed twice, returned to the office, collected there',
  async run(run) {
    const t0 = Date.now();
    await file(run, invoiceDossier(), INVOICE_FILES);
    await post.plan(run.code!, 'fail_twice_return');
    await accept(run);
    await review(run);
    await issueResult(run);
    const back = await byPost(run, post, { cod: 50000, ends: 'returned_to_sender' });
    assert(back.status === 'returned_to_sender', `${run.code}: shipment ${back.status}`);
    // The postman collected nothing: the fee is now paid at the counter, where the result waits.
    await eventually(`${run.code}: the COD order payable at the counter`, async () => {
      const [o] = await desk.orders(run.code!);
      return o?.status === 'pending' && o.method === 'office' ? o : undefined;
    });
    await desk.payAtCounter(run.code!, 'Trần Văn Bình');
    run.note('cashier', 'takes the fee at the counter');
    await checkPaid(run, desk, 'office', 50000);
    await handOver(run);
    return run.outcome(this.title, 'completed', 10, t0);
  },
});

/** Every journey, in the order the demo plays them. */
export function allJourneys(desk: PaymentDesk, post: PostOffice): JourneyDefinition[] {
  return [
    onlinePostJourney(desk, post),
    codJourney(desk, post),
    onlineOfficeJourney(desk),
    counterJourney(desk),
    supplementJourney,
    refusedJourney,
    rejectedRefundJourney(desk),
    returnedJourney(desk, post),
    withdrawnJourney,
    paperOnlyJourney,
  ];
}
