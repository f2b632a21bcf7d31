/**
 * The city centre's desk (全市响应): the rule's count by county before launching, the county's view
 * of its part, and the city as an outsider — every other route, by id and by `within=`, refused.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { TEST_DEMO_PASSWORD } from '../../../test/constants.js';
import { OTHER, addSecondCounty } from '../../../test/city-county.js';
import { changedTables, stateChecksum } from '../../../test/authz/checksum.js';
import { seedAccount } from '../accounts/index.js';

let t: TestApp;
const h: Record<string, Awaited<ReturnType<typeof signIn>>> = {};
const PENSION = { subject: 'resident', minAge: 60, careTags: ['pensioner-60'] };
const asOf = '2026-12-07';

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(`${asOf}T09:00:00+08:00`);
  await addSecondCounty(t.db);
  await seedAccount(t.db, {
    username: 'panjin',
    displayName: '盘锦市指挥中心',
    role: 'city_centre',
    scopeCode: '2111',
    password: TEST_DEMO_PASSWORD,
  });
  for (const u of ['city', 'panjin', 'county', 'admin']) h[u] = await signIn(t.app, u);
}, 180_000);
afterAll(async () => t?.close());

const call = (who: string, method: string, url: string, payload?: object) =>
  t.app.inject({
    method: method as 'GET',
    url: url.startsWith('/api') ? url : `/api/v1${url}`,
    headers: h[who],
    ...(payload ? { payload } : {}),
  });

/** Pensioners of 60+ of the demo county, by township, counted straight from the archive. */
async function pensionersByTownship() {
  const { rows } = await sql<{
    code: string;
    n: number;
  }>`SELECT left(grid_code, 9) AS code, count(*)::int AS n
    FROM resident WHERE county_code = '211221' AND status = 'present' AND care_tags && ARRAY['pensioner-60']
      AND birth_date <= ${asOf}::date - interval '60 years'
    GROUP BY 1 ORDER BY 1`.execute(t.db);
  return rows;
}

describe('the city preview', () => {
  it('counts the rule by county over the city, then by township within a county; nothing is made', async () => {
    const before = await stateChecksum(t.db);
    const res = await call('city', 'POST', '/city-campaigns/preview', { rule: PENSION });
    expect(res.statusCode, res.body).toBe(200);
    const towns = await pensionersByTownship();
    const county = towns.reduce((n, r) => n + r.n, 0);
    expect(res.json().byRegion).toEqual([
      { code: '211221', name: '铁岭县', targets: county },
      { code: OTHER.county, name: '调兵山市', targets: 2 },
    ]);
    expect(res.json().targets).toBe(county + 2);
    const within = await call('city', 'POST', '/city-campaigns/preview', { rule: PENSION, within: '211221' });
    expect(within.json().byRegion.map((r: { code: string; targets: number }) => [r.code, r.targets])).toEqual(
      towns.map((r) => [r.code, r.n]),
    );
    // limited to one township: the other county and the other townships drop out
    const town = towns[0]!.code;
    const limited = await call('city', 'POST', '/city-campaigns/preview', {
      rule: { ...PENSION, regions: [town] },
    });
    expect(limited.json()).toEqual({
      targets: towns[0]!.n,
      byRegion: [{ code: '211221', name: '铁岭县', targets: towns[0]!.n }],
    });
    const elsewhere = await call('city', 'POST', '/city-campaigns/preview', {
      rule: { ...PENSION, regions: [town] },
      within: OTHER.county,
    });
    expect(elsewhere.json()).toEqual({ targets: 0, byRegion: [] });
    expect(changedTables(before, await stateChecksum(t.db))).toEqual([]);
  });

  it('answers 404 for a within outside the city, 400 for regions outside it; others are refused', async () => {
    for (const within of ['211122', '211122001', '999999']) {
      const res = await call('city', 'POST', '/city-campaigns/preview', { rule: PENSION, within });
      expect(res.statusCode, within).toBe(404);
    }
    // not a county or below: bad input
    for (const within of ['2111', '21', '２１１２２１'])
      expect(
        (await call('city', 'POST', '/city-campaigns/preview', { rule: PENSION, within })).statusCode,
      ).toBe(400);
    const far = await call('city', 'POST', '/city-campaigns/preview', {
      rule: { ...PENSION, regions: ['211122001'] },
    });
    expect(far.statusCode).toBe(400);
    expect(far.json().error.code).toBe('CAMPAIGN_REGION_INVALID');
    // 盘锦 previews nothing of 铁岭: its own city holds no county in the demo territory
    const other = await call('panjin', 'POST', '/city-campaigns/preview', { rule: PENSION });
    expect(other.json()).toEqual({ targets: 0, byRegion: [] });
    expect(
      (await call('panjin', 'POST', '/city-campaigns/preview', { rule: PENSION, within: '211221' }))
        .statusCode,
    ).toBe(404);
    for (const who of ['county', 'admin'])
      expect((await call(who, 'POST', '/city-campaigns/preview', { rule: PENSION })).statusCode).toBe(403);
  });
});

