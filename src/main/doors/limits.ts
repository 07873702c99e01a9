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
