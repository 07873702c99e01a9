import type { AreaHandlers } from '../../../shared/api';
import type { CadreMethod } from '../../../shared/api/cadre.methods';
import { RATING_METHOD_OF_VISIT } from '../../../shared/domain/cadre-assessment.codes';
import type { CadreBulletinData } from '../../../shared/domain/cadre-assessment.types';
import type { VisitRow } from '../../../shared/domain/assistance.types';
import type { ReportFile } from '../../../shared/domain/report.types';
import { monthLabel } from '../../../shared/reports/monthly-report';
import type { VisitCadence } from '../../../shared/schemas/assistance.schema';
import type { ApiParsed } from '../../../shared/api';
import { LedgerError } from '../../../shared/result';
import type { Area, AreaDeps } from '../area';
import { seedAccountability } from './accountability.seed';
import { createAssessmentService } from './assessment.service';
import { createCadreListService } from './cadre-list.service';
import { createRatingsService } from './ratings.service';

export interface BulletinWriters {
  xlsx(data: CadreBulletinData): Promise<Buffer>;
  pdf(data: CadreBulletinData): Promise<Buffer>;
}

export interface AccountabilityNeeds {
  cadence: () => VisitCadence;
  /** The assistance area's visit save, which a rating taken at the visit joins in one transaction. */
  saveVisit: (input: ApiParsed<'visit:save'>) => VisitRow;
  writers: BulletinWriters;
}

/** 干部考核: households rate their cadre, the cadre's month, the ranking and the cadres' red/black list. */
export function createAccountabilityArea(deps: AreaDeps, needs: AccountabilityNeeds): Area<CadreMethod> & { saveVisit: AccountabilityNeeds['saveVisit'] } {
  const ratings = createRatingsService(deps);
  const assessment = createAssessmentService(deps, needs.cadence, ratings);
  const lists = createCadreListService(deps, assessment);
  const currentCadre = deps.db.prepare<[number]>('SELECT cadre_id FROM pairings WHERE household_id = ? AND end_date IS NULL').pluck();

  async function bulletin(month: string, format: 'xlsx' | 'pdf'): Promise<ReportFile> {
    const township = deps.places.getSettings();
    if (!township) throw new LedgerError('VALIDATION', '请先在“设置”中填写乡（镇）名称');
    const data = lists.bulletin(month, township.townshipName);
    const content = format === 'xlsx' ? await needs.writers.xlsx(data) : await needs.writers.pdf(data);
    return { fileName: `${township.townshipName}${monthLabel(month)}帮扶干部红黑榜通报.${format}`, contentBase64: content.toString('base64') };
  }

  return {
    /** A visit with the household's rating of its current cadre: both or neither. */
    saveVisit: deps.db.transaction((input: ApiParsed<'visit:save'>): VisitRow => {
      const visit = needs.saveVisit(input);
      if (input.rating) {
        const cadreId = currentCadre.get(input.householdId) as number | undefined;
        if (cadreId === undefined) {
          throw new LedgerError('CONFLICT', `户主 ${visit.headName} 目前没有结对帮扶责任人，不能登记满意度评价；可先只登记走访`, { issues: [{ path: 'rating', message: '该户没有结对帮扶责任人' }] });
        }
        ratings.insert({
          ...input.rating, householdId: input.householdId, cadreId, ratedOn: input.date, visitId: visit.id,
          method: RATING_METHOD_OF_VISIT[input.type] ?? 'IN_PERSON', recordedBy: visit.cadreName,
        });
      }
      return visit;
    }),
    handlers: {
      'rating:record': (input) => ratings.record(input),
      'rating:list': (input) => ratings.list(input),
      'attendance:save': (input) => assessment.saveAttendance(input),
      'cadre:month': ({ cadreId, month }) => assessment.month(cadreId, month),
      'cadre:ranking': ({ month, villageId }) => assessment.ranking(month, villageId),
      'cadreAssessment:get': () => assessment.settings(),
      'cadreAssessment:update': (input) => assessment.updateSettings(input),
      'cadreList:get': ({ month }) => lists.get(month),
      'cadreList:draft': (input) => lists.draft(input),
      'cadreList:adjust': (input) => lists.adjust(input),
      'cadreList:advance': (input) => lists.advance(input),
      'cadreList:objection': (input) => lists.objection(input),
      'cadreList:resolveObjection': (input) => lists.resolveObjection(input),
      'cadreList:bulletin': ({ month, format }) => bulletin(month, format),
    },
    seed: (rng, households, today) => seedAccountability(deps, rng, households, today),
  };
}
