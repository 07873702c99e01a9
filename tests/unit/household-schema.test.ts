import { describe, expect, it } from 'vitest';
import { householdInput, householdListQuery } from '../../src/shared/schemas/household.schema';
import { toFieldIssues } from '../../src/shared/schemas/issues';
import { settingsInput } from '../../src/shared/schemas/settings.schema';
import { idFor, sampleHousehold } from '../support/temp-ledger';

function issuesOf(input: unknown) {
  const r = householdInput.safeParse(input);
  return r.success ? [] : toFieldIssues(r.error, input);
}

describe('household schema', () => {
  it('accepts a valid household, normalises IDs and fills sex and birth date from them', () => {
    const r = householdInput.parse(sampleHousehold(1));
    expect(r.members[0]).toMatchObject({ sex: '1', birthDate: '1980-01-01', health: ['01'], ethnicity: '01' });
    expect(r.members[1]).toMatchObject({ sex: '2', birthDate: '1982-03-15' });
  });

  it('refuses what the import refuses: hidden characters, a formula as a name, a status month before 1949', () => {
    const flipped = sampleHousehold(1);
    flipped.members[0]!.name = '张\u202e三';
    expect(issuesOf(flipped)[0]).toMatchObject({ path: 'members.0.name', message: '第 1 名成员（张\u202e三）：姓名含有看不见的字符（U+202E 文字方向控制符），请删除后重新输入' });
    const formula = sampleHousehold(1);
    formula.members[1]!.name = '=HYPERLINK("x")';
    expect(issuesOf(formula)[0]!.message).toContain('姓名“=HYPERLINK("x")”像是 Excel 公式，不是人名');
    const twoLines = sampleHousehold(1);
    twoLines.members[0]!.name = '张\n三';
    expect(issuesOf(twoLines)[0]!.message).toContain('姓名含有看不见的字符（U+000A 换行）');
    expect(issuesOf({ ...sampleHousehold(1), note: '第一行\n第二行' })).toEqual([]);
    expect(issuesOf({ ...sampleHousehold(1), note: '备注\u200b' })[0]).toMatchObject({ path: 'note', message: '备注含有看不见的字符（U+200B 零宽字符），请删除后重新输入' });
    expect(issuesOf({ ...sampleHousehold(1), statusSince: '0001-01' })[0]).toMatchObject({ path: 'statusSince', message: '状态起始月份“0001-01”不在 1949—2100 年之间' });
    expect(issuesOf({ ...sampleHousehold(1), statusSince: '2016-03' })).toEqual([]);
  });

  it('requires exactly one head', () => {
    const none = sampleHousehold(1);
    none.members[0]!.relationship = '99';
    expect(issuesOf(none).map((i) => i.message)).toContain('缺少户主：请把一名成员的“与户主关系”设为“户主”');
    const two = sampleHousehold(1);
    two.members[2]!.relationship = '01';
    expect(issuesOf(two)[0]).toMatchObject({ path: 'members', message: expect.stringContaining('只能有一名户主') });
  });

  it('names the member and field of a wrong ID', () => {
    const h = sampleHousehold(1);
    h.members[1]!.idNumber = h.members[1]!.idNumber.slice(0, 17) + (h.members[1]!.idNumber.endsWith('1') ? '2' : '1');
    const [issue] = issuesOf(h);
    expect(issue).toMatchObject({ path: 'members.1.idNumber' });
    expect(issue!.message).toMatch(/^第 2 名成员（李秀英）：证件号码校验位错误/);
    // Only that: a wrong number is not also blamed on its document type.
    expect(issuesOf(h).filter((i) => i.path.startsWith('members.1.'))).toHaveLength(1);
  });

  it('cross-checks entered sex and birth date against the ID', () => {
    const h = sampleHousehold(1);
    Object.assign(h.members[0]!, { sex: '2', birthDate: '1980-01-02' });
    const messages = issuesOf(h).map((i) => `${i.path} ${i.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^members\.0\.sex .*性别“女”与证件号码不符（号码表示男）/));
    expect(messages).toContainEqual(expect.stringMatching(/^members\.0\.birthDate .*与证件号码不符（号码表示 1980-01-01）/));
  });

  it('checks relationship against sex, and spouse against head', () => {
    const h = sampleHousehold(1);
    h.members[2]!.relationship = '04'; // 之女, but the ID is a man's
    expect(issuesOf(h)[0]).toMatchObject({ path: 'members.2.relationship', message: expect.stringContaining('应为女性') });
    const sameSex = sampleHousehold(1);
    sameSex.members[1]!.idNumber = idFor('110101', '19820315', 5);
    expect(issuesOf(sameSex)[0]).toMatchObject({ path: 'members.1.relationship', message: expect.stringContaining('配偶与户主性别相同') });
  });

  it('refuses the same ID twice in one household', () => {
    const h = sampleHousehold(1);
    h.members[2]!.idNumber = h.members[0]!.idNumber;
    h.members[2]!.relationship = '99';
    expect(issuesOf(h).some((i) => i.message.includes('与第 1 名成员重复'))).toBe(true);
  });

  it('keeps the monitoring categories to their household types', () => {
    const h = sampleHousehold(1, { status: 'ORDINARY', mainCause: null, monitoringCategory: 'UNSTABLE', riskState: 'ACTIVE' });
    expect(issuesOf(h)[0]!.message).toContain('“脱贫不稳定户”只能是脱贫户');
    const legacy = sampleHousehold(1, { status: 'NOT_LIFTED', monitoringCategory: 'MARGINAL', riskState: 'ACTIVE' });
    expect(issuesOf(legacy)[0]!.message).toContain('只适用于 2021 年以后');
    const noRisk = sampleHousehold(1, { monitoringCategory: 'SUDDEN_HARDSHIP' });
    expect(issuesOf(noRisk)[0]).toMatchObject({ path: 'riskState' });
  });

  it('requires a main cause except for ordinary households, and at most two other causes', () => {
    expect(issuesOf(sampleHousehold(1, { mainCause: null }))[0]).toMatchObject({ path: 'mainCause', message: '请选择主要致贫原因' });
    expect(issuesOf(sampleHousehold(1, { status: 'ORDINARY', mainCause: null }))).toEqual([]);
    expect(issuesOf(sampleHousehold(1, { otherCauses: ['02', '03', '04'] }))[0]!.message).toBe('其他致贫原因最多选 2 项');
    expect(issuesOf(sampleHousehold(1, { otherCauses: ['01'] }))[0]!.message).toBe('其他致贫原因不能与主要致贫原因相同');
  });

  it('gives Chinese messages for wrong types and unknown codes', () => {
    const messages = issuesOf({ villageId: 'x', status: 'FOO', members: [] }).map((i) => i.message);
    expect(messages).toContain('请选择行政村');
    expect(messages).toContain('“FOO”不是有效的户状态代码');
    for (const m of messages) expect(m).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('validates phones and bank accounts', () => {
    expect(issuesOf(sampleHousehold(1, { phone: '12345' }))[0]!.message).toBe('户联系电话应为 11 位手机号或带区号的固定电话');
    expect(issuesOf(sampleHousehold(1, { phone: '0851-86868686' }))).toEqual([]);
    expect(issuesOf(sampleHousehold(1, { bankAccount: '62abc' }))[0]!.message).toBe('银行卡号应为 8–30 位数字');
  });
});

describe('list query and settings schemas', () => {
  it('fills defaults and bounds the page size', () => {
    expect(householdListQuery.parse({})).toMatchObject({ page: 1, pageSize: 20, sort: 'village', order: 'asc', deleted: false });
    const r = householdListQuery.safeParse({ pageSize: 5000 });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toBe('每页最多 200 条');
  });

  it('requires a township name and an operator, and checks administrative codes', () => {
    const r = settingsInput.safeParse({ townshipName: '', operatorName: '李文书', townshipCode: '52x' });
    expect(r.success).toBe(false);
    if (!r.success) {
      const messages = r.error.issues.map((i) => i.message);
      expect(messages).toContain('请填写乡（镇）名称');
      expect(messages).toContain('乡（镇）代码应为 6、9 或 12 位数字的统计用区划代码');
    }
  });
});

describe('ID errors come in the first pass', () => {
  it('reports a wrong check digit even while the village and status are still empty', () => {
    const issues = issuesOf({ members: [{ name: '张三', idNumber: '110101198001019997', relationship: '01' }] });
    expect(issues).toContainEqual({ path: 'members.0.idNumber', message: '第 1 名成员（张三）：证件号码校验位错误：最后一位应为“8”，请核对号码是否抄错' });
    expect(issues.map((i) => i.path)).toContain('villageId');
  });

  it('asks for 残疾人证 as the document type of a 20-digit certificate number', () => {
    const h = sampleHousehold(1);
    h.members[0]!.idNumber = '110101198001019998' + '41';
    expect(issuesOf(h)[0]).toMatchObject({ path: 'members.0.documentType', message: expect.stringContaining('请把证件类型改为“残疾人证”') });
    (h.members[0] as Record<string, unknown>).documentType = '2';
    expect(issuesOf(h)).toEqual([]);
  });
});
