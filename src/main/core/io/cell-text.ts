/**
 * Formula injection (CSV/Excel injection): a cell whose text starts with `=`, `+`, `-` or `@`
 * (or a tab or carriage return, which some programs strip before looking) may be run as a
 * formula when a clerk edits it, pastes it or saves the sheet as CSV for another system.
 *
 * What we do, and why:
 * - Every export value is written as a string cell. exceljs writes strings as inline or shared
 *   strings, never as `<f>` formulas, so opening the file runs nothing.
 * - On top of that, text that would read as a formula gets one leading apostrophe `'` — the
 *   usual neutraliser (OWASP): Excel and WPS then show it as text even after the cell is edited
 *   or the sheet goes through CSV. The apostrophe is visible in the cell; that is the price.
 * - Plain numbers are left alone (`-1200.50`, a negative income, is a number, not a formula).
 * - Text that already starts with apostrophes before a formula character gets one more, so
 *   `restoreNeutralised` can always undo exactly what `neutraliseFormula` did: the importer
 *   strips one apostrophe and gets the registry's value back, and export → import changes nothing.
 */

/** = + - @, tab, carriage return, after any apostrophes already there. */
const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function readsAsFormula(text: string): boolean {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text);
}

/** The text to write in an export cell: unchanged, or with one apostrophe in front. */
export function neutraliseFormula(text: string): string {
  return readsAsFormula(text) ? `'${text}` : text;
}

/** The inverse, for the importer: strips the one apostrophe `neutraliseFormula` added, and nothing else. */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && readsAsFormula(text.slice(1)) ? text.slice(1) : text;
}
