/**
 * Characters that do not show on screen: C0 and C1 controls, DEL, zero-width characters, the
 * bidirectional controls (a U+202E turns 张三 into 三张 on screen and defeats search and
 * duplicate checks), a stray BOM, the soft hyphen. A name or ID holding one looks right and is
 * not; the form and the import both refuse it, saying which character, rather than cleaning it
 * silently. Line breaks and tabs are checked apart: text in a note or an address, not in a name.
 */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/;
const LINE_BREAK = /[\t\n\r]/;
/** Text Excel would run as a formula; never a person's name. */
const FORMULA_LIKE = /^[=+\-@]/;

/** The character, named for a clerk: “U+200B 零宽字符”. */
function describeInvisible(ch: string): string {
  const code = ch.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === '\t') return `${hex} 制表符`;
  if (ch === '\n' || ch === '\r') return `${hex} 换行`;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `${hex} 控制字符`;
  if ((code >= 0x200e && code <= 0x200f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x061c) return `${hex} 文字方向控制符`;
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff) return `${hex} 零宽字符`;
  return `${hex} 不可见字符`;
}

/** Why `what` cannot be taken as typed, or null: a hidden character (and, unless multi-line, a line break or tab). */
export function hiddenCharacterProblem(what: string, text: string, multiLine: boolean): string | null {
  const hidden = INVISIBLE.exec(text) ?? (multiLine ? null : LINE_BREAK.exec(text));
  return hidden ? `${what}含有看不见的字符（${describeInvisible(hidden[0])}），请删除后重新输入` : null;
}

/** Why `text` cannot be a person's name as Excel would take it (=, +, -, @ first), or null. */
export function formulaNameProblem(what: string, text: string): string | null {
  return FORMULA_LIKE.test(text) ? `${what}“${cutShort(text)}”像是 Excel 公式，不是人名` : null;
}

/** A value quoted in a message, cut short: whatever was typed or sent may be 32,767 characters long. */
export function cutShort(text: string, max = 30): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
