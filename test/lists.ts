/** Helpers of the list tests (issue 11): a list page, an export read back with exceljs, its audits. */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { signIn, type TestApp } from './helpers.js';

export type H = { authorization: string };
export type ListPage<T = Record<string, unknown>> = { items: Array<{ id: number } & T>; total: number };

/** GET a list with its query string; answers the status and the page. */
export async function getList<T = Record<string, unknown>>(t: TestApp, h: H, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: h });
  return { status: res.statusCode, page: res.json<ListPage<T>>() };
}

/** GET an export: 200, an .xlsx not to be cached; answers its first sheet's rows (header first) as text. */
export async function readExport(t: TestApp, h: H, url: string): Promise<string[][]> {
  const res = await t.app.inject({ method: 'GET', url, headers: h });
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['cache-control']).toContain('no-store');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** The audit rows of an action, oldest first. */
export const auditsOf = (t: TestApp, action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

/** Is `values` ordered ascending (or descending), compared as the database's C-like order of text? */
export function sortedAs(values: string[], desc = false): boolean {
  for (let i = 1; i < values.length; i++) {
    const c = values[i - 1]! < values[i]! ? -1 : values[i - 1]! > values[i]! ? 1 : 0;
    if (desc ? c < 0 : c > 0) return false;
  }
  return true;
}

/** Values ordered ascending (or descending), NULLs last either way; numbers as numbers, text as text. */
export function orderedAs(values: unknown[], desc = false): boolean {
  const firstNull = values.findIndex((v) => v === null || v === undefined);
  if (firstNull >= 0 && values.slice(firstNull).some((v) => v !== null && v !== undefined)) return false;
  const present = firstNull >= 0 ? values.slice(0, firstNull) : values;
  if (present.every((v) => typeof v === 'number'))
    return present.every((v, i) => i === 0 || (desc ? present[i - 1]! >= v! : present[i - 1]! <= v!));
  return sortedAs(present.map(String), desc);
}

/**
 * One list's common cases (issue 11), table-driven: each list test states its list and calls
 * `describeList`; what only that list has (its masking, its keyword, a phone search) stays beside it.
 */
export type ListSpec<T extends { id: number }> = {
  /** e.g. 'the wish list' */
  name: string;
  /** the list's URL, e.g. '/api/v1/wishes'; its export's URL */
  url: string;
  exportUrl: string;
  /** the export's audit action */
  audit: string;
  /** the rows of the county (code null) or of a region's subtree, counted by the test's own SQL */
  count: (t: TestApp, countyCode: string, code: string | null) => Promise<number>;
  /** sort keys whose order is checked, with the item field each orders */
  sorts: Array<[key: string, field: keyof T & string]>;
  /** the text the keyword searches in an item (wildcards must match literally) */
  text: (i: T) => string;
  /** the export's filter (without within) and the item's value in its first column */
  exportQuery: string;
  firstColumn: (i: T) => string | number;
  /** the first column's header holds this */
  header: string;
  /** accounts refused the export (403) */
  refused: string[];
  /** the account that exports (default county) */
  exporter?: string;
  /** false when the list has no `number` search */
  number?: boolean;
  /** the county's rows this list shows the county (default: `count(county, null)`), when the village
   * sees rows the county does not (a village's own drafts) */
  countyTotal?: (t: TestApp, countyCode: string) => Promise<number>;
  /** the list belongs to one object of the demo county (a campaign's targets, an event's checks): another
   * county's account is answered 404 (the object is not visible to it) instead of its own rows */
  ofObject?: boolean;
};

const OUTSIDE = '211122002';

/** Registers the common cases of a list: totals and scope, sort, search input, export, refusals. */
export function describeList<T extends { id: number }>(spec: ListSpec<T>, app: () => TestApp): void {
  describe(`${spec.name}: the common cases`, () => {
    let t: TestApp, county: H, village: H, other: H, exporter: H;
    let countyCode: string, villageCode: string, otherCode: string, otherCounty: string;
    const list = (h: H, query: string) => getList<T>(t, h, `${spec.url}?${query}`);
    const me = async (h: H) => (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h })).json();

    beforeAll(async () => {
      t = app();
      county = await signIn(t.app, 'county');
      village = await signIn(t.app, 'village');
      other = await signIn(t.app, 'zhangjia-village');
      exporter = spec.exporter ? await signIn(t.app, spec.exporter) : county;
      countyCode = (await me(county)).countyCode;
      villageCode = (await me(village)).scope.code;
      // the other village (张家村, seed 004) lies in another demo county: count it there
      ({
        countyCode: otherCounty,
        scope: { code: otherCode },
      } = await me(other));
    });

    it('answers the exact total of the caller’s subtree; another village’s rows never appear nor count', async () => {
      const all = await spec.count(t, countyCode, null);
      const mine = await spec.count(t, countyCode, villageCode);
      const theirs = await spec.count(t, otherCounty, otherCode);
      expect(otherCounty, 'the other village is another county’s').not.toBe(countyCode);
      expect(mine, 'the demo village has rows of this list').toBeGreaterThan(0);
      const shown = spec.countyTotal ? await spec.countyTotal(t, countyCode) : all;
      // (the demo county's disclosures all lie in the demo village: there the county sees no more)
      if (spec.countyTotal) expect(all).toBeGreaterThanOrEqual(mine);
      else expect(all).toBeGreaterThan(mine);
      expect((await list(county, 'limit=1')).page.total).toBe(shown);
      const v = await list(village, 'limit=200');
      expect(v.page.total).toBe(mine);
      expect(v.page.items).toHaveLength(Math.min(mine, 200));
      const o = await list(other, 'limit=200');
      if (spec.ofObject) expect(o.status, 'another county never sees the object').toBe(404);
      else {
        expect(o.page.total).toBe(theirs);
        const seen = new Set(v.page.items.map((i) => i.id));
        expect(o.page.items.filter((i) => seen.has(i.id))).toEqual([]);
      }
      // naming the other village is out of scope for this village (404), never an empty page
      expect((await list(village, `within=${otherCode}`)).status).toBe(404);
    });

    it('sorts by each whitelisted column either way and refuses any other key (400)', async () => {
      for (const [key, field] of spec.sorts) {
        const up = (await list(county, `sort=${key}&limit=200`)).page.items.map((i) => i[field]);
        const down = (await list(county, `sort=-${key}&limit=200`)).page.items.map((i) => i[field]);
        expect(up.length, key).toBeGreaterThan(1);
        expect(orderedAs(up), `${key} ascending`).toBe(true);
        expect(orderedAs(down, true), `${key} descending`).toBe(true);
      }
      for (const bad of ['county_code', 'id;drop', '-', 'id,name', 'ID', '--id'])
        expect((await list(county, `sort=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    });

    it('takes % and _ literally, and refuses NUL bytes, full-width digits and phones as input (400)', async () => {
      const all = (await list(county, 'limit=1')).page.total;
      for (const w of ['%', '_', '%_%']) {
        const r = await list(county, `q=${encodeURIComponent(w)}&limit=200`);
        expect(r.status).toBe(200);
        expect(r.page.total, `q=${w}`).toBeLessThan(all);
        expect(r.page.items.every((i) => spec.text(i).includes(w))).toBe(true);
      }
      for (const bad of [
        'q=a%00b',
        'number=%EF%BC%91%EF%BC%92%EF%BC%93',
        'q=13700003333',
        'q=%EF%BC%91%EF%BC%93%EF%BC%97%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%93%EF%BC%93%EF%BC%93%EF%BC%93',
        'number=12%0034',
      ])
        if (spec.number !== false || !bad.startsWith('number='))
          expect((await list(county, bad)).status, bad).toBe(400);
    });

    it('exports exactly the listed rows in their order, audited with the filter and the row count', async () => {
      const filter = `within=${villageCode}&${spec.exportQuery}`;
      const { page } = await list(exporter, `${filter}&limit=200`);
      expect(page.total).toBeLessThanOrEqual(200);
      const before = (await auditsOf(t, spec.audit)).length;
      const rows = await readExport(t, exporter, `${spec.exportUrl}?${filter}`);
      expect(rows[0]![0]).toContain(spec.header);
      expect(rows.slice(1).map((r) => r[0])).toEqual(page.items.map((i) => String(spec.firstColumn(i))));
      const audits = await auditsOf(t, spec.audit);
      expect(audits).toHaveLength(before + 1);
      expect(audits.at(-1)!.after).toMatchObject({ rows: page.total, filter: { within: villageCode } });
    });

    it('refuses the export to roles without the right (403) and a region outside the caller (404); nothing audited', async () => {
      const before = (await auditsOf(t, spec.audit)).length;
      for (const name of spec.refused) {
        const h = await signIn(t.app, name);
        const res = await t.app.inject({ method: 'GET', url: spec.exportUrl, headers: h });
        expect(res.statusCode, name).toBe(403);
      }
      const out = await t.app.inject({
        method: 'GET',
        url: `${spec.exportUrl}?within=${OUTSIDE}`,
        headers: village,
      });
      expect(out.statusCode).toBe(404);
      const bad = await t.app.inject({ method: 'GET', url: `${spec.exportUrl}?sort=nope`, headers: county });
      expect(bad.statusCode).toBe(400);
      expect(await auditsOf(t, spec.audit)).toHaveLength(before);
    });
  });
}
