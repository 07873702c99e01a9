/**
 * Names of the contract's methods, without their schemas, so the preload can expose exactly
 * these without bundling zod. `api.ts` fails to compile if the two lists drift apart.
 */
export const API_METHODS = [
  'app:info',
  'settings:get',
  'settings:update',
  'village:list',
  'village:save',
  'village:delete',
  'group:save',
  'group:delete',
  'household:list',
  'household:get',
  'household:save',
  'household:delete',
  'household:restore',
  'audit:list',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** The IPC channel of a method: one channel per method, so the preload can forward no other. */
export function ipcChannel(method: ApiMethod): string {
  return `ledger:${method}`;
}
