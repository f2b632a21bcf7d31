/**
 * What the field app needs from the case API (issue 12): the report's answer says what happens
 * next and by when; categories come in the order of the reporter's kind of place and of what is
 * reported most there; the reporter's contact is shown in full only through an audited reveal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { pointInGrid } from '../../../test/fixtures.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

type H = { authorization: string };
let t: TestApp;
let villager: H, townsman: H, gw: H, admin: H;
let villageGrid: string;

const report = (h: H, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: h, payload });
const order = async (h: H) =>
  (await t.app.inject({ method: 'GET', url: '/api/v1/categories?order=area', headers: h }))
    .json<{ items: Array<{ code: string }> }>()
    .items.map((c) => c.code);

beforeAll(async () => {
  t = await createTestApp();
  villager = await signIn(t.app, 'resident');
  gw = await signIn(t.app, 'gridworker');
  admin = await signIn(t.app, 'admin');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: villager })).json();
  villageGrid = me.scope.code;
  // a resident of an urban community in the same county
  const community = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'grid')
    .where('kind', '=', 'community')
    .where('county_code', '=', me.countyCode)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: admin,
    payload: {
      username: 'townsman',
      displayName: '社区居民',
      password: 'a-long-password',
      role: 'resident',
      scopeCode: community.code,
    },
  });
  expect(made.statusCode).toBe(201);
  townsman = await signIn(t.app, 'townsman', 'a-long-password');
});
afterAll(() => t.close());

describe('the answer to a report', () => {
  it('says who holds it now and by when; a resent report answers the same', async () => {
    t.clock.set('2026-12-07T09:00:00+08:00'); // a Monday morning
    const at = await pointInGrid(t.db, villageGrid);
    const body = {
      source: 'resident_app',
      categoryCode: 'G0401',
      description: '村口垃圾堆了三天',
      ...at,
      reporterContact: '13912345678',
      clientRequestId: '0b8f3f7e-6a36-4a4e-9a53-7d0c1b7a2c11',
    };
    const first = await report(villager, body);
    expect(first.statusCode, first.body).toBe(201);
    const a = first.json();
    const row = await t.db
      .selectFrom('cases')
      .select(['deadline_at', 'tier'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(a).toMatchObject({ tier: 'village', state: 'reported' });
    expect(a.deadlineAt).toBe(row.deadline_at!.toISOString());
    expect(a.deadline).toMatchObject({ amount: expect.any(Number), unit: expect.any(String) });
    const again = await report(villager, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(a);
  });

  it('names no plain rule for an urgent report (its time is cut), only the deadline', async () => {
    const at = await pointInGrid(t.db, villageGrid);
    const res = await report(gw, {
      source: 'patrol',
      categoryCode: 'G0205',
      description: '河堤有裂缝，汛期危险',
      urgency: 'urgent',
      ...at,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().deadline).toBeNull();
    expect(res.json().deadlineAt).toEqual(expect.any(String));
  });
});

describe('categories in the reporter’s order', () => {
  it('a villager sees rural categories before the city’s street order; a community resident the reverse', async () => {
    const v = await order(villager);
    const c = await order(townsman);
    expect(v.indexOf('G0401')).toBeLessThan(v.indexOf('E0502'));
    expect(v.indexOf('G0402')).toBeLessThan(v.indexOf('P0101'));
    expect(c.indexOf('E0502')).toBeLessThan(c.indexOf('G0401'));
    // the same catalogue, only ordered; without ?order the catalogue's own order
    expect([...v].sort()).toEqual([...c].sort());
    const plain = (await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers: villager })).json<{
      items: Array<{ code: string }>;
    }>();
    expect(plain.items.map((x) => x.code)).toEqual([...v].sort());
  });

  it('what is reported most in places of the same kind comes first', async () => {
    // 消防设施 (fits anywhere) reported again and again in rural grids: first for villagers
    t.clock.advance(3600_000); // past the counts’ ten-minute memory
    // the demo's year of history already counts: report it once more than the rural leader
    const { rows } = await sql<{ code: string; n: string }>`
      SELECT c.category_code AS code, count(*) AS n FROM cases c JOIN region g ON g.code = c.grid_code
      WHERE c.county_code = ${villageGrid.slice(0, 6)} AND g.kind <> 'community'
        AND c.reported_at >= ${new Date(t.clock.now().getTime() - 365 * 86_400_000)}
      GROUP BY 1`.execute(t.db);
    const n = (code: string) => Number(rows.find((r) => r.code === code)?.n ?? 0);
    const lead = Math.max(0, ...rows.filter((r) => r.code !== 'P0104').map((r) => Number(r.n)));
    for (let i = 0; i < Math.max(4, lead - n('P0104') + 1); i++) {
      const at = await pointInGrid(t.db, villageGrid);
      const res = await report(villager, {
        source: 'resident_app',
        categoryCode: 'P0104',
        description: `消防栓漏水 ${i}`,
        ...at,
      });
      expect(res.statusCode).toBe(201);
    }
    t.clock.advance(3600_000);
    expect((await order(villager))[0]).toBe('P0104');
    // not counted for the community: there the street order still leads
    const c = await order(townsman);
    expect(c.indexOf('E0502')).toBeLessThan(c.indexOf('P0104'));
  });
});

describe('the reporter’s contact', () => {
  let id: number;
  beforeAll(async () => {
    const at = await pointInGrid(t.db, villageGrid);
    const res = await report(villager, {
      source: 'resident_app',
      categoryCode: 'G0403',
      description: '养殖场粪污流到路上',
      reporterContact: '13812345678',
      ...at,
    });
    id = res.json().id;
  });
  const reveal = (h: H, reason: unknown, caseId = id) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/reveal-contact`,
      headers: h,
      payload: { reason },
    });

  it('is masked in the case and shown in full to the grid worker with a reason, audited', async () => {
    const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: gw })).json();
    expect(detail.reporterContact).toBe('138****5678');
    const audits = await countRows(t.db, 'audit_log');
    const res = await reveal(gw, '现场找不到位置，电话联系');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, reporterContact: '13812345678' });
    expect(res.headers['cache-control']).toContain('no-store');
    expect(await countRows(t.db, 'audit_log')).toBe(audits + 1);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'reason'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'case.reveal_contact', entity_id: String(id) });
    expect(row.reason).toBe('现场找不到位置，电话联系');
  });

  it('refuses a resident (403), a missing reason (400), a case out of scope (404); nothing is logged', async () => {
    const audits = await countRows(t.db, 'audit_log');
    expect((await reveal(villager, '我想看看自己的号码')).statusCode).toBe(403);
    expect((await reveal(gw, '看')).statusCode).toBe(400);
    expect((await reveal(gw, '核实\u0000情况')).statusCode).toBe(400);
    const other = await signIn(t.app, 'township-cgb'); // a department that does not see it
    expect((await reveal(other, '联系上报人核实')).statusCode).toBe(404);
    expect((await reveal(gw, '联系上报人核实', 999_999_999)).statusCode).toBe(404);
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
  });
});

describe('GET /me lists what the person can use', () => {
  it('a full-time worker has no points to redeem; a part-time worker has', async () => {
    const me = async (h: H) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h })).json<{ abilities: string[] }>();
    expect((await me(gw)).abilities).not.toContain('points.redeem');
    expect((await me(gw)).abilities).toContain('visits.record');
    expect((await me(await signIn(t.app, 'parttime'))).abilities).toContain('points.redeem');
  });
});
