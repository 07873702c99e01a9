/**
 * Test support for renderer components: a fake preload (`window.ledger`) answering from
 * per-method handlers, and a mount helper with Element Plus, Pinia and an in-memory router.
 */
import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { createPinia, setActivePinia } from 'pinia';
import { vi } from 'vitest';
import { defineComponent, h, type Component } from 'vue';
import { createMemoryHistory, RouterView } from 'vue-router';
import { createLedgerRouter } from '../../src/renderer/src/router';
import { API_METHODS, type ApiInput, type ApiMethod, type ApiOutput, type LedgerClient } from '../../src/shared/api';
import type { Village } from '../../src/shared/domain/registry.types';
import type { Result } from '../../src/shared/result';
import type { Settings } from '../../src/shared/schemas/settings.schema';

export const SETTINGS: Settings = {
  provinceName: '贵州省',
  provinceCode: null,
  cityName: '黔东南苗族侗族自治州',
  cityCode: null,
  countyName: '雷山县',
  countyCode: null,
  townshipName: '西江镇',
  townshipCode: null,
  operatorName: '王小丽',
};

export const VILLAGES: Village[] = [
  {
    id: 1,
    name: '石桥村',
    code: null,
    sort: 0,
    householdCount: 0,
    groups: [{ id: 11, villageId: 1, name: '一组', code: null, sort: 0, householdCount: 0 }],
  },
];

type Handlers = { [M in ApiMethod]?: (input: ApiInput<M>) => Result<ApiOutput<M>> };

/** Installs a fake preload. Methods without a handler answer with an error, so an unexpected call is visible. */
export function installFakeLedger(handlers: Handlers = {}) {
  const defaults: Handlers = {
    'settings:get': () => ({ ok: true, data: SETTINGS }),
    'village:list': () => ({ ok: true, data: VILLAGES }),
  };
  const all = { ...defaults, ...handlers } as Record<ApiMethod, ((input: unknown) => Result<unknown>) | undefined>;
  const fake = Object.fromEntries(
    API_METHODS.map((method) => [
      method,
      vi.fn(async (input: unknown) => all[method]?.(input) ?? { ok: false, error: { code: 'INTERNAL', message: `测试未模拟 ${method}` } }),
    ]),
  ) as unknown as LedgerClient & Record<ApiMethod, ReturnType<typeof vi.fn>>;
  window.ledger = fake;
  return fake;
}

/** A page as the app shows it: inside <RouterView>, so route guards and params work. */
export const RoutedPage = defineComponent({ name: 'RoutedPage', render: () => h(RouterView) });

/** Mounts with the app's plugins. `path` starts the in-memory router there (views read route params); `stubs` stand in for components happy-dom cannot run (a canvas chart). */
export async function mountWithApp<C extends Component>(
  component: C,
  options: { path?: string; props?: ComponentMountingOptions<C>['props']; stubs?: Record<string, Component> } = {},
) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createLedgerRouter(createMemoryHistory());
  await router.push(options.path ?? '/');
  await router.isReady();
  const wrapper = mount(component, {
    props: options.props,
    attachTo: document.body,
    global: { plugins: [pinia, router, [ElementPlus, { locale: zhCn }]], stubs: options.stubs },
  } as ComponentMountingOptions<C>);
  return { wrapper, router, pinia };
}

/** Lets pending promises (fake ledger calls) and Vue's re-render run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