describe('a county’s part of a city campaign', () => {
  it('is in the county’s own list marked as from the city, and the county may not close it', async () => {
    const list = (await call('county', 'GET', '/campaigns?limit=100')).json();
    const parts = list.items.filter((c: { fromCity: boolean }) => c.fromCity);
    const own = list.items.filter((c: { fromCity: boolean }) => !c.fromCity);
    expect(parts.length).toBeGreaterThan(0); // the demo's city-wide pension certification
    expect(own.length).toBeGreaterThan(0);
    const ids = await t.db
      .selectFrom('campaign')
      .select('id')
      .where('county_code', '=', '211221')
      .where('city_campaign_id', 'is not', null)
      .execute();
    expect(parts.map((c: { id: number }) => c.id).sort()).toEqual(ids.map((r) => Number(r.id)).sort());
    const detail = (await call('county', 'GET', `/campaigns/${parts[0].id}`)).json();
    expect(detail.fromCity).toBe(true);
    expect(detail.actions).toEqual([]);
  });

  it('a county account reaches none of the city’s routes', async () => {
    const { id } = (await call('city', 'GET', '/city-campaigns')).json().items[0];
    for (const [m, url, body] of [
      ['GET', '/city-campaigns'],
      ['GET', '/city-campaigns/export.xlsx'],
      ['GET', `/city-campaigns/${id}`],
      ['GET', `/city-campaigns/${id}/progress`],
      ['GET', `/city-campaigns/${id}/progress?within=211221`],
      ['POST', '/city-campaigns/preview', { rule: PENSION }],
      ['POST', `/city-campaigns/${id}/actions/close`, { reason: '县里结束全市任务' }],
    ] as const)
      expect((await call('county', m, url, body)).statusCode, `${m} ${url}`).toBe(403);
  });
});

describe('the city as an outsider', () => {
  /** What a city centre may call at all (src/server/city-reach.ts). */
  const ALLOWED = new Set([
    'GET /api/v1/me',
    'POST /api/v1/auth/logout',
    'GET /api/v1/inbox',
    'POST /api/v1/inbox/read',
    'GET /api/v1/campaign-templates',
    'POST /api/v1/city-campaigns/preview',
    'POST /api/v1/city-campaigns',
    'GET /api/v1/city-campaigns',
    'GET /api/v1/city-campaigns/export.xlsx',
    'GET /api/v1/city-campaigns/{id}',
    'GET /api/v1/city-campaigns/{id}/progress',
    'POST /api/v1/city-campaigns/{id}/actions/close',
  ]);
  async function paths() {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    return Object.entries(doc.paths).filter(([p]) => !p.includes('/events') && !p.startsWith('/open311'));
  }
  /** Real ids and codes of the demo county for a route's parameters. */
  async function fill(path: string) {
    const first = async (table: 'resident' | 'household' | 'cases' | 'campaign') =>
      String(
        (
          await t.db
            .selectFrom(table)
            .select('id')
            .where('county_code', '=', '211221')
            .orderBy('id')
            .executeTakeFirstOrThrow()
        ).id,
      );
    const id = path.startsWith('/api/v1/residents')
      ? await first('resident')
      : path.startsWith('/api/v1/households')
        ? await first('household')
        : path.startsWith('/api/v1/cases') || path.startsWith('/api/v1/map/cases')
          ? await first('cases')
          : path.startsWith('/api/v1/campaign')
            ? await first('campaign')
            : '1';
    return path
      .replace(/\{id\}/g, id)
      .replace(/\{(code|county|regionCode)\}/g, '211221')
      .replace(/\{[^}]+\}/g, '1');
  }

  /** The exchange routes other systems call with their key: a session (the city's too) is refused 401. */
  const byKeyOnly = (res: { statusCode: number; body: string }) =>
    res.statusCode === 401 && res.body.includes('"SYSTEM_KEY_INVALID"');

  it('reads nothing of a county by id or by within= (cases, households, people, exports, maps, indicators)', async () => {
    const opened: string[] = [];
    for (const [path, ops] of await paths()) {
      if (!ops.get || ALLOWED.has(`GET ${path}`)) continue;
      const url = `${await fill(path)}?within=211221&county=211221&region=211221`;
      const res = await call('city', 'GET', url);
      if (res.statusCode < 300) opened.push(`GET ${path} ${res.statusCode}`);
      else if (!byKeyOnly(res))
        expect([400, 403, 404], `${url}: ${res.statusCode}`).toContain(res.statusCode);
    }
    expect(opened).toEqual([]);
  });

  it('changes nothing through any other route (every POST, PUT, PATCH, DELETE answers 403)', async () => {
    const before = await stateChecksum(t.db);
    const wrong: string[] = [];
    for (const [path, ops] of await paths())
      for (const m of ['post', 'put', 'patch', 'delete'])
        if (ops[m] && !ALLOWED.has(`${m.toUpperCase()} ${path}`)) {
          const url = await fill(path);
          const res = await call('city', m.toUpperCase(), url, { reason: '全市核查' });
          if (res.statusCode === 403 || byKeyOnly(res)) continue;
          // a public route (sign-in, joining) answers the city as it answers anyone
          const anonymous = await t.app.inject({ method: m.toUpperCase() as 'POST', url, payload: {} });
          if (anonymous.statusCode !== 401) continue;
          wrong.push(`${m} ${path}: ${res.statusCode}`);
        }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await stateChecksum(t.db))).toEqual([]);
  });

  it('another city’s campaign ids answer 404 to 盘锦, and its own list is empty', async () => {
    const { id } = (await call('city', 'GET', '/city-campaigns')).json().items[0];
    expect((await call('panjin', 'GET', `/city-campaigns/${id}?within=211221`)).statusCode).toBe(404);
    expect((await call('panjin', 'GET', `/city-campaigns/${id}/progress?within=211221`)).statusCode).toBe(
      404,
    );
    // the city's own progress within a county of another city: 404, never a quiet fallback
    expect((await call('city', 'GET', `/city-campaigns/${id}/progress?within=211122`)).statusCode).toBe(404);
    expect((await call('panjin', 'GET', '/city-campaigns')).json().total).toBe(0);
  });
});
