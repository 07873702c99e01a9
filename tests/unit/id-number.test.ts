import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, checkDocumentNumber, checkIdNumber } from '../../src/shared/rules/id-number';

const today = new Date(2026, 10, 22);

describe('GB 11643 ID check', () => {
  it('accepts the standard’s own examples and derives birth date and sex', () => {
    const a = checkIdNumber('11010519491231002X', today);
    expect(a).toMatchObject({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: '2' });
    const b = checkIdNumber('440524188001010014', today);
    expect(b).toMatchObject({ ok: true, birthDate: '1880-01-01', sex: '1' });
  });

  it('normalises lower-case x, spaces and full-width digits', () => {
    expect(checkIdNumber(' 11010519491231002x ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
    expect(checkIdNumber('１１０１０５１９４９１２３１００２Ｘ', today)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it('rejects every single-digit mutation of a valid number by its check character', () => {
    const valid = '110101198001019998';
    let rejected = 0;
    for (let i = 0; i < 17; i++) {
      for (const d of '0123456789') {
        if (d === valid[i]) continue;
        const mutated = valid.slice(0, i) + d + valid.slice(i + 1);
        if (!checkIdNumber(mutated, today).ok) rejected++;
      }
    }
    expect(rejected).toBe(17 * 9);
  });

  it('names the expected check character', () => {
    const r = checkIdNumber('110101198001019997', today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('应为“8”');
  });

  it('rejects impossible birth dates, future dates and wrong lengths with Chinese reasons', () => {
    const bad = (id: string) => {
      const r = checkIdNumber(id, today);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.message;
    };
    const feb30 = '11010119800230' + '001';
    expect(bad(feb30 + checkCharacter(feb30))).toContain('不是有效日期');
    const future = '11010120300101' + '001';
    expect(bad(future + checkCharacter(future))).toContain('不在 1850 年至今天之间');
    expect(bad('1101011980010199')).toContain('应为 18 位');
    expect(bad('9999991980010199' + '98')).toContain('999999');
    expect(bad('00010119800101999' + '8')).toContain('省级行政区划代码');
    expect(bad('4.40524188001E+17')).toContain('科学计数法');
    expect(bad('')).toBe('不能为空');
  });

  it('upgrades a 15-digit number to 18 digits', () => {
    const r = checkIdNumber('110105491231002', today);
    expect(r).toMatchObject({ ok: true, value: '11010519491231002X', upgradedFrom15: true, sex: '2' });
  });

  it('checks a disability certificate number on its first 18 characters', () => {
    expect(checkDocumentNumber('11010519491231002X41', '2', today)).toMatchObject({ ok: true, value: '11010519491231002X41' });
    const r = checkDocumentNumber('11010519491231002341', '2', today);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('残疾人证号的前 18 位');
    expect(checkDocumentNumber('11010519491231002X41', '1', today).ok).toBe(false);
  });

  it('computes age on a date', () => {
    expect(ageOn('1980-01-01', '2026-11-22')).toBe(46);
    expect(ageOn('1980-12-01', '2026-11-22')).toBe(45);
  });
});
