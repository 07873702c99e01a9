/**
 * `check` on the command line: a small seeded township, one household and one member broken
 * straight in SQLite (as a bad import or an old version might leave them), and the findings the
 * command reports, in JSON, on screen and in the workbook, with its exit code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/main/doors/cli';
import type { QualityFinding } from '../../src/shared/domain/quality.types';
import type { Result } from '../../src/shared/result';
import { tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
let outDir: string | null = null;
afterEach(() => {
  t?.cleanup();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
  outDir = null;
});

/** Noon in Beijing on a fixed day, so the seed's ages and dates never drift. */
const fixedNow = () => new Date('2025-06-15T12:00:00+08:00');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
}

/** `check --json …`: the exit code and the findings. */
async function checkJson(...args: string[]): Promise<{ code: number; findings: QualityFinding[] }> {
  const c = capture();
  const code = await runCli(['--db', t.dbPath, '--json', 'check', ...args], c.io);
  const envelope = JSON.parse(c.out.join('\n')) as Result<QualityFinding[]>;
  if (!envelope.ok) throw new Error(`check failed: ${envelope.error.message}`);
  return { code, findings: envelope.data };
}

interface Target {
  householdId: number;
  householdNo: string;
  villageName: string;
  headName: string;
  memberId: number;
  memberName: string;
  idNumber: string;
}

/** Two households of the first village (not the same one), and a member of the second who is not its head. */
function pickTargets(): { household: Target; member: Target } {
  const rows = t.ledger.db
    .prepare(
      `SELECT h.id AS householdId, h.household_no AS householdNo, v.name AS villageName, h.head_name AS headName,
              m.id AS memberId, m.name AS memberName, m.id_number AS idNumber
         FROM households h JOIN villages v ON v.id = h.village_id
         JOIN members m ON m.household_id = h.id AND m.deleted_at IS NULL AND m.left_on IS NULL AND m.relationship <> '01' AND m.document_type = '1'
        WHERE h.deleted_at IS NULL AND length(m.id_number) = 18
        ORDER BY v.id, h.id, m.id`,
    )
    .all() as Target[];
  const household = rows[0]!;
  const member = rows.find((r) => r.householdId !== household.householdId && r.villageName === household.villageName)!;
  expect(member).toBeDefined();
  return { household, member };
}

/** The same 17 digits and another last character, so the check character no longer fits. */
const brokenId = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('CLI: check', () => {
  it('finds a household whose 家庭人口数 disagrees with its members (B09) and a broken ID number (A01), with exit code 1', async () => {
    t = tempLedger({ now: fixedNow });
    t.ledger.seed({ households: 60, seed: 7 });
    const { household, member } = pickTargets();

    // Before: the seeded data says nothing about these two; the exit code follows the open errors.
    const before = await checkJson();
    expect(before.findings.some((f) => f.ruleId === 'B09' && f.householdId === household.householdId)).toBe(false);
    expect(before.findings.some((f) => f.ruleId === 'A01' && f.memberId === member.memberId)).toBe(false);
    expect(before.code).toBe(before.findings.some((f) => f.severity === 'error') ? 1 : 0);

    t.ledger.db.prepare('UPDATE households SET member_count = member_count + 1 WHERE id = ?').run(household.householdId);
    t.ledger.db
      .prepare("UPDATE members SET id_number = substr(id_number, 1, 17) || CASE substr(id_number, 18, 1) WHEN '0' THEN '1' ELSE '0' END WHERE id = ?")
      .run(member.memberId);
    const broken = brokenId(member.idNumber);

    const after = await checkJson();
    expect(after.code).toBe(1);
    const b09 = after.findings.find((f) => f.ruleId === 'B09' && f.householdId === household.householdId);
    expect(b09).toMatchObject({ ruleId: 'B09', severity: 'error', householdNo: household.householdNo, villageName: household.villageName, headName: household.headName, acknowledgement: null });
    expect(b09!.message).toEqual(expect.any(String));
    const a01 = after.findings.find((f) => f.ruleId === 'A01' && f.memberId === member.memberId);
    expect(a01).toMatchObject({
      ruleId: 'A01',
      severity: 'error',
      householdNo: member.householdNo,
      villageName: member.villageName,
      memberName: member.memberName,
      idNumber: broken,
    });
    expect(a01!.message.length).toBeGreaterThan(0);
    // Every finding carries what a script needs.
    for (const f of after.findings) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'householdNo', 'villageName', 'headName', 'memberName', 'idNumber', 'message']));
      expect(f.acknowledgement).toBeNull();
    }

    // On screen: a line per rule with findings, then the total.
    const screen = capture();
    expect(await runCli(['--db', t.dbPath, 'check'], screen.io)).toBe(1);
    const text = screen.out.join('\n');
    const count = (id: string) => after.findings.filter((f) => f.ruleId === id).length;
    expect(text).toMatch(new RegExp(`^A01 错误 \\S+ ${count('A01')}$`, 'm'));
    expect(text).toMatch(new RegExp(`^B09 错误 \\S+ ${count('B09')}$`, 'm'));
    expect(text).toContain(`共 ${after.findings.length} 条未核实的疑点`);
    const ruleLines = text.split('\n').filter((l) => /^[A-Z]\d{2} /.test(l));
    expect(ruleLines).toHaveLength(new Set(after.findings.map((f) => f.ruleId)).size);
    expect(ruleLines.reduce((s, l) => s + Number(l.split(' ').at(-1)), 0)).toBe(after.findings.length);
  });

  it('--village keeps to that village, --xlsx writes the workbook, an unknown village is refused', async () => {
    t = tempLedger({ now: fixedNow });
    t.ledger.seed({ households: 60, seed: 7 });
    const { member } = pickTargets();
    t.ledger.db
      .prepare("UPDATE members SET id_number = substr(id_number, 1, 17) || CASE substr(id_number, 18, 1) WHEN '0' THEN '1' ELSE '0' END WHERE id = ?")
      .run(member.memberId);
    const broken = brokenId(member.idNumber);

    const all = await checkJson();
    const inVillage = await checkJson('--village', member.villageName);
    expect(inVillage.code).toBe(1);
    expect(inVillage.findings.length).toBeGreaterThan(0);
    expect(inVillage.findings.every((f) => f.villageName === member.villageName)).toBe(true);
    expect(inVillage.findings.length).toBe(all.findings.filter((f) => f.villageName === member.villageName).length);

    outDir = mkdtempSync(join(tmpdir(), 'bangfu-check-'));
    const file = join(outDir, '疑点数据.xlsx');
    const c = capture();
    expect(await runCli(['--db', t.dbPath, 'check', '--xlsx', file], c.io)).toBe(1);
    expect(c.out.join('\n')).toContain(`疑点数据工作簿已写入：${file}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('疑点数据统计表');
    const a01 = wb.worksheets.find((s) => s.name.startsWith('A01 '))!;
    expect(a01).toBeDefined();
    let idCell: ExcelJS.Cell | undefined;
    a01.eachRow((row) => row.eachCell((cell) => (idCell ??= cell.text === broken ? cell : undefined)));
    expect(idCell?.type).toBe(ExcelJS.ValueType.String);
    expect(idCell?.numFmt).toBe('@');

    const unknown = capture();
    expect(await runCli(['--db', t.dbPath, 'check', '--village', '无此村'], unknown.io)).toBe(1);
    expect(unknown.err.join('\n')).toContain('没有名为“无此村”的行政村');
  });

  it('is in the usage text with its exit code', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/check \[--village 村名\] \[--xlsx 文件\.xlsx\][\s\S]*退出码：有未核实的“错误”级疑点时为 1/);
  });
});
