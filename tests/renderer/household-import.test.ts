import { ElSelect } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JOB_POLL_MS } from '../../src/renderer/src/components/import/useImportJob';
import { bytesToBase64, base64ToBytes, fileRefusal, fileToBase64, MAX_IMPORT_FILE_BYTES } from '../../src/renderer/src/import-file';
import HouseholdImportView from '../../src/renderer/src/views/HouseholdImportView.vue';
import type { ApiInput } from '../../src/shared/api';
import { householdStatus } from '../../src/shared/domain';
import type { ImportJob, ImportPreview, ImportResult } from '../../src/shared/domain/import.types';
import { $, $$, byTest } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

/** Pages mounted by a test: unmounted after it, so no poll of theirs reaches the next test's fake core. */
const mounted: { unmount: () => void }[] = [];

afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount();
  delete window.ledger;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

/** A plain textbook encoder, to check the chunked one against (the renderer has no Buffer). */
function referenceBase64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]!;
    out += b === undefined ? '=' : alphabet[(n >> 6) & 63]!;
    out += c === undefined ? '=' : alphabet[n & 63]!;
  }
  return out;
}
const utf8 = (text: string) => new TextEncoder().encode(text);

const CSV = '行政村,户编号,姓名,证件号码,与户主关系\r\n石桥村,5227990010001,张三,110101198001019998,户主\r\n';

describe('base64 of the chosen file', () => {
  it('matches Node for a multi-byte UTF-8 CSV', async () => {
    // Worked out independently (Node's Buffer): 行政村,姓名 / 石桥村,张三 in UTF-8.
    expect(bytesToBase64(utf8('行政村,姓名\r\n石桥村,张三\r\n'))).toBe('6KGM5pS/5p2RLOWnk+WQjQ0K55+z5qGl5p2RLOW8oOS4iQ0K');
    expect(await fileToBase64(new Blob([utf8(CSV)]))).toBe(referenceBase64(utf8(CSV)));
  });

  it('encodes every byte value and lengths that are not a multiple of 3, across chunk borders', () => {
    for (const length of [0, 1, 2, 3, 4, 24575, 24576, 24577, 100_001]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 31 + 7) % 256);
      const encoded = bytesToBase64(bytes);
      expect(encoded, `length ${length}`).toBe(referenceBase64(bytes));
      expect([...base64ToBytes(encoded)]).toEqual([...bytes]);
    }
  });

  it('encodes a large file without overflowing the stack', () => {
    const bytes = new Uint8Array(3 * 1024 * 1024 + 1).fill(0xe5);
    expect(bytesToBase64(bytes)).toBe(referenceBase64(bytes));
  });

  it('refuses files over 40 MB and empty files before reading them', () => {
    expect(fileRefusal({ name: '全镇.xlsx', size: MAX_IMPORT_FILE_BYTES + 1 })).toContain('超过 40 MB');
    expect(fileRefusal({ name: '空.csv', size: 0 })).toContain('空文件');
    expect(fileRefusal({ name: '石桥村.xlsx', size: MAX_IMPORT_FILE_BYTES })).toBeNull();
  });
});

const PREVIEW: ImportPreview = {
  fileName: '花名册.csv',
  sheetName: null,
  encoding: 'UTF-8',
  layout: 'person',
  headerRow: 1,
  columns: { village: '行政村', householdNo: '户编号', name: '姓名', idNumber: '证件号码', relationship: '与户主关系' },
  unknownColumns: [{ header: '备注', column: 'F' }],
  duplicateColumns: [],
  needsDefaultStatus: false,
  households: 6,
  people: 14,
  newHouseholds: 2,
  updatedHouseholds: 1,
  unchangedHouseholds: 3,
  rejectedRows: 1,
  notices: ['杨大树户在台账中有 1 名成员不在文件中，本次不删除，请在档案中核对'],
  problems: [{ row: 9, column: 'A', message: '行政村“云中村”不在台账中，请先在“设置”中添加' }],
};

