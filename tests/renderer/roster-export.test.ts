import { ElTable } from 'element-plus';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { useHouseholdsStore } from '../../src/renderer/src/stores/households.store';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.store';
import type { ExportFile, ExportLogEntry } from '../../src/shared/domain/export.types';
import type { HouseholdRow } from '../../src/shared/domain/registry.types';
import { $, $$, byTest, check, click } from './dom';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  vi.restoreAllMocks();
  delete window.ledger;
  document.body.innerHTML = '';
});

const ROWS = [7, 8].map((id) => ({
  id, householdNo: `H${id}`, villageId: 1, villageName: '石桥村', groupId: null, groupName: null, headName: `户主${id}`, headIdNumber: null,
  memberCount: 3, status: 'LIFTED_HOUSEHOLD', attribute: null, mainCause: null, monitoringCategory: null, riskState: null, phone: null,
  updatedAt: '2025-01-01', deletedAt: null,
})) as HouseholdRow[];

/** "UEsDBA==" is the start of any zip (PK\3\4): enough to check what is handed to the download. */
const FILE: ExportFile = { fileName: '西江镇花名册（导入模板格式）-2025-05-01.xlsx', contentBase64: 'UEsDBA==', households: 2, rows: 6 };

function listLedger(exportAnswer: () => { ok: true; data: ExportFile } | { ok: false; error: { code: 'CONFLICT'; message: string } } = () => ({ ok: true, data: FILE })) {
  return installFakeLedger({
    'household:list': () => ({ ok: true, data: { rows: ROWS, total: 2 } }),
    'export:roster': exportAnswer,
  });
}

const radio = (testId: string) => $(`${byTest(testId)} input`) as HTMLInputElement;

async function openDialog(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper']): Promise<void> {
  await wrapper.find(byTest('household-export')).trigger('click');
  await settle();
}

describe('导出花名册 from the household list', () => {
  it('exports everything in the chosen layout and downloads the file', async () => {
    const fake = listLedger();
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:roster');
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households' });
    await settle();
    await openDialog(wrapper);

    // Nothing filtered, nothing ticked: 全部 is proposed, 当前筛选 cannot be chosen and 已勾选 is not offered.
    expect(radio('export-scope-all').checked).toBe(true);
    expect(radio('export-scope-filtered').disabled).toBe(true);
    expect($(byTest('export-filter-text')).textContent).toBe('农户列表没有设置筛选条件');
    expect($$(byTest('export-scope-selected'))).toHaveLength(0);
    expect($(byTest('export-dialog')).textContent).toContain('国家系统户表（53列）');
    expect($(byTest('export-dialog')).textContent).toContain('2022年已脱贫人口名单');

    await check('export-layout-template');
    await click('export-submit');

    expect(fake['export:roster']).toHaveBeenCalledWith({ layout: 'template' });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const blob = createObjectURL.mock.calls[0]![0] as Blob;
    expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(document.body.textContent).toContain(`已导出 2 户 6 人，文件“${FILE.fileName}”已开始下载`);
  });

  it('proposes the list’s current filter, says what it is, and sends the same filter', async () => {
    const fake = listLedger();
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:roster');
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households' });
    await settle();
    await useSettingsStore().load(); // the main layout does this in the app
    const store = useHouseholdsStore();
    store.filters.villageId = 1;
    store.filters.status = 'LIFTED_HOUSEHOLD';
    store.filters.q = ' zs ';
    await openDialog(wrapper);

    expect(radio('export-scope-filtered').checked).toBe(true);
    expect($(byTest('export-filter-text')).textContent).toBe('行政村：石桥村；户状态：脱贫户；搜索“zs”');
    await click('export-submit');
    expect(fake['export:roster']).toHaveBeenCalledWith({ layout: 'national-member', q: 'zs', villageId: 1, status: 'LIFTED_HOUSEHOLD' });

    // 全部 stays available when a filter is set.
    await openDialog(wrapper);
    await check('export-scope-all');
    await check('export-layout-national-household');
    await click('export-submit');
    expect(fake['export:roster']).toHaveBeenLastCalledWith({ layout: 'national-household' });
  });

  it('exports the ticked households when some are ticked', async () => {
    const fake = listLedger();
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:roster');
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households' });
    await settle();
    const table = wrapper.findComponent(ElTable);
    for (const row of ROWS) (table.vm as unknown as { toggleRowSelection: (r: HouseholdRow, on: boolean) => void }).toggleRowSelection(row, true);
    await nextTick();
    await openDialog(wrapper);

    expect(radio('export-scope-selected').checked).toBe(true);
    expect($(byTest('export-scope-selected')).textContent).toContain('列表中勾选的 2 户');
    await check('export-layout-national-2022');
    await click('export-submit');
    expect(fake['export:roster']).toHaveBeenCalledWith({ layout: 'national-2022', householdIds: [7, 8] });
  });

  it('keeps the dialog open with the reason when the export is refused, and downloads nothing', async () => {
    listLedger(() => ({ ok: false, error: { code: 'CONFLICT', message: '正在导入花名册，请等导入完成后再导出' } }));
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:roster');
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households' });
    await settle();
    await openDialog(wrapper);
    await click('export-submit');

    expect($(byTest('export-error')).textContent).toContain('没有导出：正在导入花名册，请等导入完成后再导出');
    expect(createObjectURL).not.toHaveBeenCalled();
    expect(($(byTest('export-dialog')).closest('.el-overlay') as HTMLElement).style.display).not.toBe('none');
  });

  it('offers no export in the recycle bin', async () => {
    listLedger();
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/households' });
    await settle();
    useHouseholdsStore().deleted = true;
    await nextTick();
    expect(wrapper.find(byTest('household-export')).exists()).toBe(false);
  });
});

describe('导出登记', () => {
  const ENTRY: ExportLogEntry = {
    id: 3, exportedAt: '2025-05-01T02:30:00Z', operator: '王小丽', layout: 'national-member', filter: { villageId: 1 }, scope: '行政村：石桥村',
    fileName: '西江镇石桥村成员信息（国家系统成员表）-2025-05-01.xlsx', households: 120, rows: 402,
  };

  it('lists who exported what, when, in which layout, page by page', async () => {
    const fake = installFakeLedger({
      'export:register': () => ({ ok: true, data: { rows: [ENTRY, { ...ENTRY, id: 2, layout: 'national-household', rows: 120, scope: '全部农户' }], total: 2 } }),
    });
    const { wrapper } = await mountWithApp(RoutedPage, { path: '/exports' });
    await settle();

    expect(fake['export:register']).toHaveBeenCalledWith({ page: 1, pageSize: 20 });
    const rows = wrapper.findAll(`${byTest('export-register-table')} .el-table__body tr`);
    expect(rows).toHaveLength(2);
    for (const text of ['王小丽', '国家系统成员表（47列）', '行政村：石桥村', '120 户', '402 人', ENTRY.fileName]) expect(rows[0]!.text()).toContain(text);
    // The household table has one row per household: no head count of people.
    expect(rows[1]!.text()).toContain('国家系统户表（53列）');
    expect(rows[1]!.text()).not.toContain('人');
  });

  it('is reachable from the menu', async () => {
    installFakeLedger({ 'export:register': () => ({ ok: true, data: { rows: [], total: 0 } }) });
    const { router } = await mountWithApp(RoutedPage, { path: '/exports' });
    await settle();
    expect(router.currentRoute.value.meta.title).toBe('导出登记');
    expect(document.body.textContent).toContain('还没有导出过花名册');
  });
});
