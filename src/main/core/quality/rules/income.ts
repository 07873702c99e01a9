/** F. 致贫原因, G. 收入 and H. 住房与饮水 (domain.md §10 items 42–53). */
import { DISABLED, labelOf, povertyCause } from '../../../../shared/domain';
import { isActiveMonitoring, isRegistered, isStudying, JOB_MEASURES, LIFTED_STATUSES } from '../check-context';
import { householdRule, yuan, type QualityRule } from '../rule';

/** S7's ceiling: a per-capita net income above this is a typo (万元 as 元, a missing family size). */
const CEILING_FEN = 100_000_00;
const SICK = new Set(['02', '03']);
const TRANSFER_SUBSIDIES = new Set(['DIBAO', 'TEKUN', 'DISABILITY']);

export const incomeRules: QualityRule[] = [
  householdRule(
    {
      id: 'F01', group: 'F', severity: 'error', title: '主要致贫原因为空',
      explanation: '建档立卡户（含脱贫户）必须有主要致贫原因。请按识别时的情况补选。',
      source: '§10-42；S7',
    },
    (h) => (isRegistered(h) && !h.mainCause ? '建档立卡户没有主要致贫原因' : null),
  ),
  householdRule(
    {
      id: 'F02', group: 'F', severity: 'error', title: '其他致贫原因与主要原因重复',
      explanation: '其他致贫原因不能再选主要致贫原因，也不能重复。请改正。',
      source: '§10-42；S7',
    },
    (h) => {
      if (h.mainCause && h.otherCauses.includes(h.mainCause)) return `其他致贫原因中又选了主要原因“${labelOf(povertyCause, h.mainCause)}”`;
      if (new Set(h.otherCauses).size !== h.otherCauses.length) return '其他致贫原因有重复项';
      return null;
    },
  ),
  householdRule(
    {
      id: 'F03', group: 'F', severity: 'warning', title: '致贫原因与家庭成员情况不符',
      explanation: '主要致贫原因为因病，户内却没有患病成员；因残却没有残疾成员；因学却没有在校生。请核实致贫原因或成员健康、在校信息。',
      source: '§10-43；S7',
    },
    (h, ms) => {
      if (ms.length === 0) return null;
      if (h.mainCause === '01' && !ms.some((m) => m.health.some((x) => SICK.has(x)))) return '主要致贫原因为因病，户内没有长期慢性病或大病成员';
      if (h.mainCause === '02' && !ms.some((m) => m.health.includes(DISABLED))) return '主要致贫原因为因残，户内没有残疾成员';
      if (h.mainCause === '03' && !ms.some(isStudying)) return '主要致贫原因为因学，户内没有在校生';
      return null;
    },
  ),
  householdRule(
    {
      id: 'F04', group: 'F', severity: 'error', title: '脱贫年度缺失或早于识别年度',
      explanation: '已脱贫的户须有脱贫年度，且不能早于识别年度。请对照脱贫验收材料改正。',
      source: '§1.3',
    },
    (h) => {
      if (!LIFTED_STATUSES.has(h.status)) return null;
      if (h.liftedYear === null) return '户状态为已脱贫，没有脱贫年度';
      if (h.identifiedYear !== null && h.liftedYear < h.identifiedYear) return `脱贫年度 ${h.liftedYear} 早于识别年度 ${h.identifiedYear}`;
      return null;
    },
  ),
  householdRule(
    {
      id: 'G01', group: 'G', severity: 'error', title: '人均纯收入不大于 0 或超过 10 万元',
      explanation: '人均纯收入为 0、负数或超过 10 万元，多为漏填、单位错（万元当元）或家庭人口为 0。请核对收入表。',
      source: '§10-44；S7',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      const pc = income?.figures.perCapitaFen;
      if (!income || pc === null || pc === undefined) return null;
      if (pc <= 0) return `${income.year} 年人均纯收入 ${yuan(pc)} 元`;
      if (pc > CEILING_FEN) return `${income.year} 年人均纯收入 ${yuan(pc)} 元，超过 10 万元`;
      return null;
    },
  ),
  householdRule(
    {
      id: 'G02', group: 'G', severity: 'warning', title: '没有上年度收入',
      explanation: '建档立卡户和监测户每年都要核算上年度家庭收入。请录入收入。',
      source: '§10-44；S7',
    },
    (h, ms, ctx) => {
      if (!(isRegistered(h) || h.monitoringCategory !== null) || ms.length === 0) return null;
      const income = ctx.latestIncome(h.id);
      return !income || income.year < ctx.year - 1 ? `没有 ${ctx.year - 1} 年的收入${income ? `（最近为 ${income.year} 年）` : ''}` : null;
    },
  ),
  householdRule(
    {
      id: 'G03', group: 'G', severity: 'warning', title: '收入低于监测范围却未纳入监测',
      explanation: '人均纯收入低于当年防止返贫监测范围，户却不是风险未消除的监测对象。请入户核实，符合条件的按程序纳入监测（应纳尽纳）。',
      source: '§10-44；S4 1_02_006',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      if (!income || income.year < 2021 || income.year < ctx.year - 1 || isActiveMonitoring(h) || h.status === 'REMOVED') return null;
      const pc = income.figures.perCapitaFen;
      return pc !== null && income.lineFen !== null && pc < income.lineFen
        ? `${income.year} 年人均纯收入 ${yuan(pc)} 元，低于监测范围 ${yuan(income.lineFen)} 元`
        : null;
    },
  ),
  householdRule(
    {
      id: 'G04', group: 'G', severity: 'warning', title: '有生产经营收入却没有经营支出',
      explanation: '生产经营性收入应扣除生产经营性支出（种子、化肥、饲料等）后计入纯收入。只填收入不填支出会虚增收入。',
      source: '§10-45；S7、S6',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      return income && income.operatingFen > 0 && income.operatingCostFen === 0
        ? `${income.year} 年生产经营性收入 ${yuan(income.operatingFen)} 元，经营支出为 0`
        : null;
    },
  ),
  householdRule(
    {
      id: 'G05', group: 'G', severity: 'warning', title: '工资性收入过小',
      explanation: '全年工资性收入大于 0 但不足 100 元，多为单位填错（万元、月额）。请核对。',
      source: '§10-49；S4 5_15_023',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      return income && income.wageFen > 0 && income.wageFen < 100_00 ? `${income.year} 年工资性收入 ${yuan(income.wageFen)} 元` : null;
    },
  ),
  householdRule(
    {
      id: 'G06', group: 'G', severity: 'error', title: '帮扶消除风险但收入仍低于监测范围',
      explanation: '以“帮扶消除”标注风险消除，人均纯收入却仍低于监测范围，不符合消除条件。请核实收入，或恢复为风险未消除。',
      source: '§10-47；S4 4_11_010',
    },
    (h, _ms, ctx) => {
      if (h.riskState !== 'ELIMINATED_ASSISTED') return null;
      const income = ctx.latestIncome(h.id);
      const pc = income?.figures.perCapitaFen;
      return income && pc !== null && pc !== undefined && income.lineFen !== null && pc < income.lineFen
        ? `已帮扶消除风险，${income.year} 年人均纯收入 ${yuan(pc)} 元，低于监测范围 ${yuan(income.lineFen)} 元`
        : null;
    },
  ),
  householdRule(
    {
      id: 'G07', group: 'G', severity: 'warning', title: '帮扶措施与收入不符',
      explanation: '有就业帮扶或公益岗位措施却没有工资性收入，或领了低保、特困、残疾人补贴却没有转移性收入。请核实收入是否漏录。',
      source: '§10-48；S4 4_11_012 / 4_11_013',
    },
    (h, _ms, ctx) => {
      const income = ctx.latestIncome(h.id);
      if (!income || income.year < ctx.year - 1) return null;
      const from = `${income.year}-01-01`;
      const to = `${income.year}-12-31`;
      if (income.wageFen === 0 && (ctx.measures().get(h.id) ?? []).some((x) => x.date >= from && x.date <= to && JOB_MEASURES.has(x.category))) {
        return `${income.year} 年有就业或公益岗位帮扶，工资性收入为 0`;
      }
      if (income.figures.transferFen !== 0) return null;
      let paid = 0;
      for (const s of ctx.subsidies().get(h.id) ?? []) if (s.paidDate >= from && s.paidDate <= to && TRANSFER_SUBSIDIES.has(s.category)) paid += s.amountFen;
      return paid > 0 ? `${income.year} 年发放了低保、特困或残疾人补贴 ${yuan(paid)} 元，转移性收入为 0` : null;
    },
  ),
  householdRule(
    {
      id: 'H01', group: 'H', severity: 'warning', title: '未核查住房和饮水安全',
      explanation: '建档立卡户和监测户都要核查住房安全和饮水安全。请入户核查后录入。',
      source: '§10-50；S7、S6、S4 3_02_00x',
    },
    (h, ms, ctx) => {
      if (!(isRegistered(h) || h.monitoringCategory !== null) || ms.length === 0) return null;
      const s = ctx.surveys().get(h.id);
      if (!s) return '没有住房和饮水安全核查记录';
      const missing = [s.houseGrade === null ? '住房安全' : '', s.waterSafe === null ? '饮水安全' : ''].filter(Boolean);
      return missing.length ? `${s.recordedOn} 的核查没有填${missing.join('、')}` : null;
    },
  ),
];
