import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { TEST_DEMO_PASSWORD } from '../../../test/constants.js';
import { OTHER, addSecondCounty } from '../../../test/city-county.js';
import { seedAccount } from '../accounts/index.js';

let t: TestApp;
const h: Record<string, Awaited<ReturnType<typeof signIn>>> = {};
/** A village of the demo county with pensioners of 60 and more (found in beforeAll). */
let DEMO_VILLAGE = '';
beforeAll(async () => {
  t = await createTestApp();
  await addSecondCounty(t.db);
  const { rows } = await sql<{ village: string }>`SELECT left(grid_code, 12) AS village FROM resident
    WHERE county_code = '211221' AND status = 'present' AND care_tags && ARRAY['pensioner-60']
      AND birth_date <= '1966-12-07' ORDER BY id LIMIT 1`.execute(t.db);
  DEMO_VILLAGE = rows[0]!.village;
  await seedAccount(t.db, {
    username: 'panjin',
    displayName: '盘锦市指挥中心',
    role: 'city_centre',
    scopeCode: '2111',
    password: TEST_DEMO_PASSWORD,
  });
  for (const u of ['city', 'panjin', 'county', 'village', 'admin']) h[u] = await signIn(t.app, u);
}, 180_000);
afterAll(async () => t?.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who], ...(payload ? { payload } : {}) });

const launch = (who: string, over: Record<string, unknown> = {}) =>
  call(who, 'POST', '/city-campaigns', {
    title: '全市养老金资格认证',
    templateKey: 'pension_certification',
    startsOn: '2026-12-07',
    endsOn: '2026-12-31',
    rule: {
      subject: 'resident',
      minAge: 60,
      careTags: ['pensioner-60'],
      regions: [DEMO_VILLAGE, OTHER.village],
    },
    checklist: { fields: [{ key: 'certified', label: '已认证', type: 'boolean', required: true }] },
    supervising: ['county', 'township', 'village'],
    ...over,
  });

