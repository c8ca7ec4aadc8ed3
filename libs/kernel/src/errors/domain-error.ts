/** A message for an applicant or officer, in Vietnamese with English beside it. */
export interface BilingualMessage {
  vi: string;
  en: string;
}

export interface DomainErrorOptions {
  /** HTTP status the problem-details filter answers with. */
  status?: number;
  /** false: retrying cannot help (a consumer parks the message at once). */
  retryable?: boolean;
  /** Extra machine-readable facts (never personal numbers or secrets). */
  details?: Record<string, unknown>;
}

/**
 * Base of every module's errors. `code` is stable (clients and dashboards key on it, e.g.
 * DOSSIER.NOT_FOUND); the messages may be reworded freely.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly code: string,
    readonly text: BilingualMessage,
    options: DomainErrorOptions = {},
  ) {
    super(text.en);
    this.name = 'DomainError';
    this.status = options.status ?? 400;
    this.retryable = options.retryable ?? this.status >= 500;
    this.details = options.details;
  }
}
