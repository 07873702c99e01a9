/**
 * I. 监测帮扶过程 (domain.md §10 items 54–62), the fake-exit patterns (X) and the village
 * rules (V). The guarantee lights are the household page's own (shared/rules/guarantees).
 */
import { isDevelopmentalMeasure, subsidyCategory } from '../../../../shared/domain';
import { assessGuarantees, type Indicator } from '../../../../shared/rules/guarantees';
import { monthOfInt } from '../../reports/report-source';
import {
  isActiveMonitoring, isEliminated, LIFTED_STATUSES, monthsBetween, NOT_STUDYING, type CheckContext, type QEvent, type QHousehold, type QMember,
} from '../check-context';
import { customRule, householdRule, names, yuan, type QualityRule, type RuleFinding } from '../rule';

const ABLE = new Set(['01', '02', '05']);
const OUT_OF_COUNTY = new Set(['03', '04']);
const ONE_OFF_SUBSIDIES = new Set(subsidyCategory.entries.filter((e) => e.income === 'excluded').map((e) => e.code));
const EXIT_STATUSES = new Set(['NOT_LIFTED', 'RETURNED']);

/** The household's lights today that say 存在问题 among education, medical, housing and water. */
function unmetGuarantees(h: QHousehold, ms: readonly QMember[], ctx: CheckContext): Indicator[] {
  const s = ctx.surveys().get(h.id);
  // Most households cannot have a problem light; the full assessment (with its texts) is for the rest.
  const possible = (s !== undefined && (s.houseGrade === '02' || s.houseGrade === '03' || s.waterSafe === 0))
    || ms.some((m) => (!m.residentMedicalInsurance && !m.employeeMedicalInsurance) || (m.age >= 6 && m.age <= 16 && NOT_STUDYING.has(m.inSchool)));
  if (!possible) return [];
  const lights = assessGuarantees({
    asOf: ctx.today,
    members: ms.map((m) => ({
      name: m.name, birthDate: m.birthDate, inSchool: m.inSchool, outOfSchoolReason: m.outOfSchoolReason,
      residentMedicalInsurance: m.residentMedicalInsurance, employeeMedicalInsurance: m.employeeMedicalInsurance,
    })),
    survey: s ? { houseGrade: s.houseGrade, waterSafe: s.waterSafe === null ? null : s.waterSafe === 1, waterHard: s.waterHard === null ? null : s.waterHard === 1, recordedOn: s.recordedOn } : null,
    perCapitaFen: null, lineFen: null, lineLabel: null, incomeYear: null,
  });
  return lights.filter((l) => l.key !== 'foodClothing' && l.light === 'problem');
}
const describe = (lights: Indicator[]) => lights.map((l) => `${l.title}（${l.detail}）`).join('；');

/** Measures since the month the monitoring spell began. */
function measuresSince(ctx: CheckContext, householdId: number, since: number) {
  const start = `${monthOfInt(since)}-01`;
  return (ctx.measures().get(householdId) ?? []).filter((m) => m.date >= start);
}

/** Pairs each event of `kind` with the latest earlier event that opened it, as [opened, closed] months. */
function quickCloses(list: readonly QEvent[], opens: (e: QEvent) => boolean, closes: (e: QEvent) => boolean): [number, number][] {
  const out: [number, number][] = [];
  let opened: number | null = null;
  for (const e of list) {
    if (closes(e) && opened !== null) {
      if (monthsBetween(opened, e.month) <= 1) out.push([opened, e.month]);
      opened = null;
    } else if (opens(e)) opened = e.month;
  }
  return out;
}

