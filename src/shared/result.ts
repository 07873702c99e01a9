/** Result envelope that crosses every door (IPC, HTTP, CLI). Errors are data, never thrown across a boundary. */
export type ErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'IO' | 'INTERNAL';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `members.1.idNumber`. */
  path: string;
  /** Chinese message naming the field. */
  message: string;
}

export interface LedgerErrorBody {
  code: ErrorCode;
  message: string;
  details?: { issues?: FieldIssue[]; [key: string]: unknown };
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: LedgerErrorBody };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, details?: LedgerErrorBody['details']): Result<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** Thrown inside the core, turned into an envelope by the dispatcher. */
export class LedgerError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: LedgerErrorBody['details'],
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}
