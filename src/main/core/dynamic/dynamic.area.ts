import type { Area } from '../area';
import type { AreaDeps } from '../area';
import type { DYNAMIC_METHODS } from '../../../shared/api/dynamic.methods';
import type { HouseholdDetail } from '../../../shared/domain/registry.types';
import { LedgerError } from '../../../shared/result';
import type { HouseholdsRepo } from '../registry/households.repo';
import { createGuaranteesService } from './guarantees.service';
import { createIncomeService, createPovertyLines } from './income.service';
import { createMembersService } from './members.service';
import { createStatusRepo } from './status.repo';
import { createStatusService } from './status.service';
import { seedDynamic } from './dynamic.seed';

export type DynamicMethod = (typeof DYNAMIC_METHODS)[number];

/** 动态管理: status over time, member changes, income against the line, the three guarantees. */
export function createDynamicArea(deps: AreaDeps, households: HouseholdsRepo) {
  const liveHousehold = (id: number): HouseholdDetail => {
    const h = households.get(id);
    if (!h) throw new LedgerError('NOT_FOUND', `没有编号为 ${id} 的农户档案`);
    if (h.deletedAt) throw new LedgerError('CONFLICT', '该档案已删除，请先在回收站中恢复');
    return h;
  };
  const statusRepo = createStatusRepo(deps.db);
  const status = createStatusService(deps, statusRepo, liveHousehold);
  const members = createMembersService(deps, households);
  const lines = createPovertyLines(deps);
  const income = createIncomeService(deps, lines, liveHousehold, members.familySizeAt);
  const guarantees = createGuaranteesService(deps, liveHousehold, income);

  const area: Area<DynamicMethod> = {
    handlers: {
      'status:history': ({ householdId }) => status.history(householdId),
      'status:change': (input) => status.change(input),
      'status:revoke': (input) => status.revoke(input),
      'status:asOf': (input) => status.asOf(input),
      'status:householdAsOf': (input) => status.householdAsOf(input),
      'member:leave': (input) => members.leave(input),
      'member:join': (input) => members.join(input),
      'member:former': ({ householdId }) => members.former(householdId),
      'income:list': ({ householdId }) => {
        liveHousehold(householdId);
        return income.list(householdId);
      },
      'income:save': (input) => income.save(input),
      'povertyLine:list': () => lines.list(),
      'povertyLine:save': (input) => lines.save(input),
      'povertyLine:delete': (input) => lines.remove(input),
      'guarantee:get': (input) => guarantees.get(input),
      'guarantee:save': (input) => guarantees.save(input),
      'household:history': ({ householdId }) => {
        liveHousehold(householdId);
        return deps.audit.ofHousehold(householdId);
      },
    },
    seed: (rng, seeded, today) => seedDynamic(deps.db, statusRepo, rng, seeded, today),
  };
  return { area, status };
}