export const monitoringRules: QualityRule[] = [
  householdRule(
    {
      id: 'I01', group: 'I', severity: 'error', title: '风险已消除但仍有“三保障”或饮水问题',
      explanation: '监测户标注了风险消除，义务教育、基本医疗、住房或饮水安全却仍有问题，不符合消除条件。请先解决问题，或恢复为风险未消除。',
      source: '§10-55；S4 1_11_005…008',
    },
    (h, ms, ctx) => {
      if (!isEliminated(h) || ms.length === 0) return null;
      const unmet = unmetGuarantees(h, ms, ctx);
      return unmet.length ? `风险已消除，${describe(unmet)}` : null;
    },
  ),
  householdRule(
    {
      id: 'I02', group: 'I', severity: 'error', title: '帮扶消除却没有帮扶措施',
      explanation: '风险以“帮扶消除”标注，纳入监测以来却没有一条帮扶措施。请补录落实的措施，或核实消除方式。',
      source: '§10-56；S4 1_11_009',
    },
    (h, _ms, ctx) => {
      if (h.riskState !== 'ELIMINATED_ASSISTED') return null;
      const since = ctx.monitoringSince(h.id);
      if (since === null || measuresSince(ctx, h.id, since).length > 0) return null;
      return `${monthOfInt(since)} 纳入监测，已帮扶消除风险，没有帮扶措施记录`;
    },
  ),
  householdRule(
    {
      id: 'I03', group: 'I', severity: 'warning', title: '纳入监测超过 1 个月仍无帮扶措施',
      explanation: '监测对象纳入后应及时落实针对性帮扶措施。请补录已落实的措施，或尽快制定措施。',
      source: '§10-57；S4 1_11_010',
    },
    (h, _ms, ctx) => {
      if (!isActiveMonitoring(h)) return null;
      const since = ctx.monitoringSince(h.id);
      if (since === null || monthsBetween(since, ctx.thisMonth) <= 1 || measuresSince(ctx, h.id, since).length > 0) return null;
      return `${monthOfInt(since)} 纳入监测，已 ${monthsBetween(since, ctx.thisMonth)} 个月，没有帮扶措施`;
    },
  ),
  householdRule(
    {
      id: 'I04', group: 'I', severity: 'warning', title: '有劳动力的监测户半年未消除且无开发式帮扶',
      explanation: '有劳动能力的监测户应以产业、就业、金融、公益岗位等开发式帮扶为主。纳入 6 个月以上仍未消除风险的，请落实开发式措施。',
      source: '§10-58；S4 5_12_007',
    },
    (h, ms, ctx) => {
      if (!isActiveMonitoring(h)) return null;
      const since = ctx.monitoringSince(h.id);
      if (since === null || monthsBetween(since, ctx.thisMonth) < 6) return null;
      const able = ms.filter((m) => m.age >= 16 && m.age <= 60 && m.labour !== null && ABLE.has(m.labour));
      if (!able.length || measuresSince(ctx, h.id, since).some((m) => isDevelopmentalMeasure(m.category))) return null;
      return `${monthOfInt(since)} 纳入监测，${names(able)}有劳动力，没有开发式帮扶措施`;
    },
  ),
  householdRule(
    {
      id: 'I05', group: 'I', severity: 'warning', title: '帮扶措施只有“其他”',
      explanation: '监测户的帮扶措施全部归为“其他”，看不出落实了什么。请按产业、就业、健康、教育等类别重新归类。',
      source: '§10-59；S4 5_12_011',
    },
    (h, _ms, ctx) => {
      if (h.monitoringCategory === null) return null;
      const since = ctx.monitoringSince(h.id);
      const list = since === null ? [] : measuresSince(ctx, h.id, since);
      return list.length > 0 && list.every((m) => m.category === 'OTHER') ? `纳入监测以来的 ${list.length} 条帮扶措施都是“其他”` : null;
    },
  ),
  householdRule(
    {
      id: 'I06', group: 'I', severity: 'warning', title: '监测对象没有结对帮扶责任人',
      explanation: '风险未消除的监测对象须有帮扶联系人。请在“帮扶责任人”中为其结对。',
      source: '§10-61；S4 1_11_011',
    },
    (h, _ms, ctx) => (isActiveMonitoring(h) && !ctx.openPairings().has(h.id) ? '风险未消除，没有结对的帮扶责任人' : null),
  ),
  householdRule(
    {
      id: 'I07', group: 'I', severity: 'warning', title: '领外出务工交通补贴却没有县外务工人员',
      explanation: '外出务工交通补贴只发给到县外务工的人员。户内没有县外务工的，请核实补贴发放。',
      source: '§10-62；S4 1111_10、5_17_011…013',
    },
    (h, ms, ctx) => {
      const paid = (ctx.subsidies().get(h.id) ?? []).filter((s) => s.category === 'MIGRANT_TRANSPORT' && s.paidDate >= `${ctx.year - 1}-01-01`);
      if (!paid.length || ms.some((m) => m.migrantWork !== null && OUT_OF_COUNTY.has(m.migrantWork))) return null;
      const last = paid.reduce((d, x) => (x.paidDate > d ? x.paidDate : d), '');
      return `${last} 领外出务工交通补贴 ${yuan(paid.reduce((s, x) => s + x.amountFen, 0))} 元，户内没有县外务工人员`;
    },
  ),
  householdRule(
    {
      id: 'I08', group: 'I', severity: 'warning', title: '风险消除后没有收入核算',
      explanation: '风险消除要以消除当年的收入核算为依据。请录入消除当年的家庭收入。',
      source: '§10-54；S4 1_11_004',
    },
    (h, _ms, ctx) => {
      if (!isEliminated(h)) return null;
      const eliminated = (ctx.events().get(h.id) ?? []).findLast((e) => e.kind === 'ELIMINATE_RISK');
      if (!eliminated) return null;
      const year = Math.floor(eliminated.month / 100);
      const latest = ctx.latestIncome(h.id);
      return !latest || latest.year < year ? `${monthOfInt(eliminated.month)} 消除风险，没有 ${year} 年及以后的收入` : null;
    },
  ),
  householdRule(
    {
      id: 'X01', group: 'X', severity: 'error', title: '脱贫当年人均纯收入低于标准',
      explanation: '户在某年脱贫，那一年的人均纯收入却低于当年标准（“数字脱贫”的典型表现）。请核实脱贫当年的收入和脱贫程序。',
      source: '虚假脱贫疑点（issue 8）；§4.2',
    },
    (h, _ms, ctx) => {
      if (!LIFTED_STATUSES.has(h.status)) return null;
      const exit = (ctx.events().get(h.id) ?? []).findLast((e) => e.kind === 'EXIT');
      const year = exit ? Math.floor(exit.month / 100) : h.liftedYear;
      if (year === null) return null;
      const income = (ctx.incomes().get(h.id) ?? []).find((r) => r.year === year);
      const pc = income?.figures.perCapitaFen;
      return income && pc !== null && pc !== undefined && income.lineFen !== null && pc < income.lineFen
        ? `${year} 年脱贫，当年人均纯收入 ${yuan(pc)} 元，低于标准 ${yuan(income.lineFen)} 元`
        : null;
    },
  ),
  householdRule(
    {
      id: 'X02', group: 'X', severity: 'error', title: '脱贫户“三保障”或饮水安全未达标且未纳入监测',
      explanation: '脱贫户现在的义务教育、基本医疗、住房或饮水安全有问题，却不是风险未消除的监测对象。请立即核实，解决问题或按程序纳入监测。',
      source: '虚假脱贫疑点（issue 8）；§10-53；S6 05 / 07、S4 2_02_002',
    },
    (h, ms, ctx) => {
      // A monitoring object's unmet guarantee is I01's (eliminated) or is being dealt with (active).
      if (!LIFTED_STATUSES.has(h.status) || h.monitoringCategory !== null || ms.length === 0) return null;
      const unmet = unmetGuarantees(h, ms, ctx);
      return unmet.length ? describe(unmet) : null;
    },
  ),
  customRule(
    {
      id: 'X03', group: 'X', severity: 'warning', scope: 'household', title: '识别当月或次月即脱贫、消除风险',
      explanation: '识别为贫困户（或纳入监测）的当月或次月就脱贫（或消除风险），帮扶来不及见效，可能是突击脱贫、虚假消除。请核实帮扶过程和收入。',
      source: '虚假脱贫疑点（issue 8）；§10-60；S4 5_18_009',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      for (const [householdId, list] of ctx.events()) {
        const exits = quickCloses(list, (e) => EXIT_STATUSES.has(e.status) && (e.kind === 'REGISTER' || e.kind === 'RETURN'), (e) => e.kind === 'EXIT');
        const eliminations = quickCloses(list, (e) => e.kind === 'START_MONITORING' || (e.kind === 'REGISTER' && e.riskState === 'ACTIVE'), (e) => e.kind === 'ELIMINATE_RISK');
        for (const [from, to] of exits) out.push({ householdId, key: `exit-${to}`, message: `${monthOfInt(from)} 识别，${monthOfInt(to)} 即脱贫` });
        for (const [from, to] of eliminations) out.push({ householdId, key: `risk-${to}`, message: `${monthOfInt(from)} 纳入监测，${monthOfInt(to)} 即消除风险` });
      }
      const live = ctx.householdById();
      return out.filter((f) => live.has(f.householdId!));
    },
  ),
  householdRule(
    {
      id: 'X04', group: 'X', severity: 'warning', title: '收入增长只来自一次性补助',
      explanation: '今年比上年增加的纯收入全部来自“其他转移性收入”，同年又有一次性补助（临时救助、慰问金、产业奖补等，不计入收入）。可能把一次性补助算进了收入，造成“算账脱贫”。请核对收入构成。',
      source: '虚假脱贫疑点（issue 8）；§4.1 不计入项目（S17）',
    },
    (h, _ms, ctx) => {
      const list = ctx.incomes().get(h.id) ?? [];
      const now = list.at(-1);
      const before = now && list.find((r) => r.year === now.year - 1);
      if (!now || !before) return null;
      const rise = now.figures.netFen - before.figures.netFen;
      const fromOther = now.otherTransferFen - before.otherTransferFen;
      if (rise <= 0 || fromOther < rise) return null;
      const oneOff = now.excludedFen + (ctx.subsidies().get(h.id) ?? [])
        .filter((s) => ONE_OFF_SUBSIDIES.has(s.category) && s.paidDate.startsWith(String(now.year)))
        .reduce((sum, s) => sum + s.amountFen, 0);
      const pcBefore = before.figures.perCapitaFen ?? 0;
      const pcNow = now.figures.perCapitaFen ?? 0;
      const crossed = now.lineFen !== null && pcBefore < now.lineFen && pcNow >= now.lineFen;
      if (oneOff * 2 < fromOther || !(crossed || rise * 10 >= before.figures.netFen * 3)) return null;
      return `${now.year} 年纯收入比上年增加 ${yuan(rise)} 元，其他转移性收入增加 ${yuan(fromOther)} 元，同年一次性补助 ${yuan(oneOff)} 元${crossed ? `；人均纯收入由 ${yuan(pcBefore)} 元升到 ${yuan(pcNow)} 元，越过标准` : ''}`;
    },
  ),
  customRule(
    {
      id: 'V01', group: 'V', severity: 'warning', scope: 'village', title: '行政村没有在岗的驻村第一书记',
      explanation: '有农户的行政村应有在岗的驻村第一书记（联系卡和月报都要用到）。请在“帮扶责任人”中登记或延长任期。',
      source: '§6.3',
    },
    (ctx) => {
      const posted = new Set(ctx.cadres().filter((c) => c.role === 'FIRST_SECRETARY' && c.villageId !== null && (c.postingEnd === null || c.postingEnd >= ctx.today)).map((c) => c.villageId));
      const withHouseholds = new Set(ctx.households().map((h) => h.villageId));
      return ctx.villages()
        .filter((v) => withHouseholds.has(v.id) && !posted.has(v.id))
        .map((v) => ({ householdId: null, villageId: v.id, message: `${v.name}没有在岗的驻村第一书记` }));
    },
  ),
];