/** The national household export: one row per household, no 户类型 column. */
const HOUSEHOLD_SHEET: ImportPreview = {
  ...PREVIEW,
  fileName: '户表.xlsx',
  sheetName: '户信息',
  encoding: null,
  layout: 'household',
  columns: { village: '行政村', householdNo: '户编号', headName: '户主姓名', headIdNumber: '户主证件号码' },
  unknownColumns: [],
  needsDefaultStatus: true,
  households: 5,
  people: 5,
  newHouseholds: 5,
  updatedHouseholds: 0,
  unchangedHouseholds: 0,
  rejectedRows: 0,
  notices: [],
  problems: [],
};

const RESULT: ImportResult = {
  fileName: '花名册.csv',
  created: 2,
  updated: 1,
  unchanged: 3,
  people: 5,
  rejectedRows: 1,
  notices: ['杨大树户在台账中有 1 名成员不在文件中，本次不删除，请在档案中核对'],
  problems: PREVIEW.problems,
  backupFile: '/home/wang/.config/bangfu-ledger/backups/ledger-2025-03-01-0800-导入前.sqlite',
  errorWorkbook: { fileName: '花名册-未导入的行.xlsx', contentBase64: btoa('xlsx') },
  quality: {
    id: 3, ranAt: '2025-03-01T08:00:05.000Z', trigger: 'import', operator: '王小丽', durationMs: 420, households: 6,
    errors: 4, warnings: 12, acknowledged: 0,
  },
};

type StartInput = ApiInput<'import:start'>;

function jobView(id: string, patch: Partial<ImportJob>): ImportJob {
  return {
    id, kind: 'import:start', title: '导入“花名册.csv”', state: 'running', phase: '读取文件', done: 0, total: null,
    startedAt: '2025-03-01T08:00:00.000Z', finishedAt: null, result: null, error: null, ...patch,
  };
}
const running = (phase: string, done: number, total: number | null): Partial<ImportJob> => ({ state: 'running', phase, done, total });
const finished = (result: ImportPreview | ImportResult): Partial<ImportJob> => ({ state: 'done', phase: '完成', result, finishedAt: '2025-03-01T08:00:05.000Z' });

/**
 * A fake core for the job methods: each `import:start` gets a job whose successive `job:get`
 * answers are `plan(input)` (the last one repeats); after `job:cancel` the job answers cancelled.
 */
function installJobs(plan: (input: StartInput) => Partial<ImportJob>[], extra: Parameters<typeof installFakeLedger>[0] = {}) {
  const jobs = new Map<string, { steps: Partial<ImportJob>[]; gets: number; cancelled: boolean }>();
  return installFakeLedger({
    'import:start': (input) => {
      const jobId = `job-${jobs.size + 1}`;
      jobs.set(jobId, { steps: plan(input), gets: 0, cancelled: false });
      return { ok: true, data: { jobId } };
    },
    'job:get': ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个任务' } };
      if (job.cancelled) return { ok: true, data: jobView(jobId, { state: 'cancelled', phase: '已取消' }) };
      const step = job.steps[Math.min(job.gets++, job.steps.length - 1)]!;
      return { ok: true, data: jobView(jobId, step) };
    },
    'job:cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) return { ok: false, error: { code: 'NOT_FOUND', message: '没有这个任务' } };
      job.cancelled = true;
      return { ok: true, data: jobView(jobId, { state: 'cancelled', phase: '已取消' }) };
    },
    ...extra,
  });
}

/** Waits for the page's next `job:get`. */
async function nextPoll(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, JOB_POLL_MS + 50));
  await settle();
}

function chooseFile(name: string, content: string): File {
  const file = new File([content], name, { type: 'text/csv' });
  const input = $(byTest('import-file')) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return file;
}

async function openPage() {
  const page = await mountWithApp(HouseholdImportView, { path: '/households/import' });
  mounted.push(page.wrapper);
  await settle();
  return page;
}

