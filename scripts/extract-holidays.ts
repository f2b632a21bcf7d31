/**
 * Extracts China's public holidays and make-up working days (调休补班), as
 * published each year by the State Council General Office
 * (国务院办公厅关于XXXX年部分节假日安排的通知), from the npm package
 * `chinese-days` and writes `src/platform/calendar/cn-holidays.json`.
 *
 * Usage:
 *   npx tsx scripts/extract-holidays.ts /path/to/node_modules [--from 2022] [--to 2026] [--out FILE]
 *
 * The packages are deliberately not project dependencies; install them elsewhere:
 *   mkdir -p /tmp/holdata && cd /tmp/holdata && npm init -y \
 *     && npm install --ignore-scripts chinese-days holiday-calendar
 *
 * `chinese-days` (dist/chinese-days.json) is the primary source. When the
 * independent package `holiday-calendar` (data/CN/YYYY.json) is installed in the
 * same node_modules, every holiday and make-up working day of the requested
 * years is cross-checked against it and the script fails on any difference.
 *
 * Output: { "source": "...", "years": [...], "days": [{ "date", "kind", "name" }, ...] }
 * sorted by date, one day per line. Weekend days inside a holiday block are kept
 * as "holiday" (harmless, and it documents the block).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface OutDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

interface PackageInfo {
  name: string;
  version: string;
  license?: string;
  repository?: string | { url?: string };
}

/** chinese-days uses short names for three festivals; the notices use the full ones. */
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8')) as unknown;
}

function describe(pkgDir: string): string {
  const pkg = readJson(join(pkgDir, 'package.json')) as PackageInfo;
  const repo = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  const url = repo.replace(/^git\+/, '').replace(/\.git$/, '');
  return `npm ${pkg.name}@${pkg.version} (licence ${pkg.license ?? 'unknown'}${url ? `, ${url}` : ''})`;
}

function inYears(date: string, from: number, to: number): boolean {
  const year = Number(date.slice(0, 4));
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && year >= from && year <= to;
}

/** "New Year's Day,元旦,1" → "元旦" */
function chineseName(value: string): string {
  const zh = value.split(',')[1]?.trim();
  if (!zh) throw new Error(`unexpected chinese-days value: ${value}`);
  return FULL_NAMES[zh] ?? zh;
}

function fromChineseDays(pkgDir: string, from: number, to: number): OutDay[] {
  const data = readJson(join(pkgDir, 'dist', 'chinese-days.json')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const days: OutDay[] = [];
  for (const [date, value] of Object.entries(data.holidays)) {
    if (inYears(date, from, to)) days.push({ date, kind: 'holiday', name: chineseName(value) });
  }
  for (const [date, value] of Object.entries(data.workdays)) {
    if (inYears(date, from, to)) days.push({ date, kind: 'workday', name: `${chineseName(value)}补班` });
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** Returns the differences (empty when both packages agree on every date and kind). */
function crossCheck(pkgDir: string, days: readonly OutDay[], from: number, to: number): string[] {
  const theirs = new Map<string, OutDay['kind']>();
  for (let year = from; year <= to; year++) {
    const file = join(pkgDir, 'data', 'CN', `${year}.json`);
    if (!existsSync(file)) return [`holiday-calendar has no data for ${year}`];
    const { dates } = readJson(file) as { dates: Array<{ date: string; type: string }> };
    for (const d of dates) {
      if (d.type === 'public_holiday') theirs.set(d.date, 'holiday');
      else if (d.type === 'transfer_workday') theirs.set(d.date, 'workday');
      else return [`holiday-calendar: unknown type ${d.type} on ${d.date}`];
    }
  }
  const diffs: string[] = [];
  const ours = new Map(days.map((d) => [d.date, d.kind] as const));
  for (const [date, kind] of ours) {
    if (theirs.get(date) !== kind)
      diffs.push(`${date}: chinese-days=${kind} holiday-calendar=${theirs.get(date) ?? '-'}`);
  }
  for (const [date, kind] of theirs) {
    if (!ours.has(date)) diffs.push(`${date}: chinese-days=- holiday-calendar=${kind}`);
  }
  return diffs;
}

function main(argv: string[]): void {
  const args = [...argv];
  const option = (flag: string, fallback: string): string => {
    const i = args.indexOf(flag);
    if (i < 0) return fallback;
    const [, value] = args.splice(i, 2);
    if (value === undefined) throw new Error(`${flag} needs a value`);
    return value;
  };
  const from = Number(option('--from', '2022'));
  const to = Number(option('--to', '2026'));
  const here = fileURLToPath(new URL('.', import.meta.url));
  const out = resolve(option('--out', join(here, '..', 'src', 'platform', 'calendar', 'cn-holidays.json')));
  const modules = args[0];
  if (!modules)
    throw new Error('usage: extract-holidays.ts /path/to/node_modules [--from Y] [--to Y] [--out FILE]');

  const primary = join(modules, 'chinese-days');
  const days = fromChineseDays(primary, from, to);
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  for (let y = from; y <= to; y++) {
    if (!years.includes(y)) throw new Error(`chinese-days has no data for ${y}`);
  }

  let source = `${describe(primary)}, file dist/chinese-days.json; upstream: the State Council General Office's yearly notices 国务院办公厅关于YYYY年部分节假日安排的通知 (${from}–${to})`;
  const secondary = join(modules, 'holiday-calendar');
  if (existsSync(secondary)) {
    const diffs = crossCheck(secondary, days, from, to);
    if (diffs.length > 0) throw new Error(`sources disagree:\n${diffs.join('\n')}`);
    source += `; every date cross-checked against ${describe(secondary)}, files data/CN/YYYY.json`;
  } else {
    console.warn('holiday-calendar not installed: no cross-check');
  }

  const lines = days.map((d) => `    ${JSON.stringify(d)}`);
  const json = `{\n  "source": ${JSON.stringify(source)},\n  "years": ${JSON.stringify(years)},\n  "days": [\n${lines.join(',\n')}\n  ]\n}\n`;
  writeFileSync(out, json);
  console.log(`wrote ${days.length} days (${years.join(', ')}) to ${out}`);
}

main(process.argv.slice(2));
