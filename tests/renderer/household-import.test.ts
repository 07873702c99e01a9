import { afterEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { bytesToBase64, base64ToBytes, fileRefusal, fileToBase64, MAX_IMPORT_FILE_BYTES } from '../../src/renderer/src/import-file';
import HouseholdImportView from '../../src/renderer/src/views/HouseholdImportView.vue';
import type { ImportPreview, ImportResult } from '../../src/shared/domain/import.types';
import { $, $$, byTest } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
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

  it('refuses files over 30 MB and empty files before reading them', () => {
    expect(fileRefusal({ name: '全镇.xlsx', size: MAX_IMPORT_FILE_BYTES + 1 })).toContain('超过 30 MB');
    expect(fileRefusal({ name: '空.csv', size: 0 })).toContain('空文件');
    expect(fileRefusal({ name: '石桥村.xlsx', size: MAX_IMPORT_FILE_BYTES })).toBeNull();
  });
});

const PREVIEW: ImportPreview = {
  fileName: '花名册.csv',
  sheetName: null,
  encoding: 'UTF-8',
  headerRow: 1,
  columns: { village: '行政村', householdNo: '户编号', name: '姓名', idNumber: '证件号码', relationship: '与户主关系' },
  unknownColumns: [{ header: '备注', column: 'F' }],
  duplicateColumns: [],
  households: 3,
  people: 7,
  newHouseholds: 2,
  existingHouseholds: 1,
  rejectedRows: 1,
  problems: [{ row: 9, column: 'A', message: '行政村“云中村”不在台账中，请先在“设置”中添加' }],
};

function chooseFile(name: string, content: string): File {
  const file = new File([content], name, { type: 'text/csv' });
  const input = $(byTest('import-file')) as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  input.dispatchEvent(new Event('change', { bubbles: true }));
  return file;
}

describe('HouseholdImportView', () => {
  it('sends the file as base64 and shows the preview counts, columns and problems', async () => {
    const fake = installFakeLedger({ 'import:preview': () => ({ ok: true, data: PREVIEW }) });
    const { wrapper } = await mountWithApp(HouseholdImportView, { path: '/households/import' });
    await settle();
    expect(wrapper.find(byTest('import-help')).text()).toContain('.xlsx');

    chooseFile('花名册.csv', CSV);
    await settle();

    expect(fake['import:preview']).toHaveBeenCalledWith({ fileName: '花名册.csv', contentBase64: referenceBase64(utf8(CSV)) });
    const counts = wrapper.find(byTest('import-counts')).text();
    expect(counts).toContain('3 户 / 7 人');
    expect(counts).toContain('新增户');
    expect(wrapper.find(byTest('import-count-new')).text()).toBe('2 户');
    expect(wrapper.find(byTest('import-count-existing')).text()).toBe('1 户');
    expect(wrapper.find(byTest('import-count-rejected')).text()).toBe('1 行');
    expect(wrapper.find(byTest('import-columns')).text()).toContain('证件号码');
    expect(wrapper.find(byTest('import-unknown-columns')).text()).toContain('备注');
    const problems = wrapper.find(byTest('import-problems')).text();
    expect(problems).toContain('云中村');
    expect(problems).toContain('9');
    expect(wrapper.find(byTest('import-commit')).attributes('disabled')).toBeUndefined();
  });

  it('shows a refusal in Chinese and keeps the file choice', async () => {
    const message = '“旧表.csv”缺少必需的列：与户主关系；请对照导入模板补齐列名后再导入';
    installFakeLedger({ 'import:preview': () => ({ ok: false, error: { code: 'VALIDATION', message } }) });
    const { wrapper } = await mountWithApp(HouseholdImportView, { path: '/households/import' });
    await settle();

    chooseFile('旧表.csv', '姓名,证件号码\r\n张三,1\r\n');
    await settle();

    expect(wrapper.find(byTest('import-error')).text()).toContain(message);
    expect(wrapper.find(byTest('import-file')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(false);
  });

  it('disables 确认导入 when there is nothing new', async () => {
    installFakeLedger({ 'import:preview': () => ({ ok: true, data: { ...PREVIEW, newHouseholds: 0 } }) });
    const { wrapper } = await mountWithApp(HouseholdImportView, { path: '/households/import' });
    await settle();
    chooseFile('花名册.csv', CSV);
    await settle();
    expect(wrapper.find(byTest('import-commit')).attributes('disabled')).toBeDefined();
  });

  it('keeps the preview when the commit fails', async () => {
    installFakeLedger({
      'import:preview': () => ({ ok: true, data: PREVIEW }),
      'import:commit': () => ({ ok: false, error: { code: 'IO', message: '台账文件被占用' } }),
    });
    const { wrapper } = await mountWithApp(HouseholdImportView, { path: '/households/import' });
    await settle();
    chooseFile('花名册.csv', CSV);
    await settle();
    $(byTest('import-commit')).click();
    await settle();
    $$('.el-message-box__btns button').find((b) => b.textContent?.includes('导入 2 户'))!.click();
    await settle();

    expect(wrapper.find(byTest('import-error')).text()).toContain('台账文件被占用');
    expect(wrapper.find(byTest('import-counts')).exists()).toBe(true);
    expect(wrapper.find(byTest('import-result')).exists()).toBe(false);
  });

  it('commits after confirmation and offers the error workbook', async () => {
    const result: ImportResult = {
      fileName: '花名册.csv', created: 2, people: 5, skippedExisting: 1, rejectedRows: 1, problems: PREVIEW.problems,
      errorWorkbook: { fileName: '花名册-未导入的行.xlsx', contentBase64: btoa('xlsx') },
    };
    const fake = installFakeLedger({
      'import:preview': () => ({ ok: true, data: PREVIEW }),
      'import:commit': () => ({ ok: true, data: result }),
    });
    const { wrapper } = await mountWithApp(HouseholdImportView, { path: '/households/import' });
    await settle();
    chooseFile('花名册.csv', CSV);
    await settle();

    $(byTest('import-commit')).click();
    await settle();
    expect($('.el-message-box').textContent).toContain('2 户新农户');
    $$('.el-message-box__btns button').find((b) => b.textContent?.includes('导入 2 户'))!.click();
    await settle();
    await nextTick();

    expect(fake['import:commit']).toHaveBeenCalledTimes(1);
    const panel = wrapper.find(byTest('import-result'));
    expect(panel.text()).toContain('已导入 2 户 5 人');
    expect(wrapper.find(byTest('import-download-errors')).exists()).toBe(true);
  });
});
