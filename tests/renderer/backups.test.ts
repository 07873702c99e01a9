import { afterEach, describe, expect, it, vi } from 'vitest';
import { folderOf, formatMegabytes, numberOrBlank, reasonLabel, reasonTagType, restoreFailureText } from '../../src/renderer/src/backups/backup-view';
import BackupSettings from '../../src/renderer/src/components/settings/BackupSettings.vue';
import { formatDateTime } from '../../src/renderer/src/format';
import type { BackupInfo, RestoreResult } from '../../src/shared/domain/backup.types';
import { $, $$, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { installFakeLedger, mountWithApp, settle } from './support';

afterEach(() => {
  vi.restoreAllMocks();
  delete window.ledger;
  document.body.innerHTML = '';
});

const DIR = 'C:\\Users\\wxl\\AppData\\Roaming\\bangfu-ledger\\backups';
const backup = (reason: string, takenAt: string, sizeBytes: number): BackupInfo => {
  const fileName = `ledger-${reason}-${takenAt.replace(/[-:.Z]/g, '')}.sqlite`;
  return { fileName, path: `${DIR}\\${fileName}`, reason, takenAt, sizeBytes };
};
const MANUAL = backup('手动', '2026-04-02T08:30:00.000Z', 12_582_912);
const DAILY = backup('每日', '2026-04-01T01:05:00.000Z', 12_400_000);
const UPGRADE = backup('升级前-v6', '2026-03-20T02:00:00.000Z', 310_000);
const LIST = [MANUAL, DAILY, UPGRADE];

const SAFETY = backup('恢复前', '2026-04-03T09:00:00.000Z', 12_700_000);
const RESTORED: RestoreResult = { restoredFrom: MANUAL.path, safetyBackup: SAFETY, fromSchemaVersion: 7, households: 1234 };

type Handlers = Parameters<typeof installFakeLedger>[0];

function backupLedger(handlers: Handlers = {}) {
  return installFakeLedger({
    'backup:list': () => ({ ok: true, data: LIST }),
    'backupSettings:get': () => ({ ok: true, data: { keepDays: 14, keepMonths: 12 } }),
    ...handlers,
  });
}

async function open(fake = backupLedger()) {
  const mounted = await mountWithApp(BackupSettings);
  await settle();
  return { ...mounted, fake };
}

const textOf = (id: string) => $(byTest(id)).textContent ?? '';
const rows = () => $$(`${byTest('backup-table')} .el-table__body-wrapper tbody tr`);
const boxButton = (label: string) => $$('.el-message-box__btns button').find((b) => b.textContent?.includes(label))!;
/** Element Plus puts `data-test` on the <input> itself. */
const inputValue = (id: string) => ($(byTest(id)) as HTMLInputElement).value;

describe('backup display helpers', () => {
  it('formats sizes in MB, reasons as tags, and finds the folder whatever the separator', () => {
    expect(formatMegabytes(12_582_912)).toBe('12.0 MB');
    expect(formatMegabytes(310_000)).toBe('0.30 MB');
    expect(formatMegabytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(formatMegabytes(2000)).toBe('< 0.01 MB');
    expect(reasonTagType('手动')).toBe('primary');
    expect(reasonTagType('恢复前')).toBe('danger');
    expect(reasonTagType('导入前')).toBe('warning');
    expect(reasonTagType('升级前-v6')).toBe('success');
    expect(reasonTagType('每日')).toBe('info');
    expect(reasonLabel('升级前-v6')).toBe('升级前（数据版本 6）');
    expect(reasonLabel('结账前')).toBe('结账前');
    expect(folderOf(`${DIR}\\x.sqlite`)).toBe(DIR);
    expect(folderOf('/home/wxl/.config/bangfu-ledger/backups/x.sqlite')).toBe('/home/wxl/.config/bangfu-ledger/backups');
    expect(numberOrBlank(' ３０ ')).toBe(30);
    expect(numberOrBlank('  ')).toBeUndefined();
    expect(numberOrBlank('十')).toBeNaN();
    expect(restoreFailureText({ code: 'NOT_FOUND', message: '备份列表中没有“x.sqlite”。' })).toEqual({ message: '备份列表中没有“x.sqlite”', unchanged: true });
    expect(restoreFailureText({ code: 'IO', message: '数据库正被其他程序使用，请稍后再试' }).unchanged).toBe(false);
  });
});

describe('BackupSettings: the list', () => {
  it('explains the automatic backups and lists the backups newest first: local time, reason, size, file name', async () => {
    const { fake } = await open();
    expect(fake['backup:list']).toHaveBeenCalledWith({});

    const explain = textOf('backup-explain');
    expect(explain).toContain('自动备份：每天第一次打开时、导入前、月末结账前、恢复前和程序升级前自动备份');
    expect(explain).toContain('备份放在数据库旁的 backups 文件夹');
    expect(explain).toContain('每份备份写完后都会校验');
    expect(textOf('backup-folder')).toBe(DIR);

    expect(rows()).toHaveLength(3);
    const first = rows()[0]!;
    expect(first.querySelector(byTest('backup-time'))!.textContent).toBe(formatDateTime(MANUAL.takenAt));
    expect(first.querySelector(byTest('backup-time'))!.textContent).toMatch(/^2026-04-02 \d\d:30$/);
    expect(first.querySelector(byTest('backup-reason'))!.textContent).toBe('手动');
    expect(first.querySelector(byTest('backup-reason'))!.className).toContain('el-tag--primary');
    expect(first.querySelector(byTest('backup-size'))!.textContent).toBe('12.0 MB');
    expect(first.querySelector(byTest('backup-file'))!.textContent).toBe(MANUAL.fileName);
    expect(rows()[2]!.querySelector(byTest('backup-reason'))!.textContent).toBe('升级前（数据版本 6）');
    expect(rows()[2]!.querySelector(byTest('backup-size'))!.textContent).toBe('0.30 MB');
    expect($$(byTest('backup-restore'))).toHaveLength(3);
  });

  it('says so when there is no backup yet', async () => {
    await open(backupLedger({ 'backup:list': () => ({ ok: true, data: [] }) }));
    expect(rows()).toHaveLength(0);
    expect(textOf('backup-empty')).toContain('还没有备份');
    expect(document.querySelector(byTest('backup-folder'))).toBeNull();
  });
});

describe('BackupSettings: making a backup', () => {
  it('立即备份 writes one into the backups folder, shows where, and reads the list again', async () => {
    let list = [DAILY];
    const fake = backupLedger({
      'backup:list': () => ({ ok: true, data: list }),
      'backup:create': () => {
        list = [MANUAL, DAILY];
        return { ok: true, data: MANUAL };
      },
    });
    await open(fake);
    expect(rows()).toHaveLength(1);

    await click('backup-now');

    expect(fake['backup:create']).toHaveBeenCalledWith({});
    expect(textOf('backup-created-path')).toBe(MANUAL.path);
    expect(textOf('backup-created')).toContain('12.0 MB');
    expect(textOf('backup-created')).toContain('写完后已校验');
    expect(rows()).toHaveLength(2);
    expect(fake['backup:list']).toHaveBeenCalledTimes(2);
  });

  it('shows the button as working while the backup is written, and a second click sends nothing more', async () => {
    let finish!: () => void;
    const fake = backupLedger();
    fake['backup:create'].mockImplementation(() => new Promise((resolve) => (finish = () => resolve({ ok: true, data: MANUAL }))));
    await open(fake);

    await click('backup-now');
    const button = $(byTest('backup-now'));
    expect(button.className).toContain('is-loading');
    expect(button.textContent).toContain('正在备份');
    expect(textOf('backup-working')).toContain('正在备份');
    expect(($(byTest('backup-restore')) as HTMLButtonElement).disabled).toBe(true);
    await click('backup-now');
    expect(fake['backup:create']).toHaveBeenCalledTimes(1);

    finish();
    await settle();
    expect($(byTest('backup-now')).className).not.toContain('is-loading');
    expect(document.querySelector(byTest('backup-working'))).toBeNull();
  });

  it('备份到其他位置 needs a place, then sends it and shows the resulting path', async () => {
    const onStick = { ...MANUAL, path: 'E:\\台账备份\\ledger-手动-20260402T083000000.sqlite' };
    const fake = backupLedger({ 'backup:create': () => ({ ok: true, data: onStick }) });
    await open(fake);

    await click('backup-elsewhere-toggle');
    await click('backup-elsewhere-submit');
    await formItemErrorsShown();
    expect(fieldError('backup-elsewhere-path')).toBe('请填写备份保存位置');
    expect(fake['backup:create']).not.toHaveBeenCalled();

    await type('backup-elsewhere-path', '  E:\\台账备份 ');
    await click('backup-elsewhere-submit');
    expect(fake['backup:create']).toHaveBeenCalledWith({ to: 'E:\\台账备份' });
    expect(textOf('backup-created-path')).toBe(onStick.path);
  });

  it('shows a refused backup in Chinese', async () => {
    const fake = backupLedger({ 'backup:create': () => ({ ok: false, error: { code: 'CONFLICT', message: '“E:\\台账.sqlite”已存在，请换一个文件名，以免覆盖' } }) });
    await open(fake);
    await click('backup-elsewhere-toggle');
    await type('backup-elsewhere-path', 'E:\\台账.sqlite');
    await click('backup-elsewhere-submit');
    expect(textOf('backup-create-error')).toContain('没有备份：“E:\\台账.sqlite”已存在，请换一个文件名，以免覆盖');
    expect(document.querySelector(byTest('backup-created'))).toBeNull();
  });
});

describe('BackupSettings: restoring', () => {
  it('asks first; cancelling sends nothing', async () => {
    const fake = await open().then((m) => m.fake);

    await click('backup-restore');
    const question = textOf('backup-restore-question');
    expect(question).toContain(MANUAL.fileName);
    expect(question).toContain('当前台账会先备份为“恢复前”，然后被所选备份替换；恢复后页面会重新载入');
    expect(boxButton('恢复，替换当前台账').className).toContain('el-button--danger');

    boxButton('取消').click();
    await settle();
    expect(fake['backup:restore']).not.toHaveBeenCalled();
    expect(document.querySelector(byTest('backup-restored'))).toBeNull();
  });

  it('on confirmation restores the row’s backup by file name, shows the result, and reloads on 重新载入', async () => {
    const reload = vi.spyOn(window.location, 'reload').mockImplementation(() => undefined);
    const fake = backupLedger({ 'backup:restore': () => ({ ok: true, data: RESTORED }) });
    await open(fake);

    $$(byTest('backup-restore'))[0]!.click();
    await settle();
    boxButton('恢复，替换当前台账').click();
    await settle();

    expect(fake['backup:restore']).toHaveBeenCalledTimes(1);
    expect(fake['backup:restore']).toHaveBeenCalledWith({ fileName: MANUAL.fileName });
    expect(textOf('backup-restored-from')).toContain(MANUAL.path);
    expect(textOf('backup-restored-households')).toContain('1234');
    expect(textOf('backup-restored-safety')).toContain(SAFETY.fileName);
    expect(textOf('backup-restored-safety')).toContain(SAFETY.path);
    expect(reload).not.toHaveBeenCalled();

    await click('backup-reload');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('shows the refusal and says the registry is unchanged', async () => {
    const refusal = '“ledger-手动-20260402T083000000.sqlite”由更新版本的帮扶台账写入（数据版本 9），当前程序只支持到版本 7，请先升级程序';
    const fake = backupLedger({ 'backup:restore': () => ({ ok: false, error: { code: 'CONFLICT', message: refusal } }) });
    await open(fake);

    await click('backup-restore');
    boxButton('恢复，替换当前台账').click();
    await settle();

    expect(fake['backup:restore']).toHaveBeenCalledTimes(1);
    const shown = textOf('backup-restore-error');
    expect(shown).toContain(`没有恢复：${refusal}`);
    expect(shown).toContain('台账没有任何改动');
    expect(document.querySelector(byTest('backup-restored'))).toBeNull();
    expect(($(byTest('backup-restore')) as HTMLButtonElement).disabled).toBe(false);
  });

  it('does not claim nothing changed when the failure came after the registry was touched', async () => {
    const fake = backupLedger({ 'backup:restore': () => ({ ok: false, error: { code: 'IO', message: '恢复后的台账完整性检查未通过（x），请用“ledger-恢复前-1.sqlite”恢复到恢复前的状态' } }) });
    await open(fake);
    await click('backup-restore');
    boxButton('恢复，替换当前台账').click();
    await settle();
    const shown = textOf('backup-restore-error');
    expect(shown).toContain('恢复后的台账完整性检查未通过');
    expect(shown).not.toContain('台账没有任何改动');
  });

  it('从文件恢复 needs a path, asks, then restores from that path', async () => {
    const fake = backupLedger({ 'backup:restore': () => ({ ok: true, data: { ...RESTORED, restoredFrom: 'E:\\台账备份\\old.sqlite' } }) });
    await open(fake);

    await click('backup-from-file-toggle');
    await click('backup-from-file-submit');
    await formItemErrorsShown();
    expect(fieldError('backup-from-file-path')).toBe('请填写要恢复的备份文件');
    expect(document.querySelector('.el-message-box')).toBeNull();

    await type('backup-from-file-path', ' E:\\台账备份\\old.sqlite ');
    await click('backup-from-file-submit');
    expect(textOf('backup-restore-question')).toContain('E:\\台账备份\\old.sqlite');
    boxButton('恢复，替换当前台账').click();
    await settle();

    expect(fake['backup:restore']).toHaveBeenCalledWith({ path: 'E:\\台账备份\\old.sqlite' });
    expect(textOf('backup-restored-from')).toContain('E:\\台账备份\\old.sqlite');
  });
});

describe('BackupSettings: keep rules', () => {
  it('shows the stored rules', async () => {
    const { fake } = await open();
    expect(fake['backupSettings:get']).toHaveBeenCalledWith({});
    expect(inputValue('backup-keep-days')).toBe('14');
    expect(inputValue('backup-keep-months')).toBe('12');
  });

  it('refuses out-of-range and non-integer numbers with the schema’s messages, and sends nothing', async () => {
    const { fake } = await open();

    await type('backup-keep-days', '0');
    await type('backup-keep-months', '121');
    await click('backup-keep-save');
    await formItemErrorsShown();
    expect(fieldError('backup-keep-days')).toBe('至少保留最近 1 天的备份');
    expect(fieldError('backup-keep-months')).toBe('最多保留最近 120 个月的备份');

    await type('backup-keep-days', '2.5');
    await type('backup-keep-months', '-1');
    await click('backup-keep-save');
    await formItemErrorsShown();
    expect(fieldError('backup-keep-days')).toBe('保留天数应为整数');
    expect(fieldError('backup-keep-months')).toBe('保留月数不能小于 0');

    await type('backup-keep-days', '三十');
    await type('backup-keep-months', '');
    await click('backup-keep-save');
    await formItemErrorsShown();
    expect(fieldError('backup-keep-days')).toBe('保留天数应为整数');
    expect(fieldError('backup-keep-months')).toBe('保留月数应为整数');

    expect(fake['backupSettings:update']).not.toHaveBeenCalled();
  });

  it('saves valid rules as numbers and reads the list again (old copies may have been removed)', async () => {
    const fake = backupLedger({ 'backupSettings:update': (input) => ({ ok: true, data: input }) });
    await open(fake);

    await type('backup-keep-days', ' 30 ');
    await type('backup-keep-months', '0');
    await click('backup-keep-save');

    expect(fake['backupSettings:update']).toHaveBeenCalledWith({ keepDays: 30, keepMonths: 0 });
    expect(fieldError('backup-keep-days')).toBe('');
    expect(fake['backup:list']).toHaveBeenCalledTimes(2);
    expect(document.body.textContent).toContain('备份保留规则已保存');
  });

  it('shows the ledger’s refusal', async () => {
    const fake = backupLedger({ 'backupSettings:update': () => ({ ok: false, error: { code: 'CONFLICT', message: '正在导入花名册，请等导入完成后再修改' } }) });
    await open(fake);
    await click('backup-keep-save');
    expect(fake['backupSettings:update']).toHaveBeenCalledWith({ keepDays: 14, keepMonths: 12 });
    expect(textOf('backup-keep-error')).toContain('正在导入花名册，请等导入完成后再修改');
  });
});
