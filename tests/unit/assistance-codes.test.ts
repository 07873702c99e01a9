import { describe, expect, it } from 'vitest';
import * as assistance from '../../src/shared/domain/assistance.codes';
import { codeFromText, type CodeTable } from '../../src/shared/domain/code-table';
import { addDays, addMonths, daysBetween, localDateText } from '../../src/main/core/assistance/dates';

const tables = Object.values(assistance).filter((v): v is CodeTable => typeof v === 'object' && v !== null && 'entries' in v && 'id' in v);

describe('assistance code tables', () => {
  it('have unique codes and Chinese labels', () => {
    expect(tables.map((t) => t.id).sort()).toEqual([
      'cadreAffiliation', 'cadreRole', 'fundSource', 'measureCategory', 'pairingEndReason', 'subsidyCategory', 'visitPurpose', 'visitRiskFlag', 'visitType',
    ]);
    for (const table of tables) {
      const codes = table.entries.map((e) => e.code);
      expect(new Set(codes).size, table.id).toBe(codes.length);
      for (const e of table.entries) expect(e.label, `${table.id}.${e.code}`).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('cover the 2014–2020 handbook and the 2021+ monitoring groups, each marked with its era', () => {
    const byEra = (era: string) => assistance.measureCategory.entries.filter((e) => e.era === era).map((e) => e.label);
    expect(byEra('legacy')).toEqual(expect.arrayContaining(['产业扶贫', '教育扶持', '医疗扶持', '危房改造', '劳动力转移', '惠农补贴', '库区移民', '养老保险', '低保金', '生态补偿', '社会捐赠']));
    expect(byEra('monitoring')).toEqual(expect.arrayContaining([
      '产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶', '健康帮扶', '教育帮扶', '义务教育保障', '住房安全保障', '饮水安全保障', '综合保障', '社会帮扶', '搬迁', '生产生活条件改善', '基础设施建设',
    ]));
    for (const e of assistance.measureCategory.entries) expect(e.code.startsWith(e.era === 'legacy' ? 'L_' : e.era === 'monitoring' ? 'M_' : 'OTHER'), e.code).toBe(true);
  });

  it('mark exactly industry, employment, finance and public-welfare jobs as developmental (开发式)', () => {
    const developmental = assistance.measureCategory.entries.filter((e) => e.developmental).map((e) => e.label);
    expect(developmental).toEqual(['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶']);
    expect(assistance.isDevelopmentalMeasure('M_FINANCE')).toBe(true);
    expect(assistance.isDevelopmentalMeasure('M_SAFETY_NET')).toBe(false);
    expect(assistance.isDevelopmentalMeasure('L_INDUSTRY')).toBe(false);
  });

  it('place each subsidy in the income form, one-off aid outside stable income', () => {
    const income = (code: string) => assistance.subsidyCategory.entries.find((e) => e.code === code)?.income;
    expect(['DIBAO', 'TEKUN', 'PENSION', 'ECOLOGICAL'].map(income)).toEqual(['transfer', 'transfer', 'transfer', 'transfer']);
    expect(income('PUBLIC_JOB_WAGE')).toBe('wage');
    expect(['INDUSTRY_AWARD', 'EDUCATION', 'MEDICAL', 'HOUSING', 'TEMPORARY_RELIEF'].map(income)).toEqual(Array(5).fill('excluded'));
  });

  it('read the wording real exports and handbooks use', () => {
    expect(codeFromText(assistance.measureCategory, '公益性岗位帮扶')).toBe('M_PUBLIC_JOB');
    expect(codeFromText(assistance.measureCategory, '健康扶贫')).toBe('L_MEDICAL');
    expect(codeFromText(assistance.subsidyCategory, '五保金')).toBe('TEKUN');
    expect(codeFromText(assistance.fundSource, '社会募捐')).toBe('DONATION');
    expect(codeFromText(assistance.cadreAffiliation, '县直')).toBe('04');
    expect(codeFromText(assistance.cadreRole, '第一书记')).toBe('FIRST_SECRETARY');
  });
});

describe('calendar arithmetic for cadences', () => {
  it('moves by months and clamps to the month end', () => {
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', -3)).toBe('2024-10-15');
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(daysBetween('2025-03-01', '2025-03-15')).toBe(14);
  });

  it('takes today from the local calendar', () => {
    expect(localDateText(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
  });
});
