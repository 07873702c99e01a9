import type { AppInfo, AuditEntry, HouseholdDetail, HouseholdRow, Page, Village, VillageGroup } from '../domain/registry.types';
import { auditListQuery, householdInput, householdListQuery } from '../schemas/household.schema';
import { byId, empty, groupInput, settingsInput, villageInput, type Settings } from '../schemas/settings.schema';
import { read, write } from './method';

export const registryApi = {
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
};
