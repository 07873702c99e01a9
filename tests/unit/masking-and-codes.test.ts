import { describe, expect, it } from 'vitest';
import { codeFromText, codeTables, householdStatus, labelOf, relationship } from '../../src/shared/domain';
import { maskBankAccount, maskIdNumber, maskPhone } from '../../src/shared/rules/masking';

describe('masking for public print', () => {
  it('keeps only what domain.md §11 allows', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskBankAccount('6228480012345678')).toBe('************5678');
  });
});

describe('code tables', () => {
  it('have unique codes and non-empty Chinese labels', () => {
    expect(Object.keys(codeTables).length).toBeGreaterThanOrEqual(15);
    for (const table of Object.values(codeTables)) {
      const codes = table.entries.map((e) => e.code);
      expect(new Set(codes).size, table.id).toBe(codes.length);
      for (const e of table.entries) expect(e.label, `${table.id}.${e.code}`).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('cover both eras of household status', () => {
    const eras = new Set(householdStatus.entries.map((e) => e.era));
    expect(eras).toEqual(new Set(['legacy', 'monitoring']));
    expect(labelOf(householdStatus, 'LIFTED_HOUSEHOLD')).toBe('脱贫户');
    expect(labelOf(householdStatus, 'NOT_LIFTED')).toBe('未脱贫');
  });

  it('read labels, aliases and codes as exports write them', () => {
    expect(codeFromText(relationship, '本人或户主')).toBe('01');
    expect(codeFromText(relationship, ' 之 女 ')).toBe('04');
    expect(codeFromText(relationship, '04')).toBe('04');
    expect(codeFromText(householdStatus, '已脱贫（享受政策）')).toBe('LIFTED_POLICY');
    expect(codeFromText(householdStatus, '贫困户')).toBe('NOT_LIFTED');
    expect(codeFromText(householdStatus, '已脱贫(享受政策)')).toBe('LIFTED_POLICY');
    expect(codeFromText(codeTables.ethnicity!, '苗族')).toBe('06');
    expect(codeFromText(codeTables.povertyCause!, '缺劳动力')).toBe('08');
    expect(codeFromText(relationship, '邻居')).toBeUndefined();
  });

  it('know which relationships imply which sex', () => {
    const implies = (label: string) => relationship.entries.find((e) => e.label === label)?.impliesSex;
    expect(implies('之儿媳')).toBe('2');
    expect(implies('之女婿')).toBe('1');
    expect(implies('配偶')).toBeUndefined();
  });
});
