import type { ApiParsed } from '../../../shared/api';
import { fundSource, measureCategory, subsidyCategory } from '../../../shared/domain/assistance.codes';
import type { MeasureRow, SubsidyRow } from '../../../shared/domain/assistance.types';
import { labelOf } from '../../../shared/domain/code-table';
import { LedgerError } from '../../../shared/result';
import { formatYuan } from '../../../shared/rules/money';
import type { AreaDeps } from '../area';
import type { LiveHouseholds } from './live-households';
import { localDateText } from './dates';
import { fieldError } from './errors';
import type { MeasuresRepo, SubsidiesRepo } from './records.repo';

/** Measures delivered and money received: added, or revoked with a reason; never edited or deleted. */
export function createRecordsService({ db, audit, now }: AreaDeps, households: LiveHouseholds, measures: MeasuresRepo, subsidies: SubsidiesRepo) {
  function notInFuture(date: string, what: string): void {
    const today = localDateText(now());
    if (date > today) throw fieldError('VALIDATION', 'date', `${what} ${date} 晚于今天（${today}），请在发生后再登记`);
  }

  /** Marks a row revoked, keeping it; shared by both kinds of record. */
  function revokeRow<R extends { id: number; householdId: number; householdNo: string; headName: string; revokedAt: string | null }>(
    repo: { get(id: number): R | undefined; revoke(id: number, reason: string, at: string): void },
    entity: 'measure' | 'subsidy',
    what: string,
    describe: (r: R) => string,
    { id, reason }: ApiParsed<'measure:revoke'>,
  ): R {
    const before = repo.get(id);
    if (!before) throw fieldError('NOT_FOUND', 'id', `没有编号为 ${id} 的${what}记录`);
    if (before.revokedAt) throw new LedgerError('CONFLICT', `该${what}记录已经撤销，不能重复撤销`);
    repo.revoke(id, reason, now().toISOString());
    const after = repo.get(id)!;
    audit.record({
      action: 'revoke', entity, entityId: id, householdId: before.householdId,
      summary: `撤销${what}：户编号 ${before.householdNo}（户主 ${before.headName}）${describe(before)}；原因：${reason}`,
      before, after,
    });
    return after;
  }

  const describeMeasure = (m: MeasureRow) =>
    `${m.date} ${labelOf(measureCategory, m.category)}·${m.item}${m.amountFen === null ? '' : `，${formatYuan(m.amountFen)}`}`;
  const describeSubsidy = (s: SubsidyRow) =>
    `${s.date} ${labelOf(subsidyCategory, s.category)} ${formatYuan(s.amountFen)}（${labelOf(fundSource, s.source)}）`;

  return {
    listMeasures: (q: ApiParsed<'measure:list'>) => measures.list(q),
    saveMeasure: db.transaction((input: ApiParsed<'measure:save'>): MeasureRow => {
      notInFuture(input.date, '帮扶日期');
      const h = households.get(input.householdId);
      const row = measures.get(measures.insert(input, now().toISOString()))!;
      audit.record({
        action: 'create', entity: 'measure', entityId: row.id, householdId: h.id,
        summary: `登记帮扶措施：户编号 ${h.householdNo}（户主 ${h.headName}）${describeMeasure(row)}`,
        after: row,
      });
      return row;
    }),
    revokeMeasure: db.transaction((input: ApiParsed<'measure:revoke'>) => revokeRow(measures, 'measure', '帮扶措施', describeMeasure, input)),

    listSubsidies: (q: ApiParsed<'subsidy:list'>) => subsidies.list(q),
    saveSubsidy: db.transaction((input: ApiParsed<'subsidy:save'>): SubsidyRow => {
      notInFuture(input.date, '发放日期');
      const h = households.get(input.householdId);
      const row = subsidies.get(subsidies.insert(input, now().toISOString()))!;
      audit.record({
        action: 'create', entity: 'subsidy', entityId: row.id, householdId: h.id,
        summary: `登记补贴资金：户编号 ${h.householdNo}（户主 ${h.headName}）${describeSubsidy(row)}`,
        after: row,
      });
      return row;
    }),
    revokeSubsidy: db.transaction((input: ApiParsed<'subsidy:revoke'>) => revokeRow(subsidies, 'subsidy', '补贴资金', describeSubsidy, input)),
  };
}
