import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchAsync } from '../../src/main/core';
import { runCli } from '../../src/main/doors/cli';
import type { ApiInput } from '../../src/shared/api';
import type { CardLayout, CardsPdf } from '../../src/shared/domain/card.types';
import type { LedgerJob } from '../../src/shared/domain/job.types';
import type { Result } from '../../src/shared/result';
import { readPdf } from '../support/pdf-text';
import { idFor, tempLedger } from '../support/temp-ledger';

let t: ReturnType<typeof tempLedger>;
afterEach(() => t?.cleanup());

/** Noon in Beijing: the same calendar day in every time zone the tests might run in. */
const TODAY = '2025-06-15';
const fixedNow = () => new Date(`${TODAY}T12:00:00+08:00`);

const HEAD_PHONE = '13912345678';
const CADRE_PHONE = '13800001111';

function setUp() {
  t = tempLedger({ now: fixedNow });
  t.must('settings:update', { townshipName: '青山镇', countyName: '示范县', operatorName: '李文书' });
  const village = t.must('village:save', { name: '石桥村' });
  const other = t.must('village:save', { name: '柳溪村' });
  return { village, other };
}

let nextPerson = 1;
function household(villageId: number, extra: Record<string, unknown> = {}) {
  const n = nextPerson++;
  return t.must('household:save', {
    villageId,
    status: 'LIFTED_HOUSEHOLD',
    attribute: 'GENERAL',
    mainCause: '08',
    phone: HEAD_PHONE,
    members: [
      { name: `户主${n}`, idNumber: idFor('110101', '19700101', n * 4 + 1), relationship: '01' },
      { name: `成员${n}`, idNumber: idFor('110101', '19720202', n * 4 + 2), relationship: '02', health: ['02'] },
    ],
    ...extra,
  } as ApiInput<'household:save'>);
}

async function cards(input: ApiInput<'card:pdf'>): Promise<CardsPdf> {
  const r = (await dispatchAsync(t.ledger, 'card:pdf', input)) as Result<CardsPdf>;
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
}

