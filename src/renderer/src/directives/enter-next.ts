/**
 * `v-enter-next` on a form container: Enter moves to the next field, Shift+Enter to the previous,
 * the way clerks fill paper-form copies on the keyboard. Exceptions that keep Enter useful:
 * - while an input method is composing, Enter commits the pinyin and must not move;
 * - in a textarea Enter is a new line (Ctrl+Enter moves on);
 * - on a select whose list is open, Enter picks the option (a multi-select stays open for more).
 * Fields inside `[data-enter-skip]` are passed over (e.g. sex and birth date already read from the ID).
 */
import type { Directive } from 'vue';

const FIELD_SELECTOR = 'input, textarea, select';
const NOT_TYPED_INTO = new Set(['hidden', 'checkbox', 'radio', 'file', 'button', 'submit', 'reset', 'range', 'color', 'image']);

function isShown(el: HTMLElement): boolean {
  for (let node: HTMLElement | null = el; node; node = node.parentElement) {
    if (node.hidden || node.style.display === 'none') return false;
  }
  return true;
}

function isEnterStop(el: HTMLElement): boolean {
  if (el instanceof HTMLInputElement) {
    if (NOT_TYPED_INTO.has(el.type) || el.disabled) return false;
    // Element Plus renders a non-filterable select as a read-only combobox input; it still takes focus.
    if (el.readOnly && el.getAttribute('role') !== 'combobox') return false;
  } else if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) {
    if (el.disabled) return false;
  }
  if (el.getAttribute('tabindex') === '-1') return false;
  if (el.closest('[data-enter-skip]:not([data-enter-skip="false"])')) return false;
  return isShown(el);
}

/** The fields Enter walks through, in document order. */
export function enterStops(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FIELD_SELECTOR)].filter(isEnterStop);
}

function handleEnter(container: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.isComposing || event.keyCode === 229 || event.altKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)) {
    return; // buttons and links keep their own Enter
  }
  if (target instanceof HTMLTextAreaElement && !(event.ctrlKey || event.metaKey)) return;
  if (target.getAttribute('role') === 'combobox' && target.getAttribute('aria-expanded') === 'true') return;

  const stops = enterStops(container);
  const here = stops.indexOf(target);
  if (here < 0) return;
  // Handled in the capture phase and stopped here, so a closed select does not also pop its list open.
  event.preventDefault();
  event.stopPropagation();
  const next = stops[here + (event.shiftKey ? -1 : 1)];
  if (!next) return;
  next.focus();
  // Selecting the old text lets the clerk overwrite a value by just typing.
  if (next instanceof HTMLInputElement && next.type === 'text' && !next.readOnly) next.select();
}

const listeners = new WeakMap<HTMLElement, (event: KeyboardEvent) => void>();

export const vEnterNext: Directive<HTMLElement> = {
  mounted(el) {
    const listener = (event: KeyboardEvent) => handleEnter(el, event);
    listeners.set(el, listener);
    el.addEventListener('keydown', listener, true);
  },
  beforeUnmount(el) {
    const listener = listeners.get(el);
    if (listener) el.removeEventListener('keydown', listener, true);
    listeners.delete(el);
  },
};
