import { api, isApiMethod } from '../../shared/api';

/** Largest request any door accepts for an ordinary method; file methods name their own limit. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** The limit for one method: its own (file methods), else the door's. */
export function payloadLimit(method: unknown, doorLimit = MAX_PAYLOAD_BYTES): number {
  if (!isApiMethod(method)) return doorLimit;
  const own: number | undefined = (api[method] as { maxPayloadBytes?: number }).maxPayloadBytes;
  return own ?? doorLimit;
}

export function tooLargeMessage(limit: number): string {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return `请求内容过大（超过 ${size}），已拒绝`;
}

/** Deeper than any contract input (a household's members' health codes are 4 levels down); far deeper is an attack. */
export const MAX_PAYLOAD_DEPTH = 32;

/** Keys that pollute prototypes in code that merges objects; no contract field is named so. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * What every door checks before the core sees a payload, or null when it is fine: a plain JSON
 * object (as JSON.parse or Electron's structured clone makes it) of JSON values only, no deeper
 * than MAX_PAYLOAD_DEPTH, without prototype-polluting keys, and no larger than `limit` bytes as
 * JSON. It is walked with a budget rather than serialised to be measured: a hostile payload — a
 * 100 MB typed array over IPC, a cycle, a sparse array a billion long, a million levels of
 * nesting — is refused after at most `limit` steps, without building anything.
 */
export function payloadProblem(input: unknown, limit: number): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !isPlain(input)) return '请求内容应为 JSON 对象（{…}）';
  let size = 0;
  // Only objects and arrays wait on the stack; everything else is measured where it is found.
  const stack: [object, number][] = [[input, 1]];
  const child = (value: unknown, depth: number): string | null => {
    if (value === null || value === undefined || typeof value === 'boolean') size += 5;
    else if (typeof value === 'number') size += 24;
    else if (typeof value === 'string') size += Buffer.byteLength(value, 'utf8') + 2;
    else if (typeof value === 'object' && (Array.isArray(value) || isPlain(value))) {
      if (depth > MAX_PAYLOAD_DEPTH) return `请求内容嵌套过深（超过 ${MAX_PAYLOAD_DEPTH} 层），已拒绝`;
      stack.push([value, depth]);
    } else return '请求内容含有无法识别的数据（只接受 JSON 的对象、数组、文字、数字、是否和空值）';
    return size > limit ? tooLargeMessage(limit) : null;
  };
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    size += 2;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        size += 1;
        const problem = child(value[i], depth + 1);
        if (problem) return problem;
      }
    } else {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) return `请求内容含有不允许的键名“${key}”，已拒绝`;
        size += Buffer.byteLength(key, 'utf8') + 4;
        const problem = child((value as Record<string, unknown>)[key], depth + 1);
        if (problem) return problem;
      }
    }
  }
  return null;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
