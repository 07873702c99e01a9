import type { AssistanceMethod } from '../../../shared/api/assistance.methods';
import type { Area, AreaDeps } from '../area';
import { seedAssistance } from './assistance.seed';
import { createCadresRepo } from './cadres.repo';
import { createCadresService } from './cadres.service';
import { createLiveHouseholds } from './live-households';
import { createPairingsRepo } from './pairings.repo';
import { createMeasuresRepo, createSubsidiesRepo } from './records.repo';
import { createRecordsService } from './records.service';
import { createVisitsRepo } from './visits.repo';
import { createVisitsService } from './visits.service';

/** 帮扶: cadres and their pairings with households, measures, subsidies received, visits and their coverage. */
export function createAssistanceArea(deps: AreaDeps): Area<AssistanceMethod> {
  const cadresRepo = createCadresRepo(deps.db);
  const pairingsRepo = createPairingsRepo(deps.db);
  const measuresRepo = createMeasuresRepo(deps.db);
  const subsidiesRepo = createSubsidiesRepo(deps.db);
  const visitsRepo = createVisitsRepo(deps.db);
  const households = createLiveHouseholds(deps.db);
  const cadres = createCadresService(deps, cadresRepo, pairingsRepo, households);
  const records = createRecordsService(deps, households, measuresRepo, subsidiesRepo);
  const visits = createVisitsService(deps, households, cadres, pairingsRepo, visitsRepo);

  return {
    handlers: {
      'cadre:list': (input) => cadres.list(input),
      'cadre:get': ({ id }) => cadres.get(id),
      'cadre:save': (input) => cadres.save(input),
      'cadre:delete': (input) => cadres.remove(input),
      'pairing:assign': (input) => cadres.assign(input),
      'pairing:end': (input) => cadres.end(input),
      'pairing:history': (input) => cadres.history(input),
      'household:unpaired': (input) => cadres.unpaired(input),
      'measure:list': (input) => records.listMeasures(input),
      'measure:save': (input) => records.saveMeasure(input),
      'measure:revoke': (input) => records.revokeMeasure(input),
      'subsidy:list': (input) => records.listSubsidies(input),
      'subsidy:save': (input) => records.saveSubsidy(input),
      'subsidy:revoke': (input) => records.revokeSubsidy(input),
      'visit:list': (input) => visits.list(input),
      'visit:save': (input) => visits.save(input),
      'visit:due': (input) => visits.due(input),
      'visitCadence:get': () => visits.getCadence(),
      'visitCadence:update': (input) => visits.updateCadence(input),
    },
    seed: (rng, households, today) =>
      seedAssistance(
        {
          places: deps.places,
          cadres: cadresRepo,
          pairings: pairingsRepo,
          measures: measuresRepo,
          subsidies: subsidiesRepo,
          visits: visitsRepo,
          cadence: visits.getCadence(),
          monitoringSince: new Map(
            (deps.db.prepare(
              `SELECT household_id, max(month) FROM status_events WHERE kind = 'START_MONITORING' AND revoked_at IS NULL GROUP BY household_id`,
            ).raw().all() as [number, number][]).map(([id, month]) => [id, `${String(month).slice(0, 4)}-${String(month).slice(4)}-01`]),
          ),
        },
        rng,
        households,
        today,
      ),
  };
}
