/**
 * The one-reason dialogs (ReasonDialog under 撤销, 撤销状态变更, 核实, 处理异议, 重新打开月份):
 * the shared schema's message before anything is sent, the core's refusal shown in the dialog
 * with the text kept, and — for a dialog about one record of many — nothing carried over to the
 * next record it is opened for.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import RevokeDialog from '../../src/renderer/src/components/assistance/RevokeDialog.vue';
import { $, byTest, click, fieldError, formItemErrorsShown, type } from './dom';
import { mountWithApp, settle } from './support';

afterEach(() => {
  document.body.innerHTML = '';
});

function host(revoke: (input: { id: number; reason: string }) => Promise<unknown>) {
  const open = ref(false);
  const recordId = ref<number | null>(null);
  const Host = defineComponent({
    setup: () => () =>
      h(RevokeDialog, {
        open: open.value,
        'onUpdate:open': (v: boolean) => (open.value = v),
        title: '撤销帮扶措施',
        description: `第 ${recordId.value} 条措施`,
        recordId: recordId.value,
        revoke: revoke as never,
      }),
  });
  return { Host, open, recordId };
}

describe('ReasonDialog (under 撤销)', () => {
  it('asks for the reason, shows a refusal with the text kept, and starts clean for the next record', async () => {
    const revoke = vi.fn(async () => ({ ok: false as const, error: { code: 'CONFLICT', message: '这条措施已于 2025-06-01 撤销' } }));
    const { Host, open, recordId } = host(revoke);
    await mountWithApp(Host);
    recordId.value = 7;
    open.value = true;
    await settle();

    await click('revoke-submit');
    await formItemErrorsShown();
    expect(fieldError('revoke-reason')).toBe('请填写撤销原因');
    expect(revoke).not.toHaveBeenCalled();

    await type('revoke-reason', '重复登记');
    await click('revoke-submit');
    expect(revoke).toHaveBeenCalledWith({ id: 7, reason: '重复登记' });
    expect($(byTest('revoke-error')).textContent).toContain('这条措施已于 2025-06-01 撤销');
    expect(($(byTest('revoke-reason')) as HTMLTextAreaElement).value).toBe('重复登记');

    // Closed, then opened for another record: neither the reason nor the refusal is carried over.
    open.value = false;
    await settle();
    recordId.value = 8;
    open.value = true;
    await settle();
    expect(($(byTest('revoke-reason')) as HTMLTextAreaElement).value).toBe('');
    expect(document.querySelector(byTest('revoke-error'))).toBeNull();
    expect($(byTest('revoke-dialog')).textContent).toContain('第 8 条措施');
  });
});