type Wrapper = Awaited<ReturnType<typeof openPage>>['wrapper'];

const text = (wrapper: Wrapper, id: string) => wrapper.find(byTest(id)).text();
const commitDisabled = (wrapper: Wrapper) => wrapper.find(byTest('import-commit')).attributes('disabled') !== undefined;

/** Presses 确认导入 and the confirmation's 导入 N 户. */
async function confirmImport(households: number): Promise<string> {
  $(byTest('import-commit')).click();
  await settle();
  const message = $('.el-message-box').textContent ?? '';
  $$('.el-message-box__btns button').find((b) => b.textContent?.includes(`导入 ${households} 户`))!.click();
  await settle();
  return message;
}

describe('HouseholdImportView', () => {
  it('checks the file in the background with a progress bar, then shows the counts, layout, notices, columns and problems', async () => {
    const fake = installJobs(() => [running('读取文件', 0, null), running('逐行核对', 40, 120), finished(PREVIEW)]);
    const { wrapper } = await openPage();
    expect(wrapper.find(byTest('import-help')).text()).toContain('.xlsx');

    chooseFile('花名册.csv', CSV);
    await settle();

    expect(fake['import:start']).toHaveBeenCalledWith({ fileName: '花名册.csv', contentBase64: referenceBase64(utf8(CSV)), commit: false });
    expect(fake['job:get']).toHaveBeenCalledWith({ jobId: 'job-1' });
    // Total unknown: a moving bar and the phase, no percentage.
    const progress = wrapper.find(byTest('import-progress'));
    expect(progress.exists()).toBe(true);
    expect(progress.text()).toContain('正在预检“花名册.csv”');
    expect(text(wrapper, 'import-progress-phase')).toBe('读取文件');
    expect(progress.find('.el-progress').classes()).toContain('el-progress--without-text');
    expect(wrapper.find(byTest('import-cancel')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);

    await nextPoll();
    expect(text(wrapper, 'import-progress-phase')).toBe('逐行核对');
    expect(text(wrapper, 'import-progress-amount')).toBe('40 / 120');
    expect(wrapper.find(byTest('import-progress')).find('.el-progress__text').text()).toBe('33%');

    await nextPoll();
    expect(fake['job:get']).toHaveBeenCalledTimes(3);
    expect(wrapper.find(byTest('import-progress')).exists()).toBe(false);
    expect(text(wrapper, 'import-count-households')).toBe('6 户 / 14 人');
    expect(text(wrapper, 'import-count-new')).toBe('2 户');
    expect(text(wrapper, 'import-count-updated')).toBe('1 户');
    expect(text(wrapper, 'import-count-unchanged')).toBe('3 户');
    expect(text(wrapper, 'import-count-existing')).toBe('4 户');
    expect(text(wrapper, 'import-count-rejected')).toBe('1 行');
    expect(text(wrapper, 'import-layout')).toBe('每行一人');
    expect(text(wrapper, 'import-notices')).toContain('本次不删除');
    expect(wrapper.find(byTest('import-notices')).findAll('.el-alert--info')).toHaveLength(1);
    expect(text(wrapper, 'import-columns')).toContain('证件号码');
    expect(text(wrapper, 'import-unknown-columns')).toContain('备注');
    const problems = text(wrapper, 'import-problems');
    expect(problems).toContain('云中村');
    expect(problems).toContain('9');
    expect(wrapper.find(byTest('import-default-status')).exists()).toBe(false);
    expect(commitDisabled(wrapper)).toBe(false);
    expect(text(wrapper, 'import-commit-hint')).toBe('将新增 2 户、更新 1 户');
  });

  it('shows a refusal of the file in Chinese and keeps the file choice', async () => {
    const message = '“旧表.csv”缺少必需的列：与户主关系；请对照导入模板补齐列名后再导入';
    const fake = installFakeLedger({ 'import:start': () => ({ ok: false, error: { code: 'VALIDATION', message } }) });
    const { wrapper } = await openPage();

    chooseFile('旧表.csv', '姓名,证件号码\r\n张三,1\r\n');
    await settle();

    expect(text(wrapper, 'import-error')).toContain(message);
    expect(fake['job:get']).not.toHaveBeenCalled();
    expect(wrapper.find(byTest('import-file')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-help')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);
  });

  it('shows the message of a check that failed', async () => {
    const message = '“花名册.xlsx”不是有效的 Excel 文件，可能已损坏';
    installJobs(() => [running('读取文件', 0, null), { state: 'failed', phase: '读取文件', error: { code: 'VALIDATION', message } }]);
    const { wrapper } = await openPage();

    chooseFile('花名册.xlsx', 'PK');
    await settle();
    expect(wrapper.find(byTest('import-progress')).exists()).toBe(true);
    await nextPoll();

    expect(text(wrapper, 'import-error')).toBe(message);
    expect(wrapper.find(byTest('import-progress')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-help')).exists()).toBe(true);
  });

  it('cancels a running check: job:cancel, and the clerk is told the registry is unchanged', async () => {
    const fake = installJobs(() => [running('逐行核对', 10, 100)]);
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    expect(text(wrapper, 'import-progress-amount')).toBe('10 / 100');

    await wrapper.find(byTest('import-cancel')).trigger('click');
    await settle();

    expect(fake['job:cancel']).toHaveBeenCalledWith({ jobId: 'job-1' });
    expect(text(wrapper, 'import-cancelled')).toBe('已取消，台账未改动');
    expect(wrapper.find(byTest('import-progress')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-error')).exists()).toBe(false);
    // Back to choosing a file.
    expect(wrapper.find(byTest('import-help')).exists()).toBe(true);
    expect((wrapper.find(byTest('import-file')).element as HTMLInputElement).disabled).toBe(false);
  });

  it('asks for the 户类型 of new households when the file has none, and re-checks with it before 确认导入', async () => {
    const fake = installJobs((input) => [
      running('逐行核对', 2, 5),
      finished(input.defaultStatus ? { ...HOUSEHOLD_SHEET, notices: [`5 户新户将登记为${input.defaultStatus}`] } : HOUSEHOLD_SHEET),
    ]);
    const { wrapper } = await openPage();
    chooseFile('户表.xlsx', CSV);
    await settle();
    await nextPoll();

    expect(text(wrapper, 'import-layout')).toBe('每行一户（国家系统户表，只含户主）');
    const card = wrapper.find(byTest('import-default-status-card'));
    expect(card.text()).toContain('新户按以下户类型登记');
    expect(card.text()).toContain('国家系统导出的表没有“户类型”列');
    const select = () => wrapper.findAllComponents(ElSelect).find((s) => s.attributes('data-test') === 'import-default-status')!;
    expect(select().props('modelValue')).toBe(''); // nothing chosen for the clerk
    // The options are the code table's labels.
    await select().find('.el-select__wrapper').trigger('click');
    await settle();
    const options = $$('.el-select-dropdown__item').map((o) => o.textContent?.trim());
    expect(options).toEqual(expect.arrayContaining(householdStatus.entries.map((e) => e.label)));
    expect(commitDisabled(wrapper)).toBe(true);
    expect(text(wrapper, 'import-commit-hint')).toBe('请先选择新户的户类型');
    expect(fake['import:start']).toHaveBeenCalledTimes(1);

    select().vm.$emit('update:modelValue', 'LIFTED_HOUSEHOLD');
    await settle();
    expect(fake['import:start']).toHaveBeenCalledTimes(2);
    expect(fake['import:start']).toHaveBeenLastCalledWith({
      fileName: '户表.xlsx', contentBase64: referenceBase64(utf8(CSV)), commit: false, defaultStatus: 'LIFTED_HOUSEHOLD',
    });
    // Re-checking: progress shown, 确认导入 still off.
    expect(text(wrapper, 'import-progress')).toContain('正在按“脱贫户”重新预检');
    expect(commitDisabled(wrapper)).toBe(true);
    await nextPoll();

    expect(wrapper.find(byTest('import-progress')).exists()).toBe(false);
    expect(text(wrapper, 'import-notices')).toContain('登记为LIFTED_HOUSEHOLD');
    expect(select().props('modelValue')).toBe('LIFTED_HOUSEHOLD');
    expect(commitDisabled(wrapper)).toBe(false);

    const message = await confirmImport(5);
    expect(message).toContain('户类型登记为“脱贫户”');
    expect(fake['import:start']).toHaveBeenCalledTimes(3);
    expect(fake['import:start']).toHaveBeenLastCalledWith({
      fileName: '户表.xlsx', contentBase64: referenceBase64(utf8(CSV)), commit: true, defaultStatus: 'LIFTED_HOUSEHOLD',
    });
  });

  it('disables 确认导入 when nothing is new or changed', async () => {
    installJobs(() => [finished({ ...PREVIEW, newHouseholds: 0, updatedHouseholds: 0, unchangedHouseholds: 6 })]);
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    expect(text(wrapper, 'import-count-unchanged')).toBe('6 户');
    expect(commitDisabled(wrapper)).toBe(true);
    expect(text(wrapper, 'import-commit-hint')).toContain('无需导入');
  });

  it('imports after confirmation with a progress bar, then shows what was done, the backup and the rejected rows', async () => {
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:errors');
    const fake = installJobs((input) =>
      input.commit ? [running('写入台账', 3, 6), running('生成未导入行', 1, 1), finished(RESULT)] : [finished(PREVIEW)],
    );
    const { wrapper, router } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();

    const message = await confirmImport(3);
    expect(message).toContain('写入 2 户新农户');
    expect(message).toContain('更新台账中已有的 1 户');
    expect(fake['import:start']).toHaveBeenLastCalledWith({ fileName: '花名册.csv', contentBase64: referenceBase64(utf8(CSV)), commit: true });
    expect(text(wrapper, 'import-progress')).toContain('正在导入“花名册.csv”');
    expect(text(wrapper, 'import-progress-phase')).toBe('写入台账');
    expect(text(wrapper, 'import-progress-amount')).toBe('3 / 6');
    expect(wrapper.find(byTest('import-progress')).find('.el-progress__text').text()).toBe('50%');
    expect(commitDisabled(wrapper)).toBe(true);
    expect(text(wrapper, 'import-commit')).toBe('正在导入…');

    await nextPoll();
    expect(text(wrapper, 'import-progress-phase')).toBe('生成未导入行');
    await nextPoll();

    expect(wrapper.find(byTest('import-progress')).exists()).toBe(false);
    const panel = wrapper.find(byTest('import-result'));
    expect(panel.text()).toContain('已导入 2 户 5 人，更新 1 户');
    expect(text(wrapper, 'import-result-created')).toBe('2 户');
    expect(text(wrapper, 'import-result-updated')).toBe('1 户');
    expect(text(wrapper, 'import-result-unchanged')).toBe('3 户');
    expect(text(wrapper, 'import-result-people')).toBe('5 人');
    expect(text(wrapper, 'import-result-rejected')).toBe('1 行');
    expect(text(wrapper, 'import-backup-file')).toBe(`导入前的台账已备份到：${RESULT.backupFile}`);
    expect(text(wrapper, 'import-notices')).toContain('本次不删除');
    expect(text(wrapper, 'import-result-problems')).toContain('云中村');
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);
    expect(text(wrapper, 'import-quality')).toContain('导入后已自动检查：错误 4 条，提示 12 条');
    await wrapper.find(byTest('import-go-quality')).trigger('click');
    // The page's chunk loads first.
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/quality'));

    await wrapper.find(byTest('import-download-errors')).trigger('click');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0]![0] as Blob;
    expect(new TextDecoder().decode(await blob.arrayBuffer())).toBe('xlsx');

    // 再导入一个文件: back to choosing, nothing of this import left.
    await wrapper.find(byTest('import-again')).trigger('click');
    await settle();
    expect(wrapper.find(byTest('import-result')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-help')).exists()).toBe(true);
  });

  it('says nothing about a backup when there is none, and offers no download when every row was taken', async () => {
    installJobs((input) => [finished(input.commit ? { ...RESULT, rejectedRows: 0, problems: [], backupFile: null, errorWorkbook: null, quality: null } : PREVIEW)]);
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    await confirmImport(3);

    expect(wrapper.find(byTest('import-result')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-backup-file')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-download-errors')).exists()).toBe(false);
    // The check after the import could not run: nothing is said about it here (the core says why in a notice).
    expect(wrapper.find(byTest('import-quality')).exists()).toBe(false);
  });

  it('cancels a running import: job:cancel, the registry is unchanged and the preview stays', async () => {
    const fake = installJobs((input) => (input.commit ? [running('写入台账', 1, 3)] : [finished(PREVIEW)]));
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    await confirmImport(3);
    expect(wrapper.find(byTest('import-progress')).exists()).toBe(true);

    await wrapper.find(byTest('import-cancel')).trigger('click');
    await settle();

    expect(fake['job:cancel']).toHaveBeenCalledWith({ jobId: 'job-2' });
    expect(text(wrapper, 'import-cancelled')).toBe('已取消，台账未改动');
    expect(wrapper.find(byTest('import-result')).exists()).toBe(false);
    expect(text(wrapper, 'import-count-new')).toBe('2 户');
    expect(commitDisabled(wrapper)).toBe(false);
  });

  it('shows the result, not 已取消, when the import finished before 取消 reached it', async () => {
    const fake = installJobs((input) => (input.commit ? [running('写入台账', 3, 3), finished(RESULT)] : [finished(PREVIEW)]), {
      'job:cancel': ({ jobId }) => ({ ok: true, data: jobView(jobId, finished(RESULT)) }),
    });
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    await confirmImport(3);

    await wrapper.find(byTest('import-cancel')).trigger('click');
    await settle();

    expect(fake['job:cancel']).toHaveBeenCalledWith({ jobId: 'job-2' });
    expect(wrapper.find(byTest('import-cancelled')).exists()).toBe(false);
    expect(text(wrapper, 'import-result-created')).toBe('2 户');
  });

  it('keeps the preview when the import fails', async () => {
    installJobs((input) =>
      input.commit ? [running('写入台账', 1, 3), { state: 'failed', phase: '写入台账', error: { code: 'IO', message: '台账文件被占用' } }] : [finished(PREVIEW)],
    );
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    await confirmImport(3);
    await nextPoll();

    expect(text(wrapper, 'import-error')).toBe('导入没有完成，台账未改动：台账文件被占用');
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-result')).exists()).toBe(false);
    expect(commitDisabled(wrapper)).toBe(false);
  });

  it('stops a running check when the clerk leaves the page', async () => {
    const fake = installJobs(() => [running('逐行核对', 10, 100)]);
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    expect(fake['job:get']).toHaveBeenCalledTimes(1);

    mounted.splice(mounted.indexOf(wrapper), 1);
    wrapper.unmount();
    await nextPoll();

    expect(fake['job:cancel']).toHaveBeenCalledWith({ jobId: 'job-1' });
    expect(fake['job:get']).toHaveBeenCalledTimes(1); // no more polling
  });

  it('clears the previous preview as soon as another file is chosen', async () => {
    installJobs((input) => (input.fileName === '花名册.csv' ? [finished(PREVIEW)] : [running('读取文件', 0, null)]));
    const { wrapper } = await openPage();
    chooseFile('花名册.csv', CSV);
    await settle();
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(true);

    chooseFile('第二个.csv', CSV);
    await settle();
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);
    expect(wrapper.find(byTest('import-commit')).exists()).toBe(false);
    expect(text(wrapper, 'import-progress')).toContain('正在预检“第二个.csv”');
  });
});
