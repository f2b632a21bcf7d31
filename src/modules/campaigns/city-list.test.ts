/**
 * The city's campaign list (全市响应) officials work with (issue 11): the exact total of the city's own
 * campaigns, sorting by its columns, words of the title, and the export of what is filtered with the
 * counts over the city's counties — and the wall: a city never sees, counts or exports another city's
 * campaigns, and a county's account reaches neither the list nor its export.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DEMO_PASSWORD } from '../../../test/constants.js';
import { OTHER, addSecondCounty } from '../../../test/city-county.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { auditsOf, getList, orderedAs, readExport, type H } from '../../../test/lists.js';
import { seedAccount } from '../accounts/index.js';

type Item = {
  id: number;
  title: string;
  startsOn: string;
  endsOn: string;
  state: string;
  counts: { targets: number; coverage: number; done: number };
};
let t: TestApp;
const h: Record<string, H> = {};
let panjinId = 0;

/** The targets of a city campaign's parts in the counties under the city's node, counted by SQL. */
async function handTargets(id: number, cityPath: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_target t
    JOIN campaign c ON c.county_code = t.county_code AND c.id = t.campaign_id
    JOIN region r ON r.code = c.county_code AND r.path <@ ${cityPath}::ltree
    WHERE c.city_campaign_id = ${id}`.execute(t.db);
  return r.rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  await addSecondCounty(t.db);
  await seedAccount(t.db, {
    username: 'panjin',
    displayName: '盘锦市指挥中心',
    role: 'city_centre',
    scopeCode: '2111',
    password: TEST_DEMO_PASSWORD,
  });
  for (const u of ['city', 'panjin', 'county', 'admin']) h[u] = await signIn(t.app, u);
  // a second campaign of 铁岭市 over both its counties, and one of 盘锦市 (written straight in)
  const launched = await t.app.inject({
    method: 'POST',
    url: '/api/v1/city-campaigns',
    headers: h.city!,
    payload: {
      title: '全市冬季取暖安全排查',
      startsOn: '2026-12-07',
      endsOn: '2026-12-31',
      rule: { subject: 'household', careTags: ['elderly-alone', 'disabled'], regions: [] },
      checklist: { fields: [{ key: 'ok', label: '已排查', type: 'boolean', required: true }] },
      supervising: ['county'],
    },
  });
  expect(launched.statusCode, launched.body).toBe(201);
  const { rows } = await sql<{ id: number }>`INSERT INTO city_campaign (city_code, title, launched_by, rule,
      checklist, supervising, starts_on, ends_on)
    SELECT '2111', '盘锦全市取暖排查', a.id, '{"subject":"household","careTags":[],"regions":[]}',
      '{"fields":[{"key":"ok","label":"已排查","type":"boolean","required":true}],"photo":"optional"}',
      ARRAY['county'], '2026-12-01', '2026-12-31'
    FROM account a WHERE a.username = 'panjin' RETURNING id::int AS id`.execute(t.db);
  panjinId = rows[0]!.id;
}, 180_000);
afterAll(async () => t?.close());

const list = (who: string, q = '') => getList<Item>(t, h[who]!, `/api/v1/city-campaigns?${q}`);

describe('the city’s campaign list', () => {
  it('answers the exact total of the city’s own campaigns, counted over its own counties', async () => {
    const mine = await t.db
      .selectFrom('city_campaign')
      .select('id')
      .where('city_code', '=', '2112')
      .execute();
    expect(mine.length).toBeGreaterThan(1);
    const r = await list('city', 'limit=100');
    expect(r.page.total).toBe(mine.length);
    expect(r.page.items.map((i) => i.id).sort()).toEqual(mine.map((m) => Number(m.id)).sort());
    for (const i of r.page.items) expect(i.counts.targets).toBe(await handTargets(i.id, '21.2112'));
    expect(r.page.items.some((i) => i.counts.targets > 0)).toBe(true);
    // 盘锦市 sees its own campaign only; neither sees the other's, not even by id
    const other = await list('panjin');
    expect(other.page.total).toBe(1);
    expect(other.page.items.map((i) => i.id)).toEqual([panjinId]);
    const cross = await t.app.inject({
      method: 'GET',
      url: `/api/v1/city-campaigns/${panjinId}`,
      headers: h.city!,
    });
    expect(cross.statusCode).toBe(404);
  });

  it('sorts by each column either way, searches the title, refuses bad input (400)', async () => {
    for (const [key, pick] of [
      ['title', (i: Item) => i.title],
      ['startsOn', (i: Item) => i.startsOn],
      ['endsOn', (i: Item) => i.endsOn],
      ['state', (i: Item) => i.state],
      ['targets', (i: Item) => i.counts.targets],
      ['coverage', (i: Item) => i.counts.coverage],
    ] as Array<[string, (i: Item) => unknown]>) {
      expect(orderedAs((await list('city', `sort=${key}`)).page.items.map(pick)), key).toBe(true);
      expect(orderedAs((await list('city', `sort=-${key}`)).page.items.map(pick), true), key).toBe(true);
    }
    const found = await list('city', `q=${encodeURIComponent('冬季取暖')}`);
    expect(found.page.items.map((i) => i.title)).toEqual(['全市冬季取暖安全排查']);
    expect((await list('city', 'q=%25')).page.total).toBe(0);
    for (const bad of ['sort=county_code', 'sort=-', 'q=a%00b', 'q=13700003333', 'state=open'])
      expect((await list('city', bad)).status, bad).toBe(400);
  });

  it('exports exactly the listed campaigns in their order with their counts, audited; nothing of another city', async () => {
    const { page } = await list('city', 'sort=-targets');
    const before = (await auditsOf(t, 'city_campaign.export')).length;
    const rows = await readExport(t, h.city!, '/api/v1/city-campaigns/export.xlsx?sort=-targets');
    expect(rows[0]![0]).toContain('编号');
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(page.items.map((i) => i.id));
    expect(rows.slice(1).map((r) => Number(r[5]))).toEqual(page.items.map((i) => i.counts.targets));
    expect(rows.flat().join(' ')).not.toContain('盘锦全市取暖排查');
    const audits = await auditsOf(t, 'city_campaign.export');
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)!.after).toMatchObject({ rows: page.total, filter: { sort: '-targets' } });
    expect(audits.at(-1)!.county_code).toBe('2112');
    const theirs = await readExport(t, h.panjin!, '/api/v1/city-campaigns/export.xlsx');
    expect(theirs.slice(1).map((r) => Number(r[0]))).toEqual([panjinId]);
  });

  it('refuses the list and the export to county accounts (403); nothing audited', async () => {
    const before = (await auditsOf(t, 'city_campaign.export')).length;
    for (const who of ['county', 'admin']) {
      for (const url of ['/api/v1/city-campaigns', '/api/v1/city-campaigns/export.xlsx'])
        expect(
          (await t.app.inject({ method: 'GET', url, headers: h[who]! })).statusCode,
          `${who} ${url}`,
        ).toBe(403);
    }
    expect(await auditsOf(t, 'city_campaign.export')).toHaveLength(before);
    expect(OTHER.county).toBe('211281');
  });
});
