/**
 * The dispute list officials work with (issue 11): exact total in the caller's subtree, whitelisted sort,
 * number and keyword search, and the filtered list exported to Excel — masked, audited, streamed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow, listWorld, markFirstRow } from '../../../test/kits/lists.js';
import { auditsOf, getList, readExport, sortedAs, type H } from '../../../test/lists.js';

type Item = { number: string; summary: string; createdAt: string; state: string };
let t: TestApp;
let county: H, village: H, resident: H, party: H;
let villageCode: string, countyCode: string;
const PHONE = '13700003333';
let marked: { id: number; number: string };

const list = (h: H, query: string) => getList<Item>(t, h, `/api/v1/disputes?${query}`);
// a region's rows are counted in its own county (another village may lie in another county)
const inSubtree = (code: string | null) =>
  countBelow('dispute', 'grid_path')(t, code === null ? countyCode : code.slice(0, 6), code);

beforeAll(async () => {
  t = await createTestApp();
  ({ county, village, resident, party, countyCode, villageCode } = await listWorld(t));
  // an old dispute whose summary carries a phone (typed before the public-text rule): the export masks it
  marked = await markFirstRow(
    t,
    { table: 'dispute', path: 'grid_path', code: villageCode },
    'summary',
    `两户因宅基地界墙争执 联系${PHONE}`,
  );
});
afterAll(() => t.close());

describe('the dispute list', () => {
  it('answers the exact total of the caller’s subtree, never rows outside it', async () => {
    const all = await inSubtree(null);
    const mine = await inSubtree(villageCode);
    expect(mine).toBeGreaterThan(1);
    expect((await list(county, 'limit=1')).page.total).toBe(all);
    const v = await list(village, 'limit=1');
    expect(v.page.items).toHaveLength(1);
    expect(v.page.total).toBe(mine);
    // another village's staff count their own village's disputes only
    const other = await signIn(t.app, 'zhangjia-village');
    const code = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: other })).json().scope.code;
    expect(code).not.toBe(villageCode);
    expect((await list(other, 'limit=1')).page.total).toBe(await inSubtree(code));
  });

  it('sorts by a whitelisted column either way and refuses any other', async () => {
    const up = (await list(county, 'sort=number&limit=200')).page.items.map((i) => i.number);
    const down = (await list(county, 'sort=-number&limit=200')).page.items.map((i) => i.number);
    expect(up.length).toBeGreaterThan(2);
    expect(sortedAs(up)).toBe(true);
    expect(sortedAs(down, true)).toBe(true);
    const made = (await list(county, 'sort=createdAt&limit=200')).page.items.map((i) => i.createdAt);
    expect(sortedAs(made)).toBe(true);
    for (const bad of ['requester_account_id', 'number;drop', '-', 'number,summary'])
      expect((await list(county, `sort=${encodeURIComponent(bad)}`)).status).toBe(400);
  });

  it('searches by number and keyword (wildcards literal; a phone is refused as a keyword)', async () => {
    const byNumber = await list(county, `number=${marked.number.slice(-6)}`);
    expect(byNumber.page.items.map((i) => i.id)).toContain(marked.id);
    const byWord = await list(county, `q=${encodeURIComponent('宅基地界墙')}`);
    expect(byWord.page.items.map((i) => i.id)).toContain(marked.id);
    expect(byWord.page.items.every((i) => i.summary.includes('宅基地界墙'))).toBe(true);
    expect((await list(county, `q=${encodeURIComponent('%')}`)).page.total).toBe(0);
    expect((await list(county, `q=${PHONE}`)).status).toBe(400);
  });

  it('exports what is filtered, masked, and audits the export', async () => {
    const filter = `within=${villageCode}&sort=-number`;
    const { page } = await list(county, `${filter}&limit=200`);
    const rows = await readExport(t, county, `/api/v1/disputes/export.xlsx?${filter}`);
    expect(rows[0]![0]).toContain('编号');
    expect(rows.slice(1).map((r) => r[0])).toEqual(page.items.map((i) => i.number));
    const text = JSON.stringify(rows);
    expect(text).not.toContain(PHONE);
    expect(text).toContain('137****3333');
    const audits = await auditsOf(t, 'dispute.export');
    expect(audits).toHaveLength(1);
    expect(audits[0]!.after).toMatchObject({
      rows: page.total,
      filter: { within: villageCode, sort: '-number' },
    });
  });

  it('refuses the export to those who may not, and a region outside the caller (404); nothing audited', async () => {
    const before = (await auditsOf(t, 'dispute.export')).length;
    for (const h of [resident, party])
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/disputes/export.xlsx', headers: h })).statusCode,
      ).toBe(403);
    const out = await t.app.inject({
      method: 'GET',
      url: '/api/v1/disputes/export.xlsx?within=211122002',
      headers: village,
    });
    expect(out.statusCode).toBe(404);
    expect(await auditsOf(t, 'dispute.export')).toHaveLength(before);
  });
});