describe('the city level', () => {
  it('is a city centre scoped to 铁岭市, in the demo, with its city-wide campaign of months ago', async () => {
    const me = (await call('city', 'GET', '/me')).json();
    expect(me).toMatchObject({ role: 'city_centre', scope: { code: '2112', level: 'city' } });
    const list = (await call('city', 'GET', '/city-campaigns')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ state: 'closed' });
    const tieling = list.items[0].byCounty.find((c: { code: string }) => c.code === '211221');
    expect(tieling.missed).toBe(2);
    // the county part's targets, as the database holds them (the demo township's elderly: scale-dependent)
    const held = await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_target t
      JOIN campaign c ON c.county_code = t.county_code AND c.id = t.campaign_id
      WHERE c.city_campaign_id = ${list.items[0].id} AND c.county_code = '211221'`.execute(t.db);
    expect(held.rows[0]!.n).toBeGreaterThan(2);
    expect(tieling.targets).toBe(held.rows[0]!.n);
  });

  it('launches over its counties (the rule per county) and follows progress city → county → township → village → grid', async () => {
    t.clock.set('2026-12-07T09:00:00+08:00');
    const res = await launch('city');
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json();
    expect(made.counties).toBe(2);
    const parts = await t.db
      .selectFrom('campaign')
      .select(['county_code', 'target_count', 'region_code'])
      .where('city_campaign_id', '=', made.id)
      .orderBy('county_code')
      .execute();
    expect(parts.map((p) => [p.county_code, p.region_code])).toEqual([
      ['211221', '211221'],
      ['211281', '211281'],
    ]);
    expect(parts[1]!.target_count).toBe(2);
    expect(parts.reduce((n, p) => n + p.target_count, 0)).toBe(made.targets);

    const byCounty = (await call('city', 'GET', `/city-campaigns/${made.id}/progress`)).json();
    expect(byCounty.code).toBe('2112');
    expect(byCounty.items.map((i: { code: string }) => i.code)).toEqual(['211221', '211281']);
    expect(byCounty.total.targets).toBe(made.targets);
    const county = (await call('city', 'GET', `/city-campaigns/${made.id}/progress?within=211281`)).json();
    expect(county.items).toEqual([expect.objectContaining({ code: OTHER.township, targets: 2 })]);
    const grid = (
      await call('city', 'GET', `/city-campaigns/${made.id}/progress?within=${OTHER.village}`)
    ).json();
    expect(grid.items).toEqual([expect.objectContaining({ code: OTHER.grid, level: 'grid', targets: 2 })]);
    // outside the city: 404, not a quiet fallback
    expect((await call('city', 'GET', `/city-campaigns/${made.id}/progress?within=211122`)).statusCode).toBe(
      404,
    );

    // the county sees its part as a campaign of its own, works it, but does not close it
    const mine = (await call('county', 'GET', '/campaigns?state=running')).json();
    const part = mine.items.find((c: { title: string }) => c.title === '全市养老金资格认证');
    expect(part).toBeTruthy();
    const detail = (await call('county', 'GET', `/campaigns/${part.id}`)).json();
    expect(detail.actions).toEqual([]);
    expect(
      (await call('county', 'POST', `/campaigns/${part.id}/actions/close`, { reason: '县里先结束' }))
        .statusCode,
    ).toBe(403);

    // closing with open targets needs the city's reason; then every part is closed, misses counted by county
    const refused = await call('city', 'POST', `/city-campaigns/${made.id}/actions/close`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CAMPAIGN_UNEXPLAINED_MISSES');
    const closed = await call('city', 'POST', `/city-campaigns/${made.id}/actions/close`, {
      reason: '演练结束，未认证者由各县跟进',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().byCounty).toEqual(expect.arrayContaining([{ code: '211281', missed: 2 }]));
    const states = await t.db
      .selectFrom('campaign')
      .select('state')
      .where('city_campaign_id', '=', made.id)
      .execute();
    expect(states.every((s) => s.state === 'closed')).toBe(true);
    const audits = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log
      WHERE action IN ('city_campaign.launch', 'city_campaign.close') AND entity_id = ${String(made.id)}`.execute(
      t.db,
    );
    expect(audits.rows[0]!.n).toBe(2);
  });

  it('another city sees none of it, and launches nothing in 铁岭市', async () => {
    const list = (await call('panjin', 'GET', '/city-campaigns')).json();
    expect(list.total).toBe(0);
    const { id } = (await call('city', 'GET', '/city-campaigns')).json().items[0];
    expect((await call('panjin', 'GET', `/city-campaigns/${id}`)).statusCode).toBe(404);
    expect((await call('panjin', 'GET', `/city-campaigns/${id}/progress`)).statusCode).toBe(404);
    expect(
      (await call('panjin', 'POST', `/city-campaigns/${id}/actions/close`, { reason: '不是我的' }))
        .statusCode,
    ).toBe(404);
    const res = await launch('panjin');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('CAMPAIGN_REGION_INVALID');
    // and county staff cannot use the city's routes
    expect((await call('county', 'GET', '/city-campaigns')).statusCode).toBe(403);
    expect((await launch('county')).statusCode).toBe(403);
  });

  it('reads no household, resident, case or target of its counties', async () => {
    const resident = await t.db
      .selectFrom('resident')
      .select('id')
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    const household = await t.db
      .selectFrom('household')
      .select('id')
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    const target = await t.db
      .selectFrom('campaign_target')
      .select(['id', 'campaign_id'])
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    for (const url of [
      `/residents/${resident.id}`,
      `/households/${household.id}`,
      '/households',
      '/cases',
      '/campaigns',
      `/campaigns/${target.campaign_id}`,
      `/campaigns/${target.campaign_id}/targets`,
      '/whistles',
      '/audit',
    ]) {
      const res = await call('city', 'GET', url);
      expect([403, 404], `${url}: ${res.statusCode}`).toContain(res.statusCode);
    }
    const reveal = await call('city', 'POST', `/residents/${resident.id}/reveal`, {
      fields: ['idNumber'],
      reason: '核对身份信息',
    });
    expect([403, 404]).toContain(reveal.statusCode);
  });
});

describe('deny by default for the city role', () => {
  /** What a city centre may read: itself, its notices, the national templates, its city's campaigns. */
  const ALLOWED = new Set([
    'GET /api/v1/me',
    'GET /api/v1/inbox',
    'GET /api/v1/campaign-templates',
    'GET /api/v1/city-campaigns',
    'GET /api/v1/city-campaigns/export.xlsx',
    'GET /api/v1/city-campaigns/{id}',
    'GET /api/v1/city-campaigns/{id}/progress',
  ]);
  it('answers no read of the API but its own with 2xx (every GET of the OpenAPI document, ids of the demo)', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const { id } = (await call('city', 'GET', '/city-campaigns')).json().items[0];
    const opened: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get || path.includes('/events') || path.startsWith('/open311')) continue;
      const url = path.replace(/\{id\}/g, String(id)).replace(/\{[^}]+\}/g, '1');
      const res = await t.app.inject({ method: 'GET', url, headers: h.city });
      if (res.statusCode < 300) opened.push(`GET ${path}`);
    }
    expect(opened.filter((r) => !ALLOWED.has(r))).toEqual([]);
  });
});
