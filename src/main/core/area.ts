import type { ApiMethod, AreaHandlers } from '../../shared/api';
import type { AuditRepo } from './audit/audit.repo';
import type { Db } from './db/connection';
import type { PlacesService } from './registry/places.service';
import type { Rng } from './seed-random';

/** What every area of the core is built from. */
export interface AreaDeps {
  db: Db;
  audit: AuditRepo;
  places: PlacesService;
  now: () => Date;
}

/** A household as the seeder hands it to an area, after the registry part is written. */
export interface SeededHousehold {
  id: number;
  villageId: number;
  /** An active monitoring object (visited monthly rather than quarterly). */
  monitored: boolean;
  status: string;
  memberCount: number;
  monitoringCategory: string | null;
  riskState: string | null;
  identifiedYear: number | null;
  liftedYear: number | null;
}

/** One area of the core: its contract methods, and what it adds to a synthetic township. */
export interface Area<M extends ApiMethod> {
  handlers: AreaHandlers<M>;
  /** Called once inside the seed's transaction, after all households exist. */
  seed?(rng: Rng, households: readonly SeededHousehold[], today: Date): Record<string, number>;
}
