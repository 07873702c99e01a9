import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, withDirectives } from 'vue';
import { vEnterNext } from '../../src/renderer/src/directives/enter-next';
import { useSettingsStore } from '../../src/renderer/src/stores/settings.store';
import { installFakeLedger, mountWithApp, RoutedPage, settle } from './support';

afterEach(() => {
  delete window.ledger;
  document.body.innerHTML = '';
});

/** a, (read-only b), c, (checkbox), textarea, d, (e in a skipped cell), f */
const Fields = defineComponent({
  render: () =>
    withDirectives(
      h('form', [
        h('input', { id: 'a' }),
        h('input', { id: 'b', readonly: true }),
        h('input', { id: 'c' }),
        h('input', { id: 'flag', type: 'checkbox' }),
        h('textarea', { id: 't' }),
        h('input', { id: 'd' }),
        h('div', { 'data-enter-skip': 'true' }, [h('input', { id: 'e' })]),
        h('input', { id: 'f' }),
      ]),
      [[vEnterNext]],
    ),
});

async function pressEnter(selector: string, wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper'], init: KeyboardEventInit = {}) {
  const field = wrapper.find(selector);
  (field.element as HTMLElement).focus();
  await field.trigger('keydown', { key: 'Enter', ...init });
  return document.activeElement;
}

describe('v-enter-next: Enter walks the form like Tab, without surprises', () => {
  it('moves to the next field, passing over read-only, check-box and skipped fields', async () => {
    const { wrapper } = await mountWithApp(Fields);

    expect((await pressEnter('#a', wrapper))?.id).toBe('c');
    expect((await pressEnter('#c', wrapper))?.id).toBe('t');
    expect((await pressEnter('#d', wrapper))?.id).toBe('f');
  });

  it('goes back with Shift+Enter', async () => {
    const { wrapper } = await mountWithApp(Fields);

    expect((await pressEnter('#c', wrapper, { shiftKey: true }))?.id).toBe('a');
  });

  it('keeps Enter as a new line in a textarea; Ctrl+Enter moves on', async () => {
    const { wrapper } = await mountWithApp(Fields);

    expect((await pressEnter('#t', wrapper))?.id).toBe('t');
    expect((await pressEnter('#t', wrapper, { ctrlKey: true }))?.id).toBe('d');
  });

  it('does not move while an input method is composing (Enter commits the pinyin)', async () => {
    const { wrapper } = await mountWithApp(Fields);

    expect((await pressEnter('#a', wrapper, { isComposing: true }))?.id).toBe('a');
  });
});

describe('Enter on the household form', () => {
  async function openForm() {
    installFakeLedger();
    const mounted = await mountWithApp(RoutedPage, { path: '/households/new' });
    await useSettingsStore().load();
    await settle();
    return mounted.wrapper;
  }

  it('moves from 户编号 to the 行政村 select', async () => {
    const wrapper = await openForm();

    const focused = await pressEnter('input[data-test="field-householdNo"]', wrapper);

    expect(focused).toBe(wrapper.find('[data-test="field-villageId"] input').element);
  });

  it('moves from a member’s 姓名 to 证件类型 in the same row', async () => {
    const wrapper = await openForm();

    const focused = await pressEnter('input[data-test="member-name"]', wrapper);

    expect(focused).toBe(wrapper.find('[data-test="member-documentType"] input').element);
  });

  it('skips 性别 and 出生日期 once a valid ID number has filled them', async () => {
    const wrapper = await openForm();
    const id = wrapper.find('input[data-test="member-idNumber"]');

    expect(await pressEnter('input[data-test="member-idNumber"]', wrapper)).toBe(wrapper.find('[data-test="member-sex"] input').element);

    await id.setValue('110101198001019998');
    expect(await pressEnter('input[data-test="member-idNumber"]', wrapper)).toBe(
      wrapper.find('[data-test="member-relationship"] input').element,
    );
  });

  it('leaves Enter to an open select, which uses it to pick the option', async () => {
    const wrapper = await openForm();
    const villageInput = wrapper.find('[data-test="field-villageId"] input');
    villageInput.element.setAttribute('aria-expanded', 'true');

    expect(await pressEnter('[data-test="field-villageId"] input', wrapper)).toBe(villageInput.element);
  });
});
