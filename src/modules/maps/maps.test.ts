import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointInGrid } from '../../../test/fixtures.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { readMapSettings } from './settings.js';

/** Maps: the county's base map and public map settings, the public map of reports, clusters and places. */
const TIELING = '211221';
const PANSHAN = '211122';

let t: TestApp;
let admin: { authorization: string };
let county: { authorization: string };
let resident: { authorization: string };
let residentGrid: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  county = await signIn(t.app, 'county');
  resident = await signIn(t.app, 'resident');
  residentGrid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json().scope
    .code;
});
afterAll(() => t.close());

const get = (url: string, headers?: { authorization: string }) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
const putSettings = (payload: unknown, headers = admin) =>
  t.app.inject({ method: 'PUT', url: '/api/v1/map/settings', headers, payload: payload as object });

describe('map settings belong to a county', () => {
  it('default: grid polygons alone, public map off', async () => {
    const base = await get('/map/base', county);
    expect(base.json()).toEqual({ tiles: 'none', crs: 'wgs84', layers: [] });
    expect((await get('/map/settings', admin)).json()).toMatchObject({ publicMap: false, tiles: 'none' });
  });

  it('bad input changes nothing: Tianditu without a key, a custom URL without {z}/{x}/{y}, NUL bytes', async () => {
    const audits = await countRows(t.db, 'audit_log');
    expect((await putSettings({ tiles: 'tianditu', publicMap: false })).json().error.code).toBe(
      'MAP_TIANDITU_KEY_REQUIRED',
    );
    expect(
      (await putSettings({ tiles: 'custom', customUrl: 'https://x.example/tiles.png', publicMap: false }))
        .statusCode,
    ).toBe(400);
    expect(
      (await putSettings({ tiles: 'custom', customUrl: 'https://x/\u0000{z}/{x}/{y}', publicMap: false }))
        .statusCode,
    ).toBe(400);
    expect((await putSettings({ tiles: 'amap', publicMap: 'yes' })).statusCode).toBe(400);
    expect(await countRows(t.db, 'map_setting')).toBe(0);
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
  });

  it('only the administrator sets them; others are refused and nothing changes', async () => {
    for (const who of [county, resident]) {
      expect((await putSettings({ tiles: 'amap', publicMap: true }, who)).statusCode).toBe(403);
      expect((await get('/map/settings', who)).statusCode).toBe(403);
    }
    expect(await countRows(t.db, 'map_setting')).toBe(0);
  });

  it('高德 tiles are GCJ-02; 天地图 with the key; audited under 铁岭县, 盘山县 keeps its own', async () => {
    const amap = await putSettings({ tiles: 'amap', publicMap: false });
    expect(amap.statusCode, amap.body).toBe(200);
    expect((await get('/map/base', county)).json()).toMatchObject({ tiles: 'amap', crs: 'gcj02' });
    const key = '0123456789abcdef0123456789abcdef';
    const tdt = await putSettings({ tiles: 'tianditu', tiandituKey: key, publicMap: false });
    expect(tdt.statusCode, tdt.body).toBe(200);
    const base = (await get('/map/base', resident)).json();
    expect(base.crs).toBe('wgs84');
    expect(base.layers).toHaveLength(2);
    expect(base.layers[0].url).toContain(`tk=${key}`);
    // the other county is untouched: its staff draw polygons alone
    expect(await readMapSettings(t.db, PANSHAN)).toMatchObject({ tiles: 'none', publicMap: false });
    const panshan = await signIn(t.app, 'panshan');
    expect((await get('/map/base', panshan)).json()).toEqual({ tiles: 'none', crs: 'wgs84', layers: [] });
    const audits = await t.db
      .selectFrom('audit_log')
      .select(['county_code', 'after'])
      .where('action', '=', 'map_setting.update')
      .execute();
    expect(audits).toHaveLength(2);
    expect(new Set(audits.map((a) => a.county_code))).toEqual(new Set([TIELING]));
    expect(JSON.stringify(audits)).not.toContain(key); // the key is not copied into the audit log
  });
});

