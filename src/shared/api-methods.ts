/**
 * Names of the contract's methods, without their schemas, so the preload can expose exactly
 * these without bundling zod. `api.ts` fails to compile if these lists and the schemas drift apart.
 */
import { DYNAMIC_METHODS } from './api/dynamic.methods';
import { IMPORT_METHODS } from './api/import.methods';
import { EXPORT_METHODS, EXPORT_REGISTER_METHODS } from './api/export.methods';
import { REGISTRY_METHODS } from './api/registry.methods';
import { ASSISTANCE_METHODS } from './api/assistance.methods';
import { CARD_JOB_METHODS, CARD_METHODS } from './api/card.methods';
import { REPORT_FILE_METHODS, REPORT_METHODS } from './api/report.methods';
import { INCENTIVE_FILE_METHODS, INCENTIVE_METHODS } from './api/incentive.methods';
import { QUALITY_FILE_METHODS, QUALITY_METHODS } from './api/quality.methods';
import { BACKUP_FILE_METHODS, BACKUP_METHODS } from './api/backup.methods';
import { CADRE_FILE_METHODS, CADRE_METHODS } from './api/cadre.methods';

export const API_METHODS = [...REGISTRY_METHODS, ...DYNAMIC_METHODS, ...IMPORT_METHODS, ...EXPORT_METHODS, ...EXPORT_REGISTER_METHODS, ...ASSISTANCE_METHODS, ...CARD_METHODS, ...CARD_JOB_METHODS, ...REPORT_METHODS, ...REPORT_FILE_METHODS, ...INCENTIVE_METHODS, ...INCENTIVE_FILE_METHODS, ...QUALITY_METHODS, ...QUALITY_FILE_METHODS, ...BACKUP_METHODS, ...BACKUP_FILE_METHODS, ...CADRE_METHODS, ...CADRE_FILE_METHODS] as const;

export type ApiMethod = (typeof API_METHODS)[number];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);
}

/** The IPC channel of a method: one channel per method, so the preload can forward no other. */
export function ipcChannel(method: ApiMethod): string {
  return `ledger:${method}`;
}
