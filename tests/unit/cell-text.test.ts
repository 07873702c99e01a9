import { describe, expect, it } from 'vitest';
import { neutraliseFormula, restoreNeutralised } from '../../src/main/core/io/cell-text';

describe('formula neutralisation of export cells', () => {
  it('puts one apostrophe before text that a spreadsheet would read as a formula', () => {
    expect(neutraliseFormula('=1+1')).toBe("'=1+1");
    expect(neutraliseFormula('+86 村口')).toBe("'+86 村口");
    expect(neutraliseFormula('-A1')).toBe("'-A1");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=cmd')).toBe("'\t=cmd");
    expect(neutraliseFormula('\r=cmd')).toBe("'\r=cmd");
  });

  it('leaves ordinary text and plain numbers (a negative income) alone', () => {
    for (const text of ['张三', '110101198001019998', '13800138000', '-1200.50', '+3', '-', "'张三", 'a=b', '']) {
      expect(neutraliseFormula(text), text).toBe(text === '-' ? "'-" : text);
    }
  });

  it('is undone exactly by restoreNeutralised, for every text, apostrophes included', () => {
    const texts = ['=1+1', "'=1+1", "''=1+1", '-5', "'-5", '-A1', "'abc", "'", '张三', '@', '+', '=', "'+1", '-1200.50', '\t', ''];
    for (const text of texts) expect(restoreNeutralised(neutraliseFormula(text)), JSON.stringify(text)).toBe(text);
    // An apostrophe the clerk typed before ordinary text is theirs: it stays.
    expect(restoreNeutralised("'张三")).toBe("'张三");
  });
});
