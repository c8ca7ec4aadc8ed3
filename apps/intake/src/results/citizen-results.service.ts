import { Inject, Injectable } from '@nestjs/common';
import { CITIZEN_SLIP_KINDS, type CitizenSlipKind } from '@dvc/contracts';
import { DomainError } from '@dvc/kernel';
import { FileExchangeClient } from '@dvc/storage';
import { DossierAccessService, type LookupCredentials } from '../dossier/dossier-access.service';
import { ResultErrors } from './results.errors';
import { ResultFileRepository, type ResultFile } from './result-file.repository';
import { SlipRepository } from './slip.repository';

/** The client of processing's internal file endpoint (ADR 0010). */
export const PROCESSING_FILES = Symbol('PROCESSING_FILES');

/** A file on its way to the citizen: the bytes come from processing, checked against `sha256` as they pass. */
export interface RelayedFile {
  name: string;
  contentType: string;
  size: number;
  stream: NodeJS.ReadableStream;
}

/** What the citizen sees of a result file: enough to download it and check it, nothing of processing's. */
export interface ResultFileView {
  fileId: string;
  resultId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  signed: boolean;
  verificationCode: string | null;
  issuedAt: string;
}

const isSlipKind = (kind: string): kind is CitizenSlipKind => (CITIZEN_SLIP_KINDS as readonly string[]).includes(kind);

/**
 * The citizen's results and slips. The lookup's credentials come first, through the lookup's own
 * access check: a wrong secret is a failed lookup (counted, throttled) and says nothing of files.
 * Processing keeps the bytes; intake streams them from it and checks their SHA-256 on the way.
 */
@Injectable()
export class CitizenResultsService {
  constructor(
    private readonly access: DossierAccessService,
    private readonly results: ResultFileRepository,
    private readonly slips: SlipRepository,
    @Inject(PROCESSING_FILES) private readonly files: FileExchangeClient,
  ) {}

  async list(code: string, cred: LookupCredentials): Promise<{ code: string; results: ResultFileView[] }> {
    const dossier = await this.access.open(code, cred);
    const rows = await this.results.listByDossier(dossier.code);
    return { code: dossier.code, results: rows.map(viewOf) };
  }

  /** `fileId` as the list gives it. */
  async openResult(code: string, cred: LookupCredentials, fileId: string): Promise<RelayedFile> {
    const dossier = await this.access.open(code, cred);
    const file = await this.results.findOfDossier(dossier.code, fileId);
    if (!file) throw ResultErrors.resultNotFound();
    return this.relay(file);
  }

  async openSlip(code: string, cred: LookupCredentials, kind: string): Promise<RelayedFile> {
    // The kinds are public; checking them first costs the citizen no lookup attempt.
    if (!isSlipKind(kind)) throw ResultErrors.unknownSlipKind();
    const dossier = await this.access.open(code, cred);
    const slip = await this.slips.newest(dossier.code, kind);
    if (!slip) throw ResultErrors.slipNotIssued();
    return this.relay(slip);
  }

  private async relay(f: { name: string; contentType: string; size: number; sha256: string }): Promise<RelayedFile> {
    try {
      const { stream, size } = await this.files.open(f.sha256, { size: f.size });
      return { name: f.name, contentType: f.contentType, size, stream };
    } catch (error) {
      // processing's own messages name its internal URL: the citizen gets ours instead.
      if (error instanceof DomainError && error.code === 'FILES.OWNER_UNAVAILABLE') {
        throw ResultErrors.processingUnavailable();
      }
      if (error instanceof DomainError && error.code.startsWith('FILES.')) throw ResultErrors.fileDamaged();
      throw error;
    }
  }
}

function viewOf(f: ResultFile): ResultFileView {
  return {
    fileId: f.fileId,
    resultId: f.resultId,
    name: f.name,
    contentType: f.contentType,
    size: f.size,
    sha256: f.sha256,
    signed: f.signed,
    verificationCode: f.verificationCode,
    issuedAt: f.issuedAt.toISOString(),
  };
}
