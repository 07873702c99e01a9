/**
 * The checks as the clerk meets them: runs and their counts, "checked, correct" marks that stay
 * quiet until the data changes, the month close that asks first, the run after every import, the
 * workbook, and a seeded township with no errors.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../src/main/core';
import type { ImportResult } from '../../src/shared/domain/import.types';
import type { ReportFile } from '../../src/shared/domain/report.types';
import type { Result } from '../../src/shared/result';
import { idFor, sampleHousehold, tempLedger } from '../support/temp-ledger';

const NOW = new Date('2026-11-15T04:00:00Z');
let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

function setUp() {
  t = tempLedger({ now: () => NOW });
  t.must('settings:update', { townshipName: '青山镇', operatorName: '李文书' });
  return t.must('village:save', { name: '石桥村' }).id;
}
const sql = (text: string, ...params: unknown[]) => t.ledger.db.prepare(text).run(...params);

/** sampleHousehold with what the checks need to find nothing wrong at error level. */
function completeHousehold(villageId: number) {
  const insured = { residentMedicalInsurance: true, seriousIllnessInsurance: true, labour: '01', education: '03', inSchool: '01' };
  const base = sampleHousehold(villageId);
  return { ...base, identifiedYear: 2015, liftedYear: 2019, members: base.members.map((m) => ({ ...m, ...insured })) };
}

