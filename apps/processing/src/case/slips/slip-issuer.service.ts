import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type CitizenSlipKind, createEvent, type IssuedFile } from '@dvc/contracts';
import { type DocumentSigner, renderSlip, type SlipContent, SLIP_FORMS, type SlipKind } from '@dvc/documents';
import { OutboxWriter } from '@dvc/messaging';
import { OBJECT_STORAGE, type ObjectStorage } from '@dvc/storage';
import { CalendarService } from '../../calendar/calendar.service';
import { ProcessingConfig } from '../../config/processing.config';
import { DOCUMENT_SIGNER, signerName } from '../../files/document-signer';
import type { CaseActor } from '../case-actor';
import { CaseErrors } from '../case.errors';
import type { CaseRecord } from '../case.record';
import { CaseRepository } from '../case.repository';
import { FilingRepository } from '../filing/filing.repository';
import { controlHandovers } from './control-slip';
import { type SlipCommon, slipBase, slipContent, type SlipDetails } from './slip-content';
import { SlipErrors } from './slip.errors';
import type { SlipRecord } from './slip.record';
import { SlipRepository } from './slip.repository';

/** The slips' file names: `<dossier code>-<this>.pdf` (ASCII, as the citizen's download saves it). */
const FILE_NAMES: Record<SlipKind, string> = {
  receipt: 'phieu-tiep-nhan',
  'supplement-request': 'phieu-yeu-cau-bo-sung',
  refusal: 'phieu-tu-choi-tiep-nhan',
  apology: 'phieu-xin-loi-hen-lai',
  control: 'phieu-kiem-soat-qua-trinh',
};

/** What the step gives for its slip: the receipt's documents are the filing's, read here. */
export type StepSlipDetails = Omit<SlipDetails, 'receipt'> & { receipt: Record<string, never> };

/** The agency's name on slips when its certificate names no organisation. */
const DEFAULT_AGENCY = 'Bộ phận Một cửa';

/** A slip drawn now and not kept (the control slip). */
export interface DrawnSlip {
  name: string;
  bytes: Buffer;
}

/**
 * The one-stop slips (Circular 01/2018/TT-VPCP forms 01-05). The four the applicant gets are
 * rendered (renderSlip), signed by the agency, stored, recorded and announced (slip.issued) in the
 * transaction of the step that issues them, so a slip exists exactly when its step happened and
 * the step fails if its slip cannot be made. The control slip is the officers' view of the
 * history: drawn and signed on request, neither stored nor announced, since it changes with
 * every step and the history it is drawn from is itself kept append-only.
 */
@Injectable()
export class SlipIssuer {
  constructor(
    private readonly config: ProcessingConfig,
    private readonly slips: SlipRepository,
    private readonly cases: CaseRepository,
    private readonly filings: FilingRepository,
    private readonly calendars: CalendarService,
    private readonly outbox: OutboxWriter,
    @Inject(OBJECT_STORAGE) readonly storage: ObjectStorage,
    @Inject(DOCUMENT_SIGNER) private readonly signer: DocumentSigner,
  ) {}

  /** The newest slip of this kind issued for the case (a second supplement request is a new slip). */
  async newest(dossierCode: string, kind: CitizenSlipKind): Promise<SlipRecord> {
    if (!(await this.cases.find(dossierCode))) throw CaseErrors.notFound(dossierCode);
    const slip = await this.slips.newest(dossierCode, kind);
    if (!slip) throw SlipErrors.notIssued(dossierCode, kind);
    return slip;
  }

  /** Issues one slip of `kind` for the locked case `c` in the caller's transaction; returns its reference. */
  async issue<K extends CitizenSlipKind>(
    em: EntityManager,
    c: CaseRecord,
    kind: K,
    details: StepSlipDetails[K],
    issued: { by: CaseActor; at: Date },
  ): Promise<IssuedFile> {
    const full = (kind === 'receipt' ? await this.receiptDetails(em, c.dossierCode) : details) as SlipDetails[K];
    const content = slipContent(c, kind, full, this.common(c, issued.at, issued.by.id));
    const signed = await this.renderSigned(content, issued.at);
    // Written before the commit: if the step rolls back, the bytes stay unreferenced, which
    // content addressing makes harmless (nothing serves a SHA-256 no record refers to).
    const stored = await this.storage.put(signed);
    const file: IssuedFile = {
      fileId: randomUUID(),
      name: `${c.dossierCode}-${FILE_NAMES[kind]}.pdf`,
      contentType: 'application/pdf',
      size: stored.size,
      sha256: stored.sha256,
      signed: true,
    };
    await this.slips.add(em, {
      id: file.fileId,
      dossierCode: c.dossierCode,
      kind,
      name: file.name,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      storageKey: stored.key,
      signed: true,
      signedBy: signerName(this.signer),
      issuedBy: issued.by.id,
      issuedAt: issued.at,
    });
    await this.outbox.add(
      em,
      createEvent(
        'slip.issued',
        { dossierCode: c.dossierCode, kind, file, issuedAt: issued.at.toISOString() },
        { source: 'processing', correlationId: c.dossierCode },
      ),
    );
    return file;
  }

  /** The processing control slip as the history stands now, signed. */
  async control(dossierCode: string, officer: CaseActor, at = new Date()): Promise<DrawnSlip> {
    const c = await this.cases.find(dossierCode);
    if (!c) throw CaseErrors.notFound(dossierCode);
    const history = await this.cases.history(c.dossierCode);
    const content: SlipContent = {
      ...slipBase(c, this.common(c, at, officer.id)),
      kind: 'control',
      handovers: controlHandovers(c, history, this.calendars.calendar),
    };
    return { name: `${c.dossierCode}-${FILE_NAMES.control}.pdf`, bytes: await this.renderSigned(content, at) };
  }

  /** The documents filed with the dossier (supplements come after acceptance, on their own requests). */
  private async receiptDetails(em: EntityManager, dossierCode: string): Promise<SlipDetails['receipt']> {
    const filed = await this.filings.documents(dossierCode, em);
    return {
      documents: filed
        .filter((d) => d.supplementRequestId === null)
        .map((d) => ({ name: d.documentName, form: `${d.documentCode}, bản điện tử / electronic: ${d.filename}` })),
    };
  }

  private common(c: CaseRecord, at: Date, officerId: string): SlipCommon {
    return {
      agencyName: this.signer.identity.organisation ?? DEFAULT_AGENCY,
      trackingUrl: `${this.config.PUBLIC_TRACKING_URL}?code=${encodeURIComponent(c.dossierCode)}`,
      issuedAt: at,
      officerName: officerId,
    };
  }

  private async renderSigned(content: SlipContent, at: Date): Promise<Buffer> {
    const pdf = await renderSlip(content);
    return this.signer.signPdf(pdf, { reason: `${SLIP_FORMS[content.kind].vi} ${content.dossierCode}`, signedAt: at });
  }
}
