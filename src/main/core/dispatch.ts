import { api, isApiMethod, type ApiMethod, type ApiOutput } from '../../shared/api';
import { fail, LedgerError, ok, type Result } from '../../shared/result';
import { toFieldIssues } from '../../shared/schemas/issues';
import type { Ledger } from './ledger';

/**
 * The one way any door calls the core: validate the raw input with the method's schema,
 * call the handler, and turn every outcome into the envelope. Doors add only their transport.
 * Reading a file is asynchronous (exceljs), so doors await; everything else answers at once.
 */
export async function dispatchAsync(ledger: Ledger, method: unknown, input: unknown): Promise<Result<unknown>> {
  const prepared = prepare(ledger, method, input);
  if ('error' in prepared) return prepared.error;
  try {
    return ok(await prepared.run());
  } catch (e) {
    return failureOf(e);
  }
}

/** The same for callers that know the method answers at once (tests, bench, seed scripts). */
export function dispatch(ledger: Ledger, method: unknown, input: unknown): Result<unknown> {
  const prepared = prepare(ledger, method, input);
  if ('error' in prepared) return prepared.error;
  try {
    const output = prepared.run();
    if (output instanceof Promise) throw new Error(`${String(method)} 是异步方法，请用 dispatchAsync 调用`);
    return ok(output);
  } catch (e) {
    return failureOf(e);
  }
}

function prepare(ledger: Ledger, method: unknown, input: unknown): { run: () => unknown } | { error: Result<never> } {
  if (!isApiMethod(method)) return { error: fail('NOT_FOUND', `没有名为“${String(method)}”的功能`) };
  return prepareCall(ledger, method, input);
}

function prepareCall<M extends ApiMethod>(ledger: Ledger, method: M, input: unknown): { run: () => unknown } | { error: Result<never> } {
  const parsed = api[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error, input);
    return { error: fail('VALIDATION', issues[0]?.message ?? '输入有误', { issues }) };
  }
  const blocker = api[method].writes ? ledger.writeBlocker() : null;
  if (blocker) return { error: fail('CONFLICT', blocker) };
  const handler = ledger.handlers[method] as (i: unknown) => ApiOutput<M> | Promise<ApiOutput<M>>;
  return { run: () => handler(parsed.data) };
}

export function failureOf(e: unknown): Result<never> {
  if (e instanceof LedgerError) return fail(e.code, e.message, e.details);
  const code = (e as { code?: unknown }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return fail('IO', '数据库正被其他程序使用，请稍后再试');
  }
  if (code === 'SQLITE_FULL') return fail('IO', '磁盘空间不足，数据未保存，请清理磁盘后重试');
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return fail('IO', `数据库读写出错，数据未保存（${code}）`);
  }
  console.error(e);
  return fail('INTERNAL', `程序内部错误，数据未保存：${(e as Error)?.message ?? String(e)}`);
}
