import type { QualityRule } from '../rule';
import { identityRules } from './identity';
import { incomeRules } from './income';
import { monitoringRules } from './monitoring';
import { peopleRules } from './people';
import { structureRules } from './structure';
import { welfareRules } from './welfare';

/** Every rule, in the order the findings page and the workbook list them. */
export const QUALITY_RULES: readonly QualityRule[] = [...identityRules, ...structureRules, ...peopleRules, ...welfareRules, ...incomeRules, ...monitoringRules]
  .sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
