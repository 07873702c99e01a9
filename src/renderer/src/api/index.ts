/**
 * The only module that touches a door. Inside Electron the preload exposes `window.ledger`
 * (one async function per contract method); in a plain browser the same contract is served on
 * `POST /api/<method>`. Either way callers get the Result envelope and never a thrown error.
 */
import { API_METHODS, type ApiMethod } from '../../../shared/api-methods';
import type { LedgerClient } from '../../../shared/api';
import type { FieldIssue, LedgerErrorBody, Result } from '../../../shared/result';

const UNREACHABLE = '无法连接到帮扶台账服务，请确认程序仍在运行';
const IPC_FAILED = '与帮扶台账主程序通信失败，请重新启动程序后再试';

function failure(code: LedgerErrorBody['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { message?: unknown } };
  return v.ok === true ? 'data' in v : v.ok === false && typeof v.error?.message === 'string';
}

async function callOverHttp(method: ApiMethod, input: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    return failure('IO', UNREACHABLE);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  // Doors answer every outcome with an envelope; anything else is a proxy page or a crash.
  if (isEnvelope(body)) return body;
  return failure('INTERNAL', `帮扶台账服务返回了无法识别的结果（HTTP ${response.status}），请稍后重试`);
}

async function callOverIpc(exposed: LedgerClient, method: ApiMethod, input: unknown): Promise<Result<unknown>> {
  try {
    // The preload's functions are typed per method; dispatching by name loses that pairing, which the outer cast restores.
    const call = exposed[method] as (input: unknown) => Promise<Result<unknown>>;
    return await call(input ?? {});
  } catch {
    return failure('INTERNAL', IPC_FAILED);
  }
}

/** Chooses the door on every call, so a preload object installed late (or stubbed in tests) is still found. */
function call(method: ApiMethod, input: unknown): Promise<Result<unknown>> {
  const exposed = typeof window !== 'undefined' ? window.ledger : undefined;
  return exposed ? callOverIpc(exposed, method, input) : callOverHttp(method, input);
}

export const ledger = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => call(method, input)]),
) as LedgerClient;

/** Field issues from a failed envelope (server-side validation), or none. */
export function issuesOf(error: LedgerErrorBody): FieldIssue[] {
  return error.details?.issues ?? [];
}
