/**
 * DOM helpers for dialogs: Element Plus dialogs here are appended to <body>, outside the mounted
 * wrapper, so tests reach them through the document the way a clerk's clicks would.
 */
import { nextTick } from 'vue';
import { settle } from './support';

export function $(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function $$(selector: string): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>(selector)];
}

export const byTest = (id: string) => `[data-test="${id}"]`;

/** Ticks a radio or check box the way the browser does: checked, then `change`. */
export async function check(testId: string): Promise<void> {
  const input = $(`${byTest(testId)} input`) as HTMLInputElement;
  input.checked = true;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await nextTick();
}

/** Types into an input or textarea (the element carrying `data-test`, or the one inside it). */
export async function type(testId: string, text: string): Promise<void> {
  const holder = $(byTest(testId));
  const field = holder instanceof HTMLInputElement || holder instanceof HTMLTextAreaElement ? holder : (holder.querySelector('input, textarea') as HTMLInputElement);
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  await nextTick();
}

export async function click(testId: string): Promise<void> {
  $(byTest(testId)).click();
  await settle();
}

/** Element Plus shows a form item's error 100 ms after it is set. */
export const formItemErrorsShown = () => new Promise((resolve) => setTimeout(resolve, 150));

/** The error text Element Plus shows under the form item that holds `testId`. */
export function fieldError(testId: string): string {
  return $(byTest(testId)).closest('.el-form-item')?.querySelector('.el-form-item__error')?.textContent?.trim() ?? '';
}
