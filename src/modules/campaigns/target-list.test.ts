/**
 * A campaign's target list (清单) officials work with (issue 11): the exact total of the caller's
 * subtree, sorting by each column, words in the name, address or grid, and the export of what is
 * filtered (the list's rows in its order, addresses masked, audited) — on the demo's running winter
 * heating check of the demo township.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { scopeCodeOf } from '../../../test/kits/lists.js';
import { auditsOf, getList, orderedAs, readExport, type H } from '../../../test/lists.js';

type Item = {
  name: string;
  address: string;
  gridCode: string;
  gridName: string;
  state: string;
  doneAt: string | null;
};
let t: TestApp;
const h: Record<string, H> = {};
let id = 0;
let countyCode = '';
let villageCode = '';
let marked = 0;
const PHONE = '13700005555';
const WORD = '暖气片东厢房';

/** The campaign's targets under a region, counted by the test's own SQL. */
async function count(code: string | null, state?: string): Promise<number> {
  const below = code === null ? sql`TRUE` : sql`grid_path <@ (SELECT path FROM region WHERE code = ${code})`;
  const st = state ? sql`state = ${state}` : sql`TRUE`;
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_target
    WHERE county_code = ${countyCode} AND campaign_id = ${id} AND ${below} AND ${st}`.execute(t.db);
  return r.rows[0]!.n;
}
const url = (q = '') => `/api/v1/campaigns/${id}/targets?${q}`;
const exportUrl = (q = '') => `/api/v1/campaigns/${id}/targets/export.xlsx?${q}`;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['county', 'township', 'village', 'gridworker', 'admin', 'resident', 'panshan'])
    h[u] = await signIn(t.app, u);
  villageCode = await scopeCodeOf(t, h.village!);
  const c = await t.db
    .selectFrom('campaign')
    .select(['id', 'county_code'])
    .where('title', '=', '冬季取暖安全检查')
    .where('state', '=', 'running')
    .executeTakeFirstOrThrow();
  id = Number(c.id);
  countyCode = c.county_code;
  // a household of the village whose address carries a phone (typed before the public-text rule)
  const { rows } = await sql<{ id: number }>`
    UPDATE household SET address = ${`${WORD} 联系${PHONE}`}
    WHERE id = (SELECT min(household_id) FROM campaign_target WHERE campaign_id = ${id}
                AND grid_path <@ (SELECT path FROM region WHERE code = ${villageCode}))
    RETURNING id::int AS id`.execute(t.db);
  marked = rows[0]!.id;
});
afterAll(() => t.close());

describe('a campaign’s target list', () => {
  it('answers the exact total of the caller’s subtree; another village or county never appears', async () => {
    const all = await count(null);
    const mine = await count(villageCode);
    expect(mine).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(mine);
    expect((await getList(t, h.county!, url('limit=1'))).page.total).toBe(all);
    expect((await getList(t, h.county!, url('state=open&limit=1'))).page.total).toBe(
      await count(null, 'open'),
    );
    const v = await getList<Item>(t, h.village!, url('limit=500'));
    expect(v.page.total).toBe(mine);
    expect(v.page.items).toHaveLength(Math.min(mine, 500));
    const village = await t.db
      .selectFrom('region')
      .select('path')
      .where('code', '=', villageCode)
      .executeTakeFirstOrThrow();
    const grids = await t.db
      .selectFrom('region')
      .select('code')
      .where(sql<boolean>`path <@ ${village.path}::ltree`)
      .execute();
    const inVillage = new Set(grids.map((g) => g.code));
    expect(v.page.items.every((i) => inVillage.has(i.gridCode))).toBe(true);
    // another township's village is out of the village's scope (404), another county's campaign too
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('county_code', '=', countyCode)
      .where('level', '=', 'village')
      .where('code', '<>', villageCode)
      .orderBy('code', 'desc')
      .executeTakeFirstOrThrow();
    expect((await getList(t, h.village!, url(`within=${other.code}`))).status).toBe(404);
    expect((await getList(t, h.panshan!, url())).status).toBe(404);
  });

  it('sorts by each column either way and refuses any other key (400)', async () => {
    for (const [key, field] of [
      ['name', 'name'],
      ['address', 'address'],
      ['grid', 'gridName'],
      ['state', 'state'],
      ['doneAt', 'doneAt'],
    ] as const) {
      const up = (await getList<Item>(t, h.county!, url(`sort=${key}&limit=200`))).page.items.map(
        (i) => i[field],
      );
      const down = (await getList<Item>(t, h.county!, url(`sort=-${key}&limit=200`))).page.items.map(
        (i) => i[field],
      );
      expect(up.length, key).toBeGreaterThan(1);
      // the address is masked after sorting: compare the list's order on what it sorts by
      if (key !== 'address') {
        expect(orderedAs(up), `${key} ascending`).toBe(true);
        expect(orderedAs(down, true), `${key} descending`).toBe(true);
      }
    }
    for (const bad of ['county_code', 'id;drop', '-', 'name,state', 'NAME', '--name'])
      expect((await getList(t, h.county!, url(`sort=${encodeURIComponent(bad)}`))).status, bad).toBe(400);
  });

  it('finds words of the address, name or grid; takes % literally; refuses NUL, phones and full-width digits', async () => {
    const found = await getList<Item>(t, h.village!, url(`q=${encodeURIComponent(WORD)}`));
    expect(found.status).toBe(200);
    expect(found.page.total).toBe(1);
    expect(found.page.items[0]!.address).toContain(WORD);
    expect(found.page.items[0]!.address).not.toContain(PHONE);
    const head = await getList<Item>(t, h.county!, url('limit=1&sort=name'));
    const name = head.page.items.find((i) => i.name)?.name ?? '';
    const byName = await getList<Item>(t, h.county!, url(`q=${encodeURIComponent(name)}&limit=200`));
    expect(byName.page.total).toBeGreaterThan(0);
    expect(byName.page.items.every((i) => `${i.name}${i.address}${i.gridName}`.includes(name))).toBe(true);
    expect((await getList(t, h.county!, url('q=%25'))).page.total).toBe(0);
    for (const bad of [
      'q=a%00b',
      `q=${PHONE}`,
      'q=%EF%BC%91%EF%BC%93%EF%BC%97%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%95',
    ])
      expect((await getList(t, h.county!, url(bad))).status, bad).toBe(400);
  });

  it('exports exactly the listed rows in their order, addresses masked, audited with the filter and count', async () => {
    const filter = `within=${villageCode}&sort=-name`;
    const { page } = await getList<Item>(t, h.township!, url(`${filter}&limit=500`));
    expect(page.total).toBe(await count(villageCode));
    const before = (await auditsOf(t, 'campaign_target.export')).length;
    const rows = await readExport(t, h.township!, exportUrl(filter));
    expect(rows[0]![0]).toContain('编号');
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(page.items.map((i) => i.id));
    const text = rows.flat().join(' ');
    expect(text).toContain(WORD);
    expect(text).not.toContain(PHONE);
    const audits = await auditsOf(t, 'campaign_target.export');
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)!.after).toMatchObject({
      rows: page.total,
      filter: { within: villageCode, sort: '-name', campaignId: id },
    });
    expect(audits.at(-1)!.county_code).toBe(countyCode);
  });

  it('refuses the export to roles without the right (403), outside the scope or campaign (404); nothing audited', async () => {
    const before = (await auditsOf(t, 'campaign_target.export')).length;
    for (const who of ['gridworker', 'admin', 'resident'])
      expect(
        (await t.app.inject({ method: 'GET', url: exportUrl(), headers: h[who]! })).statusCode,
        who,
      ).toBe(403);
    const out = await t.app.inject({
      method: 'GET',
      url: exportUrl('within=211122002'),
      headers: h.village!,
    });
    expect(out.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: exportUrl(), headers: h.panshan! })).statusCode).toBe(
      404,
    );
    const bad = await t.app.inject({ method: 'GET', url: exportUrl('sort=nope'), headers: h.county! });
    expect(bad.statusCode).toBe(400);
    expect(await auditsOf(t, 'campaign_target.export')).toHaveLength(before);
    expect(marked).toBeGreaterThan(0);
  });
});
