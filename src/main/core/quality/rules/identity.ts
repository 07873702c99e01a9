/** A. 身份与重复 (domain.md §10 items 1–6) and the shared numbers of the fake-exit patterns. */
import { disabilityType, labelOf, sex } from '../../../../shared/domain';
import { checkIdNumber, normalizeIdText } from '../../../../shared/rules/id-number';
import { maskBankAccount } from '../../../../shared/rules/masking';
import type { CheckContext, QHousehold, QMember } from '../check-context';
import { customRule, memberRule, names, type QualityRule, type RuleFinding } from '../rule';

const PLACEHOLDER = /^(9{6}|0{6})|^(\d)\2{17}$/;
const isPlaceholder = (id: string) => id.trim() === '' || ((id.startsWith('9') || id.startsWith('0') || id[0] === id[1]) && PLACEHOLDER.test(normalizeIdText(id)));

/** The 18-character ID a stored number stands for (a 15-digit one upgraded), or null when unreadable. */
function personKey(m: QMember, ctx: CheckContext): string | null {
  const check = ctx.idCheck(m);
  return check.ok ? check.value.slice(0, 18) : null;
}

/** Groups records by a key; keeps each group that spans `minHouseholds` households or more. */
function sharedAcrossHouseholds<T>(rows: readonly T[], keyOf: (r: T) => string | null, householdOf: (r: T) => number, minHouseholds = 2): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const key = keyOf(r);
    if (!key) continue;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  for (const [key, list] of groups) {
    if (list.length < minHouseholds || new Set(list.map(householdOf)).size < minHouseholds) groups.delete(key);
  }
  return groups;
}
const memberHousehold = (m: QMember) => m.householdId;
const householdItself = (h: QHousehold) => h.id;