describe('quality runs and marks', () => {
  it('keeps each run with its counts, and a mark stays quiet until what the rule saw changes', () => {
    const villageId = setUp();
    const h = t.must('household:save', sampleHousehold(villageId));
    expect(t.must('quality:summary', {}).run).toBeNull();
    sql('UPDATE households SET member_count = 5 WHERE id = ?', h.id);

    const first = t.must('quality:run', {});
    expect(first.run).toMatchObject({ trigger: 'manual', operator: '李文书', households: 1, acknowledged: 0 });
    expect(first.counts.find((c) => c.ruleId === 'B09')).toEqual({ ruleId: 'B09', open: 1, acknowledged: 0 });
    const finding = t.must('quality:findings', { ruleId: 'B09' }).rows[0]!;
    expect(finding).toMatchObject({ householdId: h.id, householdNo: h.householdNo, villageName: '石桥村', headName: '张三', memberId: null, idNumber: null });
    expect(finding.message).toBe('家庭人口数为 5，在册成员 3 人');

    const refused = t.call('quality:acknowledge', { findingId: finding.id, note: '  ' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toContain('核实说明');
    expect(t.call('quality:acknowledge', { findingId: 999_999, note: '核实无误' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const marked = t.must('quality:acknowledge', { findingId: finding.id, note: '户口簿上另有 2 人在外地读书，已核实' });
    expect(marked.acknowledgement).toMatchObject({ note: '户口簿上另有 2 人在外地读书，已核实', by: '李文书' });
    expect(t.must('quality:summary', {}).run).toMatchObject({ errors: first.run!.errors - 1, acknowledged: 1 });
    expect(t.must('quality:findings', { ruleId: 'B09' }).total).toBe(0);
    expect(t.must('quality:findings', { ruleId: 'B09', includeAcknowledged: true }).total).toBe(1);
    expect(t.call('quality:acknowledge', { findingId: finding.id, note: '再标一次' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Another run over the same data: still quiet.
    const second = t.must('quality:run', {});
    expect(second.counts.find((c) => c.ruleId === 'B09')).toEqual({ ruleId: 'B09', open: 0, acknowledged: 1 });

    // The data changes: the mark vouched for 5, not 6, so the finding speaks again.
    sql('UPDATE households SET member_count = 6 WHERE id = ?', h.id);
    const third = t.must('quality:run', {});
    expect(third.counts.find((c) => c.ruleId === 'B09')).toEqual({ ruleId: 'B09', open: 1, acknowledged: 0 });

    // Marked again and then withdrawn: open once more, and both steps are in the household's history.
    const again = t.must('quality:findings', { ruleId: 'B09' }).rows[0]!;
    const ack = t.must('quality:acknowledge', { findingId: again.id, note: '已核实' }).acknowledgement!;
    t.must('quality:unacknowledge', { acknowledgementId: ack.id });
    expect(t.must('quality:findings', { ruleId: 'B09' }).total).toBe(1);
    expect(t.call('quality:unacknowledge', { acknowledgementId: ack.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const history = t.must('household:history', { householdId: h.id }) as unknown as { summary: string }[] | { entries: { summary: string }[] };
    const summaries = JSON.stringify(history);
    expect(summaries).toContain('标记为已核实无误');
    expect(summaries).toContain('撤销疑点 B09 的核实标记');
  });

  it('re-checks one household after an edit, leaving the rest of the run as it was', () => {
    const villageId = setUp();
    const a = t.must('household:save', completeHousehold(villageId));
    const b = t.must('household:save', {
      ...completeHousehold(villageId),
      members: completeHousehold(villageId).members.map((m, i) => ({ ...m, name: `${m.name}乙`, idNumber: idFor('110102', ['19800101', '19820315', '20080611'][i]!, 21 + i) })),
    });
    sql('UPDATE households SET member_count = 9 WHERE id IN (?, ?)', a.id, b.id);
    sql("UPDATE households SET bank_account = '6228480000000000001' WHERE id IN (?, ?)", a.id, b.id);
    t.must('quality:run', {});
    const rulesOf = (id: number) => t.must('quality:findings', { householdId: id, severity: 'error' }).rows.map((f) => f.ruleId).sort();
    expect(rulesOf(a.id)).toEqual(['B09', 'X07']);

    sql('UPDATE households SET member_count = 3 WHERE id = ?', a.id);
    const s = t.must('quality:run', { householdId: a.id });
    // B09 is gone for the household re-checked; the shared card (X07) waits for the next full run.
    expect(rulesOf(a.id)).toEqual(['X07']);
    expect(rulesOf(b.id)).toEqual(['B09', 'X07']);
    expect(s.run).toMatchObject({ trigger: 'manual', errors: 3 });
    expect(s.counts.find((c) => c.ruleId === 'B09')).toMatchObject({ open: 1 });
    expect(t.ledger.db.prepare('SELECT count(*) FROM quality_runs').pluck().get()).toBe(1);

    expect(t.call('quality:run', { householdId: 99_999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a bad rule id or page size in Chinese', () => {
    setUp();
    const r = t.call('quality:findings', { ruleId: 'b9' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('规则编号');
  });
});

describe('closing a month over open errors', () => {
  it('asks first, then closes and records the confirmation', () => {
    const villageId = setUp();
    const h = t.must('household:save', completeHousehold(villageId));
    sql("UPDATE members SET relationship = '03' WHERE household_id = ? AND relationship = '01'", h.id);

    const refused = t.call('month:close', { month: '2026-10' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('CONFLICT');
    expect(refused.error.details).toMatchObject({ qualityErrors: 1 });
    expect(refused.error.message).toContain('1 条错误疑点');
    expect(t.must('month:list', {})).toEqual([]);
    expect(t.must('quality:summary', {}).run).toMatchObject({ trigger: 'month-close', errors: 1 });

    const closed = t.must('month:close', { month: '2026-10', confirm: true });
    expect(closed.confirmedNote).toBe('确认结账：尚有 1 条错误疑点未处理');
    expect(t.must('month:list', {})[0]).toMatchObject({ month: '2026-10', confirmedNote: '确认结账：尚有 1 条错误疑点未处理' });
  });

  it('closes at once when no error is open, and refuses a closed month before running the checks', () => {
    const villageId = setUp();
    t.must('household:save', completeHousehold(villageId));
    const closed = t.must('month:close', { month: '2026-10' });
    expect(closed.confirmedNote).toBeNull();
    const runs = t.ledger.db.prepare('SELECT count(*) FROM quality_runs').pluck().get();
    expect(t.call('month:close', { month: '2026-10', confirm: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(t.ledger.db.prepare('SELECT count(*) FROM quality_runs').pluck().get()).toBe(runs);
  });
});

describe('after an import', () => {
  it('runs the checks and reports them with the result', async () => {
    setUp();
    const header = ['户编号', '行政村', '姓名', '与户主关系', '证件号码', '户状态', '贫困户属性', '主要致贫原因'];
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('Sheet1');
    s.addRow(header);
    s.addRow(['5201020010001', '石桥村', '王大山', '户主', idFor('520102', '19700101', 11), '脱贫户', '一般脱贫户', '缺技术']);
    s.addRow(['5201020010001', '石桥村', '刘小芳', '配偶', idFor('520102', '19720202', 12), '脱贫户', '一般脱贫户', '缺技术']);
    const contentBase64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = (await dispatchAsync(t.ledger, 'import:commit', { fileName: '花名册.xlsx', contentBase64 })) as Result<ImportResult>;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.created).toBe(1);
    expect(r.data.quality).toMatchObject({ trigger: 'import', households: 1 });
    // The roster had no labour, income or survey columns: the checks say so.
    const labourMissing = t.must('quality:findings', { ruleId: 'E04' });
    expect(labourMissing.rows.map((f) => f.memberName).sort()).toEqual(['刘小芳', '王大山']);
    expect(r.data.quality!.errors).toBe(t.must('quality:findings', { severity: 'error', pageSize: 500 }).total);
  });
});

describe('the 疑点 workbook from the ledger', () => {
  it('has the summary sheet and one sheet per rule with findings, IDs as text', async () => {
    const villageId = setUp();
    const h = t.must('household:save', sampleHousehold(villageId));
    sql("UPDATE members SET labour = NULL WHERE household_id = ?", h.id);
    t.must('quality:run', {});
    const r = (await dispatchAsync(t.ledger, 'quality:workbook', {})) as Result<ReportFile>;
    if (!r.ok) throw new Error(r.error.message);
    expect(r.data.fileName).toBe('青山镇疑点数据20261115.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('疑点数据统计表');
    const e04 = wb.worksheets.find((w) => w.name.startsWith('E04'))!;
    expect(e04).toBeDefined();
    const values: string[] = [];
    e04.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain('110101198001019998');
    expect(values.join(' ')).toContain('劳动技能未填');
  });
});

describe('a seeded township', () => {
  it('has no error findings', () => {
    setUp();
    t.ledger.seed({ households: 600, seed: 7 });
    const s = t.must('quality:run', {});
    const errors = s.counts.filter((c) => c.open > 0 && s.rules.find((r) => r.id === c.ruleId)!.severity === 'error');
    expect(errors).toEqual([]);
    expect(s.run!.errors).toBe(0);
    expect(s.run!.households).toBe(600);
  });
});
