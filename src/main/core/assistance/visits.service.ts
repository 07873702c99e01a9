import type { ApiParsed } from '../../../shared/api';
import { visitType } from '../../../shared/domain/assistance.codes';
import type { VisitDuePage, VisitRow } from '../../../shared/domain/assistance.types';
import { labelOf } from '../../../shared/domain/code-table';
import { DEFAULT_VISIT_CADENCE, visitCadenceInput, type VisitCadence } from '../../../shared/schemas/assistance.schema';
import type { AreaDeps } from '../area';
import { createSettingsRows } from '../settings-rows';
import type { CadresService } from './cadres.service';
import type { LiveHouseholds } from './live-households';
import { addMonths, localDateText } from './dates';
import { fieldError } from './errors';
import type { PairingsRepo } from './pairings.repo';
import type { VisitsRepo } from './visits.repo';

/** The settings row holding the visit cadence (the township settings live under 'township'). */
export const VISIT_CADENCE_KEY = 'visitCadence';

/** Visits to households, the cadence they should follow, and who is due one. */
export function createVisitsService({ db, audit, now }: AreaDeps, households: LiveHouseholds, cadres: CadresService, pairings: PairingsRepo, visits: VisitsRepo) {
  const settingsRows = createSettingsRows(db);
  const storedCadence = (): VisitCadence | null => settingsRows.parsed(VISIT_CADENCE_KEY, visitCadenceInput);
  const cadence = (): VisitCadence => storedCadence() ?? DEFAULT_VISIT_CADENCE;

  const describeCadence = (c: VisitCadence) => `监测对象每 ${c.monitoredMonths} 个月走访一次，其他农户每 ${c.otherMonths} 个月走访一次`;

  return {
    list: (q: ApiParsed<'visit:list'>) => visits.list(q),

    save: db.transaction((input: ApiParsed<'visit:save'>): VisitRow => {
      const today = localDateText(now());
      if (input.date > today) throw fieldError('VALIDATION', 'date', `走访日期 ${input.date} 晚于今天（${today}），不能登记尚未发生的走访`);
      const h = households.get(input.householdId);
      const cadre = cadres.liveCadre(input.cadreId);
      // Any live cadre may visit (a work-team member, a stand-in); the ledger notes whether it was the household's own.
      const byPairedCadre = pairings.pairedOn(h.id, cadre.id, input.date);
      const row = visits.get(visits.insert(input, byPairedCadre, now().toISOString()))!;
      audit.record({
        action: 'create', entity: 'visit', entityId: row.id, householdId: h.id,
        summary: `登记走访：户编号 ${h.householdNo}（户主 ${h.headName}），${cadre.name} ${input.date} ${labelOf(visitType, input.type)}${byPairedCadre ? '' : '（非该户结对帮扶责任人）'}`,
        after: row,
      });
      return row;
    }),

    due(q: ApiParsed<'visit:due'>): VisitDuePage {
      const asOf = q.asOf ?? localDateText(now());
      const c = cadence();
      const page = visits.due(
        {
          asOf,
          monitoredCutoff: addMonths(asOf, -c.monitoredMonths),
          otherCutoff: addMonths(asOf, -c.otherMonths),
          villageId: q.villageId,
          cadreId: q.cadreId,
          page: q.page,
          pageSize: q.pageSize,
        },
        (monitored) => (monitored ? c.monitoredMonths : c.otherMonths),
      );
      return { ...page, asOf, cadence: c };
    },

    getCadence: cadence,
    updateCadence: db.transaction((input: ApiParsed<'visitCadence:update'>): VisitCadence => {
      const before = storedCadence();
      settingsRows.put(VISIT_CADENCE_KEY, JSON.stringify(input));
      audit.record({
        action: before ? 'update' : 'create', entity: 'settings', entityId: null,
        summary: `走访周期：${describeCadence(input)}`,
        before: before ?? DEFAULT_VISIT_CADENCE, after: input,
      });
      return input;
    }),
  };
}
