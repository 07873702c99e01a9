/**
 * 公民身份号码 checks after GB 11643-1999 (domain.md §2.2): address code, birth date, sequence
 * (odd = male), and the ISO 7064 MOD 11-2 check character. Messages are Chinese and do not name
 * the field; callers prefix the field name.
 */
import type { SexCode } from '../domain/member.codes';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level codes of GB/T 2260 (first two digits of the address code). */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

export interface IdNumberInfo {
  /** The 18-character number, upper-case X, upgraded from 15 digits where needed. */
  value: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: SexCode;
  upgradedFrom15: boolean;
}

export type IdCheck = ({ ok: true } & IdNumberInfo) | { ok: false; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Removes spaces and full-width forms and upper-cases x, as clerks and Excel leave them. */
export function normalizeIdText(raw: string): string {
  // Nearly every stored number is already plain; NFKC on 170,000 of them cost a data-quality run half a second.
  if (/^[0-9X]*$/.test(raw)) return raw;
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function checkIdNumber(raw: string, today: Date = new Date()): IdCheck {
  const text = normalizeIdText(raw);
  if (text === '') return { ok: false, message: '不能为空' };
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(raw.trim())) {
    return { ok: false, message: '被 Excel 存成了科学计数法数字，后几位已丢失，请把该列设为文本后重新录入' };
  }
  let upgradedFrom15 = false;
  let id = text;
  if (/^\d{15}$/.test(id)) {
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    id = first17 + checkCharacter(first17);
    upgradedFrom15 = true;
  } else if (id.length !== 18) {
    return { ok: false, message: `应为 18 位（或旧版 15 位），现在是 ${id.length} 位` };
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, message: '只能由数字组成，最后一位可以是 X' };
  }
  if (id.startsWith('999999')) {
    return { ok: false, message: '以 999999 开头的是无证人员占位号码，请录入真实证件号码' };
  }
  if (!PROVINCE_CODES.has(id.slice(0, 2))) {
    return { ok: false, message: `前两位“${id.slice(0, 2)}”不是有效的省级行政区划代码` };
  }
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: `第 7–14 位的出生日期“${id.slice(6, 14)}”不是有效日期` };
  }
  const todayNumber = today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();
  // The standard's own example is born in 1880, so validity stops at 1850; an implausible
  // age (the field's 1900 floor) is a data-quality finding, not a malformed number.
  if (year < 1850 || year * 10000 + month * 100 + day > todayNumber) {
    return { ok: false, message: `出生日期“${id.slice(6, 14)}”不在 1850 年至今天之间` };
  }
  const expected = checkCharacter(id.slice(0, 17));
  if (!upgradedFrom15 && id[17] !== expected) {
    return { ok: false, message: `校验位错误：最后一位应为“${expected}”，请核对号码是否抄错` };
  }
  return {
    ok: true,
    value: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? '1' : '2',
    upgradedFrom15,
  };
}

/** The document type a number's length says, where nothing else does: 20 or 22 characters is a 残疾人证 ('2'), else an ID card ('1'). */
export function documentTypeOfNumber(raw: string): '1' | '2' {
  const length = normalizeIdText(raw).length;
  return length === 20 || length === 22 ? '2' : '1';
}

/**
 * 证件号码 by document type: an ID card takes 15 or 18 characters; a 残疾人证 number is the
 * holder's 18-character ID plus 2 (category, grade) or 4 digits, checked on its first 18.
 */
export function checkDocumentNumber(raw: string, documentType: string, today?: Date): IdCheck {
  const text = normalizeIdText(raw);
  if (documentType === '2' && (text.length === 20 || text.length === 22)) {
    const suffix = text.slice(18);
    if (!/^\d+$/.test(suffix)) return { ok: false, message: '残疾人证号第 19 位起只能是数字' };
    const inner = checkIdNumber(text.slice(0, 18), today);
    if (!inner.ok) return { ok: false, message: `残疾人证号的前 18 位${inner.message}` };
    return { ...inner, value: text };
  }
  return checkIdNumber(text, today);
}

/** Age in whole years on a date (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
