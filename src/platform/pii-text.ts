import { maskIdNumber, maskPhone } from './crypto.js';

/**
 * Phone and ID numbers that people type into free text (descriptions, notes, questions,
 * wishes), masked before anyone else reads them. One function for every view, catching the
 * forms people actually write: spaces or dashes inside (`139-1234-5678`, `139 8765 4321`),
 * full-width digits (`１３９…`), a +86 / 0086 / (+86) prefix, ID numbers split by spaces, an
 * X/x check digit, 15-digit old ID numbers, landlines (`024-12345678`) and any other bare run
 * of seven or more digits. Dates (`20261206`, `2026-12-06`), amounts (`1234567元`, `¥2500000`)
 * and case numbers (`211221-20261206-000123`) survive.
 */
export function maskPiiText(text: string): string {
  const norm = normalise(text);
  let out = '';
  let last = 0;
  for (const m of norm.matchAll(CANDIDATE)) {
    const start = m.index;
    const span = m[0];
    const masked = maskCandidate(span, norm, start);
    if (masked === null) continue;
    out += text.slice(last, start) + masked;
    last = start + span.length;
  }
  return out + text.slice(last);
}

/** Same length as the input (every replaced character is one UTF-16 unit), so indices carry over. */
function normalise(s: string): string {
  return s.replace(
    /[\uFF10-\uFF19\uFF0B\uFF0D\uFF38\uFF58\u3000\u00A0\u2010-\u2014\u2212\uFF08\uFF09]/g,
    (c) => {
      const code = c.charCodeAt(0);
      if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
      if (c === '\uFF0B') return '+';
      if (c === '\uFF38') return 'X';
      if (c === '\uFF58') return 'x';
      if (c === '\u3000' || c === '\u00A0') return ' ';
      if (c === '\uFF08') return '(';
      if (c === '\uFF09') return ')';
      return '-';
    },
  );
}

/** Digit groups joined by single spaces or dashes, optionally after a +86/0086 prefix, optionally ending in X. */
const CANDIDATE = /(?<!\d)(?:\(?(?:\+|00)86\)?[ -]?)?\d+(?:[ -]\d+)*(?:[Xx](?![A-Za-z]))?(?!\d)/g;

const CASE_NUMBER = /^\d{6}-\d{8}-\d{6}$/;
const UNIT_AFTER = /^(?:\.\d+)?\s*(?:元|万|亿|块|角|分|%|％|个|人|户|米|平|吨|次|km|kg|m²)/;
const CURRENCY_BEFORE = /[¥￥$]\s*$/;

function maskCandidate(span: string, norm: string, start: number): string | null {
  if (CASE_NUMBER.test(span)) return null;
  const prefix = /^\(?(?:\+|00)86\)?[ -]?/.exec(span)?.[0] ?? '';
  const body = span.slice(prefix.length);
  const tokens = body.split(/([ -])/);
  const groups = tokens.filter((_, k) => k % 2 === 0);
  const seps = tokens.filter((_, k) => k % 2 === 1);
  let out = prefix;
  let changed = false;
  let i = 0;
  while (i < groups.length) {
    if (i > 0) out += seps[i - 1];
    const hit = findNumber(groups, i, prefix !== '');
    if (hit) {
      out += hit.masked;
      i = hit.next;
      changed = true;
      continue;
    }
    const g = groups[i] as string;
    const amount =
      (i === groups.length - 1 && UNIT_AFTER.test(norm.slice(start + span.length))) ||
      (i === 0 && prefix === '' && CURRENCY_BEFORE.test(norm.slice(0, start)));
    if (/^\d{7,}$/.test(g) && !isDate(g) && !amount) {
      out += maskRun(g);
      changed = true;
    } else out += g;
    i++;
  }
  return changed ? out : null;
}

/** A phone or ID number made of groups[i..j] (joined), the longest such j first. */
function findNumber(
  groups: string[],
  i: number,
  afterPrefix: boolean,
): { masked: string; next: number } | null {
  let joined = '';
  const candidates: Array<{ masked: string; next: number }> = [];
  for (let j = i; j < groups.length && joined.length < 20; j++) {
    joined += groups[j];
    const d = joined.toUpperCase();
    if (isIdNumber(d)) candidates.push({ masked: maskIdNumber(d), next: j + 1 });
    else if (isMobile(d)) candidates.push({ masked: maskPhone(d), next: j + 1 });
    else {
      const national = /^(?:00)?86(1[3-9]\d{9})$/.exec(d)?.[1];
      if (national) candidates.push({ masked: maskPhone(national), next: j + 1 });
      else if (
        !afterPrefix &&
        /^0\d{2,3}$/.test(groups[i] as string) &&
        j === i + 1 &&
        /^\d{7,8}$/.test(groups[j] as string)
      )
        candidates.push({ masked: `${groups[i]}-${maskRun(groups[j] as string)}`, next: j + 1 });
    }
  }
  return candidates.at(-1) ?? null;
}

const isMobile = (d: string) => /^1[3-9]\d{9}$/.test(d);

function isIdNumber(d: string): boolean {
  const m18 = /^[1-8]\d{5}(19|20)(\d{2})(\d{2})(\d{2})\d{3}[\dX]$/.exec(d);
  if (m18) return validMonthDay(m18[3] as string, m18[4] as string);
  const m15 = /^[1-8]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/.exec(d);
  return m15 !== null && validMonthDay(m15[2] as string, m15[3] as string);
}

function validMonthDay(mm: string, dd: string): boolean {
  const m = Number(mm);
  const d = Number(dd);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/** yyyymmdd of 1900–2099, a date people write (20261206). */
function isDate(g: string): boolean {
  const m = /^(19|20)\d{2}(\d{2})(\d{2})$/.exec(g);
  return m !== null && validMonthDay(m[2] as string, m[3] as string);
}

/** Any other run: the first two and last two digits stay. */
function maskRun(g: string): string {
  return `${g.slice(0, 2)}${'*'.repeat(Math.max(3, g.length - 4))}${g.slice(-2)}`;
}
