/**
 * The contract: every method the core offers, its input schema and its output type. The IPC,
 * HTTP and CLI doors all validate with these schemas and answer with the same envelope.
 * Each area keeps its piece in `api/<area>.api.ts` and its method names in `api/<area>.methods.ts`.
 */
import type { ApiMethod } from './api-methods';
import type { MethodDef } from './api/method';
import { dynamicApi } from './api/dynamic.api';
import { importApi } from './api/import.api';
import { exportApi } from './api/export.api';
import type { IMPORT_METHODS } from './api/import.methods';
import type { EXPORT_METHODS } from './api/export.methods';
import { registryApi } from './api/registry.api';
import { assistanceApi } from './api/assistance.api';
import { cardApi } from './api/card.api';
import type { CARD_JOB_METHODS } from './api/card.methods';
import { reportApi } from './api/report.api';
import type { REPORT_FILE_METHODS } from './api/report.methods';
import { incentiveApi } from './api/incentive.api';
import type { INCENTIVE_FILE_METHODS } from './api/incentive.methods';
import { qualityApi } from './api/quality.api';
import type { QUALITY_FILE_METHODS } from './api/quality.methods';
import { backupApi } from './api/backup.api';
import { cadreApi } from './api/cadre.api';
import type { CADRE_FILE_METHODS } from './api/cadre.methods';
import type { BACKUP_FILE_METHODS } from './api/backup.methods';
import type { Result } from './result';
import type { z } from './schemas/zod';

export const api = {
  ...registryApi,
  ...dynamicApi,
  ...importApi,
  ...exportApi,
  ...assistanceApi,
  ...cardApi,
  ...reportApi,
  ...incentiveApi,
  ...qualityApi,
  ...backupApi,
  ...cadreApi,
} satisfies Record<ApiMethod, MethodDef<z.ZodType, unknown>>;

// Both directions: a method here that is missing from API_METHODS is a compile error too.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodListsMatch: Exact<keyof typeof api, ApiMethod> = true;
void methodListsMatch;

type Def<M extends ApiMethod> = (typeof api)[M];
/** What a caller sends (before defaults and normalisation). */
export type ApiInput<M extends ApiMethod> = z.input<Def<M>['input']>;
/** What the core receives after validation. */
export type ApiParsed<M extends ApiMethod> = z.output<Def<M>['input']>;
export type ApiOutput<M extends ApiMethod> = Def<M> extends MethodDef<z.ZodType, infer O> ? O : never;

/** The core implements this. */
/** Methods that read or write a file answer asynchronously; every other method answers at once. */
export type AsyncMethod = (typeof IMPORT_METHODS)[number] | (typeof EXPORT_METHODS)[number] | (typeof CARD_JOB_METHODS)[number] | (typeof REPORT_FILE_METHODS)[number] | (typeof INCENTIVE_FILE_METHODS)[number] | (typeof QUALITY_FILE_METHODS)[number] | (typeof BACKUP_FILE_METHODS)[number] | (typeof CADRE_FILE_METHODS)[number];
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsed<M>) => M extends AsyncMethod ? Promise<ApiOutput<M>> : ApiOutput<M> };
/** One area's share of the handlers. */
export type AreaHandlers<M extends ApiMethod> = { [K in M]: ApiHandlers[K] };

/** The renderer and tests call this, whichever door is behind it. */
export type LedgerClient = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>> };

export type { MethodDef } from './api/method';
export type { ApiMethod } from './api-methods';
export { API_METHODS, isApiMethod } from './api-methods';