export const identityRules: QualityRule[] = [
  memberRule(
    {
      id: 'A01', group: 'A', severity: 'error', title: '证件号码无效',
      explanation: '身份证号码位数、出生日期或校验位不对（GB 11643）。多为抄录错误，请对照户口簿或身份证原件改正。',
      source: '§10-1；S7、S5 01、S4 1_01_003 / 1_12_002',
    },
    (m, ctx) => {
      const check = ctx.idCheck(m);
      if (check.ok || isPlaceholder(m.idNumber) || /^\d{15}$/.test(normalizeIdText(m.idNumber))) return null; // A02, A03
      return `证件号码“${m.idNumber}”${check.message}`;
    },
  ),
  memberRule(
    {
      id: 'A02', group: 'A', severity: 'error', title: '15 位旧身份证号未升位',
      explanation: '15 位号码须升为 18 位后上报。请核对本人现用身份证，录入 18 位号码。',
      source: '§10-2；S7',
    },
    (m) => {
      if (m.idNumber.length < 15 || m.idNumber.length > 17) return null;
      const text = normalizeIdText(m.idNumber);
      if (!/^\d{15}$/.test(text)) return null;
      const upgraded = checkIdNumber(text);
      return `证件号码“${text}”是 15 位旧号码${upgraded.ok ? `，升位后应为 ${upgraded.value}` : ''}`;
    },
  ),
  memberRule(
    {
      id: 'A03', group: 'A', severity: 'error', title: '无证件号码或使用占位号码',
      explanation: '以 999999 开头或全为同一数字的号码是无证人员的占位号码。请为其办理身份证或户口登记后录入真实号码。',
      source: '§10-3；S4 4_01_003',
    },
    (m) => (isPlaceholder(m.idNumber) ? `证件号码“${m.idNumber || '（空）'}”不是真实号码` : null),
  ),
  memberRule(
    {
      id: 'A04', group: 'A', severity: 'error', title: '残疾人证号无效',
      explanation: '残疾人证号为 18 位身份证号加 2 位（残疾类别、等级）或 4 位数字；类别 1–7，等级 1–4。请对照残疾人证改正。',
      source: '§10-1；S4 1_01_004 / 1_12_004',
    },
    (m) => {
      if (m.documentType !== '2') return null;
      const text = normalizeIdText(m.idNumber);
      if (text.length !== 20 && text.length !== 22) return `残疾人证号“${text}”应为 20 或 22 位，现在是 ${text.length} 位`;
      if (!checkIdNumber(text.slice(0, 18)).ok) return null; // the ID part is A01's finding
      const category = text[18]!;
      const grade = text[19]!;
      if (!/^[1-7]$/.test(category)) return `残疾人证号第 19 位（残疾类别）“${category}”应为 1–7`;
      if (!/^[1-4]$/.test(grade)) return `残疾人证号第 20 位（残疾等级）“${grade}”应为 1–4`;
      return null;
    },
  ),
  memberRule(
    {
      id: 'A05', group: 'A', severity: 'warning', title: '残疾人证号的类别与残疾类别不符',
      explanation: '残疾人证号第 19 位是残疾类别，应与“残疾类别”一栏一致。请对照残疾人证核实。',
      source: '§10-1；S4 1_12_004',
    },
    (m) => {
      if (m.documentType !== '2' || m.disabilityType === null) return null;
      const category = normalizeIdText(m.idNumber)[18];
      if (!category || !/^[1-7]$/.test(category) || category === m.disabilityType) return null;
      return `残疾人证号表示${labelOf(disabilityType, category)}，登记的残疾类别是${labelOf(disabilityType, m.disabilityType)}`;
    },
  ),
  memberRule(
    {
      id: 'A06', group: 'A', severity: 'error', title: '性别或出生日期与证件号码不符',
      explanation: '身份证号第 7–14 位是出生日期，第 17 位单数为男、双数为女。请核对号码或性别、出生日期哪一项录错。',
      source: '§2.2；S4 2_02_001',
    },
    (m, ctx) => {
      const check = ctx.idCheck(m);
      if (!check.ok) return null;
      const wrong: string[] = [];
      if (check.sex !== m.sex) wrong.push(`性别登记为${labelOf(sex, m.sex)}，号码表示${labelOf(sex, check.sex)}`);
      if (check.birthDate !== m.birthDate) wrong.push(`出生日期登记为 ${m.birthDate}，号码表示 ${check.birthDate}`);
      return wrong.length ? wrong.join('；') : null;
    },
  ),
  customRule(
    {
      id: 'A07', group: 'A', severity: 'error', scope: 'member', title: '同一人重复登记',
      explanation: '同一证件号码（15 位旧号升位后相同也算）在台账中登记了不止一次。一人只能在一户登记，请核实其实际所在户，删除或转出其余记录。',
      source: '§10-4；S7 人员重复、S5 02、S4 1_01_001 / 1_01_002 / 1_12_001',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      const households = ctx.householdById();
      for (const [key, list] of ctx.people()) {
        if (list.length < 2) continue;
        for (const m of list) {
          const others = list.filter((o) => o !== m).map((o) => `户 ${households.get(o.householdId)?.householdNo ?? o.householdId} 的${o.name}`);
          out.push({ householdId: m.householdId, memberId: m.id, message: `证件号码 ${key} 还登记在${others.join('、')}` });
        }
      }
      return out;
    },
  ),
  customRule(
    {
      id: 'A08', group: 'A', severity: 'warning', scope: 'member', title: '疑似同一人以不同号码登记',
      explanation: '同村两户中有姓名、性别、出生日期都相同的人，号码却不同，可能是号码录错后又登记了一次。请核实是否同一人。',
      source: '§10-4（按姓名和出生日期比对）',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      const households = ctx.householdById();
      const groups = sharedAcrossHouseholds(ctx.members(), (m) => m.name + m.birthDate, memberHousehold);
      for (const group of groups.values()) {
        const sameVillage = (a: QMember, b: QMember) => a.sex === b.sex && households.get(a.householdId)?.villageId === households.get(b.householdId)?.villageId;
        for (const m of group) {
          const others = group.filter((o) => o.householdId !== m.householdId && sameVillage(o, m));
          if (others.length === 0) continue;
          out.push({
            householdId: m.householdId, memberId: m.id, key: others.map((o) => o.id).join(','),
            message: `与户 ${others.map((o) => `${households.get(o.householdId)?.householdNo}（号码 ${o.idNumber}）`).join('、')} 的成员同名、同性别、同出生日期 ${m.birthDate}`,
          });
        }
      }
      return out;
    },
  ),
  customRule(
    {
      id: 'A09', group: 'A', severity: 'warning', scope: 'member', title: '不同户成员使用同一联系电话',
      explanation: '不同户的成员登记了同一个电话号码。可能是代填了村干部或亲属的电话，请核实并改为本人电话。',
      source: '§10-5；S4 5_15_022',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      const households = ctx.householdById();
      const groups = sharedAcrossHouseholds(ctx.members(), (m) => m.phone?.trim() || null, memberHousehold);
      for (const [phone, list] of groups) {
        for (const m of list) {
          const others = [...new Set(list.filter((o) => o.householdId !== m.householdId).map((o) => households.get(o.householdId)?.householdNo))];
          out.push({ householdId: m.householdId, memberId: m.id, key: phone, message: `电话 ${phone} 还是户 ${others.join('、')} 成员的电话` });
        }
      }
      return out;
    },
  ),
  customRule(
    {
      id: 'A10', group: 'A', severity: 'error', scope: 'member', title: '帮扶干部本人登记为农户成员',
      explanation: '帮扶干部的身份证号出现在农户成员中：同一人既是帮扶干部又是帮扶对象。请核实是号码录错，还是应调整帮扶干部或成员身份。',
      source: '§10-6；S7',
    },
    (ctx) => {
      const byId = new Map<string, QMember>();
      for (const m of ctx.members()) {
        const key = personKey(m, ctx);
        if (key) byId.set(key, m);
      }
      const out: RuleFinding[] = [];
      for (const c of ctx.cadres()) {
        const m = c.idNumber ? byId.get(normalizeIdText(c.idNumber)) : undefined;
        if (m) out.push({ householdId: m.householdId, memberId: m.id, key: String(c.id), message: `${m.name}的证件号码与帮扶干部${c.name}相同` });
      }
      return out;
    },
  ),
  customRule(
    {
      id: 'X05', group: 'X', severity: 'error', scope: 'household', title: '帮扶责任人与所帮户成员号码或电话相同',
      explanation: '结对的帮扶责任人与所帮扶户的成员证件号码相同，或电话相同：可能是帮扶亲属（优亲厚友），或电话填成了干部自己的。请核实结对关系和联系电话。',
      source: '虚假帮扶疑点（issue 8）',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      const people = ctx.membersOf();
      const households = ctx.householdById();
      // Only pairings whose cadre's number or phone is anyone's at all need a closer look.
      const phones = new Set<string>();
      for (const m of ctx.members()) if (m.phone) phones.add(m.phone);
      for (const h of ctx.households()) if (h.phone) phones.add(h.phone);
      for (const p of ctx.openPairings().values()) {
        const h = households.get(p.householdId);
        const c = ctx.allCadres().get(p.cadreId);
        if (!h || !c) continue;
        const cadreId = c.idNumber ? normalizeIdText(c.idNumber).slice(0, 18) : null;
        const suspect = (cadreId !== null && ctx.people().has(cadreId)) || (c.phone !== null && phones.has(c.phone));
        if (!suspect) continue;
        const ms = people.get(h.id) ?? [];
        const sameId = cadreId ? ms.filter((m) => personKey(m, ctx) === cadreId) : [];
        const samePhone = c.phone ? ms.filter((m) => m.phone === c.phone) : [];
        const parts: string[] = [];
        if (sameId.length) parts.push(`成员${names(sameId)}的证件号码与帮扶责任人${c.name}相同`);
        if (samePhone.length) parts.push(`成员${names(samePhone)}的电话与帮扶责任人${c.name}相同（${c.phone}）`);
        if (h.phone === c.phone) parts.push(`户联系电话就是帮扶责任人${c.name}的电话（${c.phone}）`);
        if (parts.length) out.push({ householdId: h.id, key: String(c.id), message: parts.join('；') });
      }
      return out;
    },
  ),
  customRule(
    {
      id: 'X06', group: 'X', severity: 'warning', scope: 'household', title: '多户共用同一联系电话',
      explanation: '三户以上登记了同一个户联系电话，可能是村干部或代办人的电话，回访时联系不到本人。请改为各户自己的电话。',
      source: '虚假数据疑点（issue 8）',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      const groups = sharedAcrossHouseholds(ctx.households(), (h) => h.phone?.trim() || null, householdItself, 3);
      for (const [phone, list] of groups) {
        for (const h of list) out.push({ householdId: h.id, key: phone, message: `户联系电话 ${phone} 共有 ${list.length} 户使用：${list.filter((o) => o !== h).map((o) => o.householdNo).join('、')}` });
      }
      return out;
    },
  ),
  customRule(
    {
      id: 'X07', group: 'X', severity: 'error', scope: 'household', title: '多户共用同一银行卡号',
      explanation: '补贴资金打到同一张银行卡上，可能被他人代领或截留。请核实各户的“一卡通”账户。',
      source: '虚假数据疑点（issue 8）',
    },
    (ctx) => {
      const out: RuleFinding[] = [];
      const groups = sharedAcrossHouseholds(ctx.households(), (h) => h.bankAccount?.replace(/\s+/g, '') || null, householdItself);
      for (const [account, list] of groups) {
        for (const h of list) out.push({ householdId: h.id, key: account, message: `银行卡号 ${maskBankAccount(account)} 同时登记在户 ${list.filter((o) => o !== h).map((o) => o.householdNo).join('、')}` });
      }
      return out;
    },
  ),
];
