/**
 * Lists that officials can work with (issue 11): the exact total, sorting by a column, searching by
 * case number and keyword, by the reporter's phone (a reveal: right, reason, audit, limit), and the
 * filtered list exported to Excel — masked, audited, and readable with exceljs.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { REVEAL_SEARCH_LIMIT as PHONE_SEARCH_LIMIT } from '../audit/index.js';

type H = { authorization: string };
type Page = {
  items: Array<{ id: number; number: string; reportedAt: string; state: string }>;
  total: number;
};
let t: TestApp;
let county: H, village: H, party: H, villager: H;
let countyCode: string, villageCode: string;
const PHONE = '13700001111';
let mine: { id: number; number: string };

const list = (h: H, query: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/cases?${query}`, headers: h });
const audits = (action: string) =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
const REASON = encodeURIComponent('群众来电查询办理进度');

beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  village = await signIn(t.app, 'village');
  party = await signIn(t.app, 'party');
  villager = await signIn(t.app, 'resident');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
  countyCode = me.countyCode;
  villageCode = me.scope.code;
  const grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: villager })).json().scope
    .code;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: villager,
    payload: {
      source: 'resident_app',
      categoryCode: 'G0401',
      description: '桥头垃圾箱满了，联系我 13700001111',
      reporterContact: PHONE,
      ...(await pointInGrid(t.db, grid)),
    },
  });
  expect(res.statusCode).toBe(201);
  mine = res.json();
  // six more, so that a page of five is not the whole list
  for (let i = 1; i <= 6; i++) {
    const more = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: villager,
      payload: {
        source: 'resident_app',
        categoryCode: 'G0401',
        description: `路灯不亮 第${i}处`,
        ...(await pointInGrid(t.db, grid)),
      },
    });
    expect(more.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

describe('a list answers its exact total', () => {
  it('counts every case the caller sees under the filter, not the page', async () => {
    const hand = await t.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('county_code', '=', countyCode)
      .where('state', 'in', ['reported', 'filed', 'dispatched', 'accepted', 'handled', 'suspended'])
      .executeTakeFirstOrThrow();
    expect(hand.n).toBeGreaterThan(5);
    const page = (await list(county, 'open=true&limit=5')).json<Page>();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(hand.n);
    // the village sees its own subtree only, in SQL
    const inVillage = await t.db
      .selectFrom('cases')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
      .executeTakeFirstOrThrow();
    expect((await list(village, 'limit=1')).json<Page>().total).toBe(inVillage.n);
    // a page past the end still knows the total
    const far = (await list(county, 'open=true&limit=5&offset=100000')).json<Page>();
    expect(far).toEqual({ items: [], total: hand.n });
  });
});

describe('a list sorts by its columns', () => {
  it('sorts by the report time either way, and refuses a column not on the whitelist', async () => {
    const up = (await list(county, 'sort=reportedAt&limit=50')).json<Page>().items.map((i) => i.reportedAt);
    const down = (await list(county, 'sort=-reportedAt&limit=50'))
      .json<Page>()
      .items.map((i) => i.reportedAt);
    expect(up).toEqual([...up].sort());
    expect(down).toEqual([...down].sort().reverse());
    expect(up[0]! <= down[0]!).toBe(true);
    expect(down[0]! >= up[up.length - 1]!).toBe(true);
    const numbers = (await list(county, 'sort=number&limit=50')).json<Page>().items.map((i) => i.number);
    expect(numbers).toEqual([...numbers].sort());
    for (const bad of ['password_hash', 'reported_at;drop', '-', 'reportedAt,number'])
      expect((await list(county, `sort=${encodeURIComponent(bad)}`)).statusCode).toBe(400);
  });
});

describe('a list searches', () => {
  it('by a part of the case number', async () => {
    const page = (await list(county, `number=${mine.number.slice(-10)}`)).json<Page>();
    expect(page.items.map((i) => i.id)).toContain(mine.id);
    expect(page.items.every((i) => i.number.includes(mine.number.slice(-10)))).toBe(true);
  });

  it('by a keyword in the description, wildcards taken literally', async () => {
    const page = (await list(county, `q=${encodeURIComponent('桥头垃圾箱')}`)).json<Page>();
    expect(page.items.map((i) => i.id)).toContain(mine.id);
    expect((await list(county, `q=${encodeURIComponent('%')}`)).json<Page>().total).toBe(0);
  });

  it('never by a phone number as a keyword (that would be a LIKE on what people wrote)', async () => {
    for (const q of [PHONE, '137 0000 1111', '１３７００００１１１１'])
      expect((await list(county, `q=${encodeURIComponent(q)}`)).statusCode).toBe(400);
  });

  it('by the reporter’s phone only with the reveal right and a reason; audited with the matches', async () => {
    expect((await list(party, `phone=${PHONE}&reason=${REASON}`)).statusCode).toBe(403);
    expect((await list(county, `phone=${PHONE}`)).statusCode).toBe(400);
    expect(await audits('case.search')).toHaveLength(0);
    const res = await list(county, `phone=${PHONE}&reason=${REASON}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const page = res.json<Page>();
    expect(page.items.map((i) => i.id)).toEqual([mine.id]);
    expect(page.total).toBe(1);
    const [a] = await audits('case.search');
    expect(a).toMatchObject({ reason: '群众来电查询办理进度', entity_id: String(mine.id) });
    expect(JSON.stringify(a)).not.toContain(PHONE);
    // a village outside the case's village finds nothing for the same phone
    expect((await list(village, `phone=13700002222&reason=${REASON}`)).json<Page>().total).toBe(0);
  });

  it(`allows ${PHONE_SEARCH_LIMIT} phone searches a minute per account (429 after)`, async () => {
    const done = (await audits('case.search')).filter((a) => a.actor_id === countyActor()).length;
    for (let i = done; i < PHONE_SEARCH_LIMIT; i++)
      expect((await list(county, `phone=${PHONE}&reason=${REASON}`)).statusCode).toBe(200);
    const over = await list(county, `phone=${PHONE}&reason=${REASON}`);
    expect(over.statusCode).toBe(429);
    expect((await audits('case.search')).filter((a) => a.actor_id === countyActor())).toHaveLength(
      PHONE_SEARCH_LIMIT,
    );
  });
});

let countyAccount = 0;
const countyActor = () => countyAccount;
beforeAll(async () => {
  const a = await t.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', 'county')
    .executeTakeFirstOrThrow();
  countyAccount = a.id;
});

describe('the filtered list exports to Excel', () => {
  it('streams every filtered row, masked, and audits the export', async () => {
    const filter = `within=${villageCode}&sort=-reportedAt`;
    const total = (await list(county, `${filter}&limit=1`)).json<Page>().total;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/export.xlsx?${filter}`,
      headers: county,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(total + 1);
    const numbers: string[] = [];
    ws.eachRow((row, i) => {
      if (i > 1) numbers.push(String(row.getCell(1).value));
    });
    expect(numbers).toContain(mine.number);
    const text = JSON.stringify(ws.getSheetValues());
    expect(text).not.toContain(PHONE);
    expect(text).toContain('137****1111');
    const [a] = await audits('case.export');
    expect(a).toMatchObject({ actor_id: countyAccount });
    expect(a!.after).toMatchObject({ rows: total, filter: { within: villageCode, sort: '-reportedAt' } });
  });

  it('is refused to those who may not export, and to a region outside the caller (404)', async () => {
    const before = (await audits('case.export')).length;
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/cases/export.xlsx', headers: villager })).statusCode,
    ).toBe(403);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/v1/cases/export.xlsx?within=211122002',
          headers: village,
        })
      ).statusCode,
    ).toBe(404);
    expect(await audits('case.export')).toHaveLength(before);
  });
});