async function cardsFailure(input: ApiInput<'card:pdf'>) {
  const r = (await dispatchAsync(t.ledger, 'card:pdf', input)) as Result<CardsPdf>;
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

const bytes = (pdf: CardsPdf) => Buffer.from(pdf.contentBase64, 'base64');

/** A village with a paired cadre, a first secretary, and support this year and last year. */
function pairedVillage() {
  const { village, other } = setUp();
  const h = household(village.id);
  const cadre = t.must('cadre:save', { name: '周建国', sex: '1', unit: '示范县农业农村局', affiliation: '04', position: '科长', phone: CADRE_PHONE, idNumber: idFor('522701', '19850312', 123) });
  t.must('pairing:assign', { cadreId: cadre.id, householdIds: [h.id], startDate: '2024-03-01' });
  t.must('cadre:save', { name: '吴书记', sex: '2', unit: '示范县财政局', affiliation: '04', role: 'FIRST_SECRETARY', phone: '13700002222', villageId: village.id, postingStart: '2024-01-01' });
  t.must('measure:save', { householdId: h.id, category: 'M_INDUSTRY', item: '发放生猪养殖补助', date: '2025-03-02', amountFen: 300050 });
  t.must('measure:save', { householdId: h.id, category: 'M_HEALTH', item: '慢性病签约服务', date: '2025-04-02' });
  t.must('subsidy:save', { householdId: h.id, category: 'DISABILITY', amountFen: 12000, date: '2025-05-20', source: 'FISCAL' });
  t.must('subsidy:save', { householdId: h.id, category: 'ECOLOGICAL', amountFen: 50000, date: '2024-05-20', source: 'FISCAL' });
  return { village, other, h, cadre };
}

describe('contact cards as PDF', () => {
  it('prints the cadre in full, the household phone masked, this year’s support, and no ID number or health status', async () => {
    const { h } = pairedVillage();
    const pdf = await cards({ layout: 'a4' });
    expect(pdf).toMatchObject({ cards: 1, pages: 1 });
    expect(pdf.fileName).toBe('精准帮扶联系卡_1户_A4每页1张_2025-06-15.pdf');
    const { pages, text } = await readPdf(bytes(pdf));
    expect(pages).toHaveLength(1);
    expect(text).toContain('青山镇精准帮扶联系卡');
    expect(text).toContain('示范县 青山镇 石桥村 · 2025年度');
    expect(text).toContain(`户编号：${h.householdNo}`);
    expect(text).toContain('周建国（示范县农业农村局 科长）');
    expect(text).toContain(CADRE_PHONE);
    expect(text).toContain('吴书记');
    expect(text).toContain('139****5678');
    expect(text).not.toContain(HEAD_PHONE);
    // This year's support only, the health measure and the disability subsidy under a neutral name.
    expect(text).toContain('措施 产业帮扶：发放生猪养殖补助 3月2日 3,000.50 元');
    expect(text).toContain('措施 民生保障帮扶 4月2日 —');
    expect(text).toContain('补贴 民生保障帮扶 5月20日 120.00 元');
    expect(text).not.toContain('慢性病');
    expect(text).not.toContain('残疾');
    expect(text).not.toContain('生态补偿金');
    expect(text).toContain('3,120.50 元');
    // No member's ID number, not even the cadre's; no member health status.
    for (const m of h.members) expect(text).not.toContain(m.idNumber);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    expect(text).not.toContain('长期慢性病');
  });

  it('embeds a subset of the Chinese font, so the card prints the same on a PC without it', async () => {
    pairedVillage();
    const raw = bytes(await cards({ layout: 'a5' })).toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);
    expect(raw).toContain('/FontFile2');
    expect(raw.length).toBeLessThan(400_000);
  });

  it('follows the card settings: household phone left off, health support named, township contact, own title', async () => {
    pairedVillage();
    t.must('cardSettings:update', {
      title: '脱贫攻坚帮扶工作联系卡', townshipContactName: '陈镇长', townshipContactPhone: '0851-22334455', householdPhone: 'hidden', showHealthSupportNames: true,
    });
    const { text } = await readPdf(bytes(await cards({ layout: 'a4' })));
    expect(text).toContain('脱贫攻坚帮扶工作联系卡');
    expect(text).toContain('陈镇长');
    expect(text).toContain('0851-22334455');
    expect(text).not.toContain('139****5678');
    expect(text).not.toContain('联系电话139');
    expect(text).toContain('健康帮扶：慢性病签约服务');
    expect(text).toContain('补贴 残疾人两项补贴 5月20日 120.00 元');
    expect(t.must('cardSettings:get', {})).toMatchObject({ householdPhone: 'hidden', footerNote: expect.stringContaining('一式两份') });
  });

  it.each<[CardLayout, number, number]>([
    ['a4', 5, 5],
    ['a4-2up', 5, 3],
    ['a5', 5, 5],
  ])('%s: %i cards take %i pages, in village, group and household-number order', async (layout, n, pages) => {
    const { village, other } = setUp();
    const groups = [t.must('group:save', { villageId: village.id, name: '二组', sort: 2 }), t.must('group:save', { villageId: village.id, name: '一组', sort: 1 })];
    const made = [household(other.id), household(village.id, { groupId: groups[0]!.id }), household(village.id, { groupId: groups[1]!.id }), household(village.id, { groupId: groups[1]!.id }), household(village.id)];
    const pdf = await cards({ layout });
    expect(pdf).toMatchObject({ cards: n, pages });
    const read = await readPdf(bytes(pdf));
    expect(read.pages).toHaveLength(pages);
    const order = [...read.text.matchAll(/户编号：(\S+)/g)].map((m) => m[1]);
    const listed = t.must('household:list', { pageSize: 50 }).rows.map((r) => r.householdNo);
    expect(order).toEqual(listed);
    expect(new Set(order)).toEqual(new Set(made.map((h) => h.householdNo)));
  });

  it('keeps each card of a two-up sheet on its own half, however much support it lists', async () => {
    const { village } = setUp();
    const [busy, quiet] = [household(village.id), household(village.id)];
    for (let i = 0; i < 40; i++) {
      t.must('measure:save', { householdId: busy.id, category: 'M_INDUSTRY', item: `第${i + 1}批产业扶持物资发放（含种苗、化肥、农药及技术指导服务）`, date: `2025-0${1 + (i % 5)}-${String(1 + (i % 28)).padStart(2, '0')}`, amountFen: 1000 + i });
    }
    const pdf = await cards({ layout: 'a4-2up' });
    expect(pdf).toMatchObject({ cards: 2, pages: 1 });
    const [sheet] = (await readPdf(bytes(pdf))).pages;
    const middle = sheet!.height / 2;
    const first = sheet!.lines.filter((l) => l.y < middle).map((l) => l.text).join('\n');
    const second = sheet!.lines.filter((l) => l.y > middle).map((l) => l.text).join('\n');
    expect(first).toContain(`户编号：${busy.householdNo}`);
    expect(first).toMatch(/另有 \d+ 项，详见帮扶台账/);
    expect(first).toContain('本年度合计');
    expect(first).toContain('户主签字');
    expect(second).toContain(`户编号：${quiet.householdNo}`);
    expect(second).toContain('本年度暂无帮扶措施和补贴记录');
    expect(second).not.toContain(busy.householdNo);
  });

  it('prints one village, or the ticked households, and says so in the file name', async () => {
    const { village, other } = setUp();
    const a = household(village.id);
    const b = household(other.id);
    household(other.id);
    expect(await cards({ layout: 'a4', villageId: village.id })).toMatchObject({ cards: 1, fileName: '精准帮扶联系卡_石桥村_A4每页1张_2025-06-15.pdf' });
    const ticked = await cards({ layout: 'a5', householdIds: [b.id, a.id] });
    expect(ticked).toMatchObject({ cards: 2, pages: 2, fileName: '精准帮扶联系卡_勾选2户_A5每页1张_2025-06-15.pdf' });
    expect([...(await readPdf(bytes(ticked))).text.matchAll(/户编号：(\S+)/g)].map((m) => m[1])).toEqual([a.householdNo, b.householdNo]);
  });

  it('refuses in Chinese when there is nothing to print or the township is not set', async () => {
    const { village } = setUp();
    expect((await cardsFailure({ layout: 'a4', villageId: village.id })).message).toBe('没有符合条件的农户，请调整筛选条件或勾选农户后再生成');
    expect((await cardsFailure({ layout: 'b5' as 'a4' })).message).toBe('请选择版式：A4 每页一张、A4 每页两张或 A5 每页一张');
    t.cleanup();
    t = tempLedger({ now: fixedNow });
    expect((await cardsFailure({ layout: 'a4' })).message).toContain('请先在“设置”中填写乡（镇）名称');
  });

  it('runs as a job with progress, and can be cancelled', async () => {
    setUp();
    t.ledger.seed({ households: 120, seed: 5 });
    const started = (await dispatchAsync(t.ledger, 'card:start', { layout: 'a4-2up' })) as Result<{ jobId: string }>;
    if (!started.ok) throw new Error(started.error.message);
    const seen = new Set<string>();
    let job: LedgerJob;
    for (;;) {
      const r = (await dispatchAsync(t.ledger, 'job:get', { jobId: started.data.jobId })) as Result<LedgerJob>;
      if (!r.ok) throw new Error(r.error.message);
      job = r.data;
      seen.add(job.phase);
      if (job.state !== 'running') break;
      await new Promise((done) => setTimeout(done, 5));
    }
    expect(job.state).toBe('done');
    expect(job.kind).toBe('card:pdf');
    expect(seen).toContain('排版并写入 PDF');
    expect((job.result as CardsPdf).cards).toBe(120);

    const again = (await dispatchAsync(t.ledger, 'card:start', { layout: 'a4' })) as Result<{ jobId: string }>;
    if (!again.ok) throw new Error(again.error.message);
    await dispatchAsync(t.ledger, 'job:cancel', { jobId: again.data.jobId });
    const cancelled = (await dispatchAsync(t.ledger, 'job:get', { jobId: again.data.jobId })) as Result<LedgerJob>;
    const settled = cancelled.ok && cancelled.data.state === 'running' ? await waitFor(again.data.jobId) : cancelled.ok ? cancelled.data : null;
    expect(settled?.state).toBe('cancelled');
  });

  it('has a preview that returns the same cards, the first few in full', () => {
    pairedVillage();
    household(t.must('village:list', {})[0]!.id);
    const preview = t.must('card:preview', { limit: 1 });
    expect(preview.total).toBe(2);
    expect(preview.cards).toHaveLength(1);
    expect(preview.cards[0]).toMatchObject({ title: '青山镇精准帮扶联系卡', filledBy: '周建国', date: '2025年6月15日' });
    expect(JSON.stringify(preview)).not.toContain(HEAD_PHONE);
  });

  it('CLI: cards --village … --out FILE.pdf', async () => {
    pairedVillage();
    const out = join(mkdtempSync(join(tmpdir(), 'bangfu-cards-')), '联系卡.pdf');
    const said: string[] = [];
    const io = { out: (s: string) => said.push(s), err: (s: string) => said.push(s) };
    const code = await runCli(['--db', t.dbPath, 'cards', '--village', '石桥村', '--layout', 'a4-2up', '--out', out], io);
    expect(code).toBe(0);
    expect(said.join('\n')).toContain('已生成 1 张联系卡，共 1 页');
    const read = await readPdf(readFileSync(out));
    expect(read.pages).toHaveLength(1);
    expect(read.text).toContain('周建国');
    expect(await runCli(['--db', t.dbPath, 'cards', '--village', '无此村', '--out', out], io)).toBe(1);
    expect(said.join('\n')).toContain('没有名为“无此村”的行政村');
  });
});

async function waitFor(jobId: string): Promise<LedgerJob> {
  for (;;) {
    const r = (await dispatchAsync(t.ledger, 'job:get', { jobId })) as Result<LedgerJob>;
    if (!r.ok) throw new Error(r.error.message);
    if (r.data.state !== 'running') return r.data;
    await new Promise((done) => setTimeout(done, 5));
  }
}
