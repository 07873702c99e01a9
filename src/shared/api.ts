/**
 * The contract: every method the core offers, its input schema and its output type. The IPC,
 * HTTP and CLI doors all validate with these schemas and answer with the same envelope.
 */
import type { ApiMethod } from './api-methods';
import type { AppInfo, AuditEntry, HouseholdDetail, HouseholdRow, Page, Village, VillageGroup } from './domain/registry.types';
import type { Result } from './result';
import { auditListQuery, householdInput, householdListQuery } from './schemas/household.schema';
import { byId, empty, groupInput, settingsInput, villageInput, type Settings } from './schemas/settings.schema';
import type { z } from './schemas/zod';

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Chinese description, shown by `ledger help`. */
  title: string;
  /** Whether the method changes data (audited; refused on a read-only connection later). */
  writes: boolean;
  /** Phantom: carries the output type only. */
  readonly output?: O;
}

const read = <O>() => <I extends z.ZodType>(input: I, title: string): MethodDef<I, O> => ({ input, title, writes: false });
const write = <O>() => <I extends z.ZodType>(input: I, title: string): MethodDef<I, O> => ({ input, title, writes: true });

export const api = {
  'app:info': read<AppInfo>()(empty, '程序与数据库信息'),
  'settings:get': read<Settings | null>()(empty, '读取乡镇设置'),
  'settings:update': write<Settings>()(settingsInput, '保存乡镇设置'),
  'village:list': read<Village[]>()(empty, '行政村与自然村（组）列表'),
  'village:save': write<Village>()(villageInput, '新增或修改行政村'),
  'village:delete': write<{ id: number }>()(byId, '删除行政村'),
  'group:save': write<VillageGroup>()(groupInput, '新增或修改自然村（组）'),
  'group:delete': write<{ id: number }>()(byId, '删除自然村（组）'),
  'household:list': read<Page<HouseholdRow>>()(householdListQuery, '农户列表（筛选、搜索、分页）'),
  'household:get': read<HouseholdDetail>()(byId, '农户档案详情'),
  'household:save': write<HouseholdDetail>()(householdInput, '新增或修改农户档案（含家庭成员）'),
  'household:delete': write<{ id: number }>()(byId, '删除农户档案（可恢复）'),
  'household:restore': write<HouseholdDetail>()(byId, '恢复已删除的农户档案'),
  'audit:list': read<Page<AuditEntry>>()(auditListQuery, '操作日志'),
} satisfies Record<ApiMethod, MethodDef<z.ZodType, unknown>>;

// Both directions: a method in api.ts that is missing from API_METHODS is a compile error too.
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
export type ApiHandlers = { [M in ApiMethod]: (input: ApiParsed<M>) => ApiOutput<M> };

/** The renderer and tests call this, whichever door is behind it. */
export type LedgerClient = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<Result<ApiOutput<M>>> };

export type { ApiMethod } from './api-methods';
export { API_METHODS, isApiMethod } from './api-methods';
