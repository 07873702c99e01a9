/**
 * `v-test-input="'income-year'"`: puts `data-test` on the <input> inside a widget that keeps its
 * attributes on a wrapper (el-input-number), so end-to-end tests fill the input itself, as they do
 * every other field.
 */
import type { Directive } from 'vue';

export const vTestInput: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    el.querySelector('input')?.setAttribute('data-test', binding.value);
  },
};
