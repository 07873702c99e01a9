import { LedgerError, type ErrorCode, type FieldIssue } from '../../../shared/result';

/** An error about one field: the message also travels as the field's issue, so a form can show it in place. */
export function fieldError(code: ErrorCode, path: string, message: string): LedgerError {
  return new LedgerError(code, message, { issues: [{ path, message }] });
}

/** Several field errors at once (a batch); the first one is the headline. */
export function fieldErrors(code: ErrorCode, issues: FieldIssue[]): LedgerError {
  const first = issues[0]!;
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : '';
  return new LedgerError(code, `${first.message}${more}`, { issues });
}
