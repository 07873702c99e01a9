import type { Settings } from '../../../shared/schemas/settings.schema';
import type { Village, VillageGroup } from '../../../shared/domain/registry.types';
import type { ApiParsed } from '../../../shared/api';
import { LedgerError } from '../../../shared/result';
import type { AuditRepo } from '../audit/audit.repo';
import type { Db } from '../db/connection';
import { createSettingsRows } from '../settings-rows';

const SETTINGS_KEY = 'township';

interface VillageRow { id: number; name: string; code: string | null; sort: number; household_count: number }
interface GroupRow { id: number; village_id: number; name: string; code: string | null; sort: number; household_count: number }

/** Township settings, villages (行政村) and their groups (自然村/组). */
export function createPlacesService(db: Db, audit: AuditRepo, now: () => Date) {
  const settingsRows = createSettingsRows(db);
  const stmt = {
    villages: db.prepare(
      `SELECT v.id, v.name, v.code, v.sort,
              (SELECT count(*) FROM households h WHERE h.village_id = v.id AND h.deleted_at IS NULL) AS household_count
       FROM villages v WHERE v.deleted_at IS NULL ORDER BY v.sort, v.name`,
    ),
    groups: db.prepare(
      `SELECT g.id, g.village_id, g.name, g.code, g.sort,
              (SELECT count(*) FROM households h WHERE h.group_id = g.id AND h.deleted_at IS NULL) AS household_count
       FROM village_groups g WHERE g.deleted_at IS NULL ORDER BY g.village_id, g.sort, g.name`,
    ),
    village: db.prepare<[number]>('SELECT * FROM villages WHERE id = ?'),
    group: db.prepare<[number]>('SELECT * FROM village_groups WHERE id = ?'),
    villageByName: db.prepare<[string]>('SELECT id FROM villages WHERE name = ? AND deleted_at IS NULL'),
    groupByName: db.prepare<[number, string]>('SELECT id FROM village_groups WHERE village_id = ? AND name = ? AND deleted_at IS NULL'),
    insertVillage: db.prepare('INSERT INTO villages (name, code, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
    updateVillage: db.prepare('UPDATE villages SET name = ?, code = ?, sort = ?, updated_at = ? WHERE id = ?'),
    deleteVillage: db.prepare('UPDATE villages SET deleted_at = ? WHERE id = ?'),
    deleteGroupsOfVillage: db.prepare('UPDATE village_groups SET deleted_at = ? WHERE village_id = ? AND deleted_at IS NULL'),
    insertGroup: db.prepare('INSERT INTO village_groups (village_id, name, code, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)'),
    updateGroup: db.prepare('UPDATE village_groups SET village_id = ?, name = ?, code = ?, sort = ?, updated_at = ? WHERE id = ?'),
    deleteGroup: db.prepare('UPDATE village_groups SET deleted_at = ? WHERE id = ?'),
    liveHouseholdsInVillage: db.prepare<[number]>('SELECT count(*) AS n FROM households WHERE village_id = ? AND deleted_at IS NULL'),
    liveHouseholdsInGroup: db.prepare<[number]>('SELECT count(*) AS n FROM households WHERE group_id = ? AND deleted_at IS NULL'),
  };

  function getSettings(): Settings | null {
    const value = settingsRows.get(SETTINGS_KEY);
    return value === undefined ? null : (JSON.parse(value) as Settings);
  }

  function listVillages(): Village[] {
    const groups = stmt.groups.all() as GroupRow[];
    return (stmt.villages.all() as VillageRow[]).map((v) => ({
      id: v.id,
      name: v.name,
      code: v.code,
      sort: v.sort,
      householdCount: v.household_count,
      groups: groups.filter((g) => g.village_id === v.id).map(toGroup),
    }));
  }

  function liveVillage(id: number): { id: number; name: string } {
    const v = stmt.village.get(id) as { id: number; name: string; deleted_at: string | null } | undefined;
    if (!v || v.deleted_at) throw new LedgerError('NOT_FOUND', '所选行政村不存在或已删除', { issues: [{ path: 'villageId', message: '所选行政村不存在或已删除' }] });
    return v;
  }

  function liveGroup(id: number): { id: number; name: string; village_id: number } {
    const g = stmt.group.get(id) as { id: number; name: string; village_id: number; deleted_at: string | null } | undefined;
    if (!g || g.deleted_at) throw new LedgerError('NOT_FOUND', '所选自然村（组）不存在或已删除', { issues: [{ path: 'groupId', message: '所选自然村（组）不存在或已删除' }] });
    return g;
  }

  return {
    getSettings,
    operatorName(): string {
      return getSettings()?.operatorName ?? '未设置操作员';
    },
    updateSettings: db.transaction((input: ApiParsed<'settings:update'>): Settings => {
      const before = getSettings();
      settingsRows.put(SETTINGS_KEY, JSON.stringify(input));
      audit.record({ action: before ? 'update' : 'create', entity: 'settings', entityId: null, summary: `乡镇设置：${input.townshipName}`, before, after: input });
      return input;
    }),
    listVillages,
    liveVillage,
    liveGroup,
    saveVillage: db.transaction((input: ApiParsed<'village:save'>): Village => {
      const clash = stmt.villageByName.get(input.name) as { id: number } | undefined;
      if (clash && clash.id !== input.id) {
        throw new LedgerError('CONFLICT', `行政村“${input.name}”已存在`, { issues: [{ path: 'name', message: `行政村“${input.name}”已存在` }] });
      }
      const at = now().toISOString();
      let id: number;
      if (input.id) {
        const before = liveVillage(input.id);
        stmt.updateVillage.run(input.name, input.code, input.sort, at, input.id);
        id = input.id;
        audit.record({ action: 'update', entity: 'village', entityId: id, summary: `修改行政村：${before.name} → ${input.name}`, before, after: input });
      } else {
        id = Number(stmt.insertVillage.run(input.name, input.code, input.sort, at, at).lastInsertRowid);
        audit.record({ action: 'create', entity: 'village', entityId: id, summary: `新增行政村：${input.name}`, after: input });
      }
      return listVillages().find((v) => v.id === id)!;
    }),
    deleteVillage: db.transaction(({ id }: { id: number }) => {
      const v = liveVillage(id);
      const n = (stmt.liveHouseholdsInVillage.get(id) as { n: number }).n;
      if (n > 0) throw new LedgerError('CONFLICT', `行政村“${v.name}”下还有 ${n} 户档案，不能删除；请先把这些农户移到其他村或删除`);
      const at = now().toISOString();
      stmt.deleteVillage.run(at, id);
      stmt.deleteGroupsOfVillage.run(at, id);
      audit.record({ action: 'delete', entity: 'village', entityId: id, summary: `删除行政村：${v.name}`, before: v });
      return { id };
    }),
    saveGroup: db.transaction((input: ApiParsed<'group:save'>): VillageGroup => {
      const village = liveVillage(input.villageId);
      const clash = stmt.groupByName.get(input.villageId, input.name) as { id: number } | undefined;
      if (clash && clash.id !== input.id) {
        throw new LedgerError('CONFLICT', `${village.name}已有“${input.name}”`, { issues: [{ path: 'name', message: `${village.name}已有“${input.name}”` }] });
      }
      const at = now().toISOString();
      let id: number;
      if (input.id) {
        const before = liveGroup(input.id);
        if (before.village_id !== input.villageId) {
          const n = (stmt.liveHouseholdsInGroup.get(input.id) as { n: number }).n;
          if (n > 0) throw new LedgerError('CONFLICT', `“${before.name}”下还有 ${n} 户档案，不能改到其他行政村`);
        }
        stmt.updateGroup.run(input.villageId, input.name, input.code, input.sort, at, input.id);
        id = input.id;
        audit.record({ action: 'update', entity: 'group', entityId: id, summary: `修改自然村（组）：${before.name} → ${input.name}`, before, after: input });
      } else {
        id = Number(stmt.insertGroup.run(input.villageId, input.name, input.code, input.sort, at, at).lastInsertRowid);
        audit.record({ action: 'create', entity: 'group', entityId: id, summary: `新增自然村（组）：${village.name}${input.name}`, after: input });
      }
      const row = (stmt.groups.all() as GroupRow[]).find((g) => g.id === id)!;
      return toGroup(row);
    }),
    deleteGroup: db.transaction(({ id }: { id: number }) => {
      const g = liveGroup(id);
      const n = (stmt.liveHouseholdsInGroup.get(id) as { n: number }).n;
      if (n > 0) throw new LedgerError('CONFLICT', `“${g.name}”下还有 ${n} 户档案，不能删除；请先把这些农户移到其他组或删除`);
      stmt.deleteGroup.run(now().toISOString(), id);
      audit.record({ action: 'delete', entity: 'group', entityId: id, summary: `删除自然村（组）：${g.name}`, before: g });
      return { id };
    }),
  };
}
export type PlacesService = ReturnType<typeof createPlacesService>;

function toGroup(g: GroupRow): VillageGroup {
  return { id: g.id, villageId: g.village_id, name: g.name, code: g.code, sort: g.sort, householdCount: g.household_count };
}
