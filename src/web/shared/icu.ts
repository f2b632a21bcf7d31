/**
 * ICU MessageFormat, the part both apps use, on the browser's own Intl (no library to ship):
 *   {name}                                   the value as it is
 *   {n, number}                              1,234 (Intl.NumberFormat)
 *   {n, plural, =0 {none} one {# day} other {# days}}   (Intl.PluralRules; # is n, formatted)
 *   {x, select, male {he} female {she} other {they}}
 *   {d, date} / {d, date, short|medium|long} / {d, time}   (Intl.DateTimeFormat, Beijing time)
 * Chinese has only the `other` plural form, so its messages stay as they are written.
 */
export type Vars = Record<string, string | number | Date | null | undefined>;

const TZ = 'Asia/Shanghai';
const plurals = new Map<string, Intl.PluralRules>();
const pluralOf = (locale: string) => {
  let p = plurals.get(locale);
  if (!p) plurals.set(locale, (p = new Intl.PluralRules(locale)));
  return p;
};

/** The index of the `}` closing the `{` at `open`. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** `one {…} other {…}` → { one: '…', other: '…' }. */
function branches(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('{', i);
    if (open < 0) break;
    const key = s.slice(i, open).trim();
    const close = closing(s, open);
    if (close < 0) break;
    out[key] = s.slice(open + 1, close);
    i = close + 1;
  }
  return out;
}

const DATE_STYLES: Record<string, Intl.DateTimeFormatOptions> = {
  short: { month: '2-digit', day: '2-digit' },
  medium: { year: 'numeric', month: '2-digit', day: '2-digit' },
  long: { year: 'numeric', month: 'long', day: 'numeric' },
};

function asDate(v: Vars[string]): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

function argument(body: string, vars: Vars, locale: string, hash?: string): string {
  const comma = body.indexOf(',');
  const name = (comma < 0 ? body : body.slice(0, comma)).trim();
  // a name not given stays as written (e.g. the {z}/{x}/{y} of a map tile address in a help text)
  if (!(name in vars)) return `{${body}}`;
  if (comma < 0) return String(vars[name] ?? '');
  const rest = body.slice(comma + 1);
  const comma2 = rest.indexOf(',');
  const type = (comma2 < 0 ? rest : rest.slice(0, comma2)).trim();
  const style = comma2 < 0 ? '' : rest.slice(comma2 + 1).trim();
  const v = vars[name];
  const n = Number(v);
  switch (type) {
    case 'number':
      return Number.isFinite(n) ? new Intl.NumberFormat(locale).format(n) : String(v ?? '');
    case 'plural': {
      const b = branches(style);
      const text = b[`=${n}`] ?? b[pluralOf(locale).select(n)] ?? b.other ?? '';
      return format(text, vars, locale, new Intl.NumberFormat(locale).format(n));
    }
    case 'select': {
      const b = branches(style);
      return format(b[String(v)] ?? b.other ?? '', vars, locale, hash);
    }
    case 'date':
    case 'time': {
      const d = asDate(v);
      if (!d) return '';
      const opts =
        type === 'time'
          ? { hour: '2-digit', minute: '2-digit', hour12: false }
          : (DATE_STYLES[style] ?? DATE_STYLES.medium);
      return new Intl.DateTimeFormat(locale, { ...opts, timeZone: TZ } as Intl.DateTimeFormatOptions).format(
        d,
      );
    }
    default:
      return String(v ?? '');
  }
}

/** `template` with its arguments filled for `locale` ('zh-CN' or 'en'). */
export function format(template: string, vars: Vars = {}, locale = 'zh-CN', hash?: string): string {
  if (!template.includes('{') && !template.includes('#')) return template;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i] as string;
    if (c === '{') {
      const close = closing(template, i);
      if (close < 0) return out + template.slice(i);
      out += argument(template.slice(i + 1, close), vars, locale, hash);
      i = close + 1;
    } else if (c === '#' && hash !== undefined) {
      out += hash;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