describe('the public map of reports', () => {
  const phone = '13912345678';
  let reportedId: number;

  it('is off by default: 404 without revealing anything, for any county', async () => {
    await putSettings({ tiles: 'none', publicMap: false });
    for (const c of [TIELING, PANSHAN, '999999']) {
      const res = await get(`/public/map/${c}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('PUBLIC_MAP_UNAVAILABLE');
    }
    expect((await get('/public/map/21122x')).statusCode).toBe(400);
  });

  it('once published: open and recently fixed problems, masked, coarse, no personal data; the other county stays closed', async () => {
    const at = await pointInGrid(t.db, residentGrid);
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        categoryCode: 'E0102',
        description: `路口有暴露垃圾，请联系我 ${phone}`,
        lat: at.lat,
        lng: at.lng,
        address: '幸福小区3号楼2单元',
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    reportedId = rep.json().id;
    const gw = await signIn(t.app, 'gridworker');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/cases/${reportedId}/actions/file`,
          headers: gw,
          payload: {},
        })
      ).statusCode,
    ).toBe(200);
    await putSettings({ tiles: 'amap', publicMap: true });

    const res = await get(`/public/map/${TIELING}?lng=${at.lng}&lat=${at.lat}&km=1`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.county.code).toBe(TIELING);
    expect(body.base.crs).toBe('gcj02');
    const mine = body.items.find((i: { summary: string }) => i.summary.startsWith('路口有暴露垃圾'));
    expect(mine).toBeDefined();
    expect(mine.status).toBe('open');
    const text = JSON.stringify(body);
    expect(text).not.toContain(phone);
    expect(text).not.toContain('幸福小区'); // the street address is not published
    expect(text).not.toContain(rep.json().number); // nor the case number
    for (const key of ['id', 'number', 'reporterName', 'contact', 'address', 'gridCode'])
      expect(Object.keys(mine)).not.toContain(key);
    // the point is rounded to 0.002° (about 200 m)
    for (const v of [mine.lng, mine.lat])
      expect(Math.abs(v / 0.002 - Math.round(v / 0.002))).toBeLessThan(1e-6);
    expect(Math.abs(mine.lng - at.lng)).toBeLessThanOrEqual(0.0011);
    // nothing from petitions or social-governance categories
    const restricted = await t.db
      .selectFrom('cases')
      .innerJoin('category', 'category.code', 'cases.category_code')
      .select('cases.description')
      .where('cases.county_code', '=', TIELING)
      .where((eb) => eb.or([eb('cases.source', '=', 'petition'), eb('category.kind', '=', 'governance')]))
      .limit(50)
      .execute();
    const all = (await get(`/public/map/${TIELING}`)).json();
    const summaries = new Set(all.items.map((i: { summary: string }) => i.summary.slice(0, 20)));
    for (const r of restricted) expect(summaries.has(r.description.slice(0, 20))).toBe(false);
    // 盘山县 did not publish
    expect((await get(`/public/map/${PANSHAN}`)).statusCode).toBe(404);
    // far away from any report: nothing
    expect((await get(`/public/map/${TIELING}?lng=100&lat=30&km=1`)).json().items).toEqual([]);
  });

  it('turned off again: 404 at once', async () => {
    await putSettings({ tiles: 'amap', publicMap: false });
    expect((await get(`/public/map/${TIELING}`)).statusCode).toBe(404);
  });
});

describe('clusters, heat and places', () => {
  it('counts cases by child region in the caller’s scope; out of scope is 404', async () => {
    const res = await get('/map/cases?days=366', county);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.region.code).toBe(TIELING);
    expect(d.clusters.length).toBeGreaterThan(0);
    for (const c of d.clusters) expect(c.code).toHaveLength(9);
    const direct = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('county_code', '=', TIELING)
      .where('reported_at', '>=', new Date(Date.now() - 366 * 86_400_000))
      .executeTakeFirstOrThrow();
    expect(d.total).toBe(Number(direct.n)); // every case is in a cluster, with or without a point
    expect(d.heat.reduce((s: number, h: { n: number }) => s + h.n, 0)).toBeLessThanOrEqual(d.total);
    // a village staff member sees only their village, counted by grid
    const village = await signIn(t.app, 'village');
    const v = (await get('/map/cases?days=366', village)).json();
    for (const c of v.clusters) expect(c.code).toHaveLength(15);
    expect((await get(`/map/cases?region=${TIELING}`, village)).statusCode).toBe(404);
    expect((await get(`/map/cases?region=${PANSHAN}`, county)).statusCode).toBe(404);
    expect((await get('/map/cases', await signIn(t.app, 'department'))).statusCode).toBe(403);
  });

  it('a grid’s place in words from the territory', async () => {
    const gw = await signIn(t.app, 'gridworker');
    const res = await get(`/map/places/${residentGrid}`, gw);
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    const names = await t.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [residentGrid.slice(0, 9), residentGrid.slice(0, 12), residentGrid])
      .execute();
    expect(p.text).toBe(
      names
        .sort((a, b) => a.code.length - b.code.length)
        .map((n) => n.name)
        .join(' '),
    );
    expect((await get(`/map/places/${PANSHAN}001211001`, gw)).statusCode).toBe(404);
  });
});
