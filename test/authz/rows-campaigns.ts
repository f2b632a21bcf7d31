/**
 * The authorisation matrix's rows for campaigns (上级号召). "in": a campaign the county launches over
 * the demo grid (every account's scope holds it or lies in it). "out": a campaign of 盘山县 (another
 * county) for campaign reads; for target work, a target in another township of 铁岭县 (seen by the
 * county, out of scope for the township, village and grid accounts).
 */
import { sql } from 'kysely';
import type { Fixtures, Where } from './fixtures.js';
import { get, post, type Row } from './rows.js';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const body = (regions: string[]) => ({
  title: '矩阵专项任务',
  startsOn: today(),
  endsOn: today(),
  rule: { subject: 'household', regions },
  checklist: { fields: [{ key: 'ok', label: '已核查', type: 'boolean', required: true }] },
  supervising: ['county', 'township', 'village'],
});

const launched = new Map<string, Promise<number>>();
/** a campaign the county launches over these regions (fresh: for calls that change it) */
async function freshCampaign(fx: Fixtures, regions: string[]): Promise<number> {
  return (await fx.kit.must<{ id: number }>(201, 'county', 'POST', '/campaigns', body(regions))).id;
}
/** 盘山县 has no archive to target: its campaign is written straight into the database */
async function panshanCampaign(fx: Fixtures): Promise<number> {
  const county = fx.out.county;
  const { rows } = await sql<{
    id: number;
  }>`INSERT INTO campaign (county_code, title, region_code, region_path,
      launched_by, rule, checklist, supervising, starts_on, ends_on)
    SELECT ${county}, '盘山县专项任务', r.code, r.path, a.id, '{"subject":"household","careTags":[],"regions":[]}',
      '{"fields":[{"key":"ok","label":"已核查","type":"boolean","required":true}],"photo":"optional"}',
      ARRAY['county'], ${today()}::date, ${today()}::date
    FROM region r, account a WHERE r.code = ${county} AND a.username = 'panshan'
    RETURNING id`.execute(fx.fresh.db);
  return Number(rows[0]!.id);
}
const campaignOf = (fx: Fixtures, w: Where) => {
  if (!launched.has(w)) launched.set(w, w === 'in' ? freshCampaign(fx, [fx.in.grid]) : panshanCampaign(fx));
  return launched.get(w)!;
};
/** a fresh open target: in the demo grid, or in another township's grid (out) */
async function freshTarget(fx: Fixtures, w: Where): Promise<number> {
  const grid =
    w === 'in'
      ? fx.in.grid
      : (
          await fx.fresh.db
            .selectFrom('household')
            .select('grid_code')
            .where('id', '=', fx.out.householdId)
            .executeTakeFirstOrThrow()
        ).grid_code;
  const id = await freshCampaign(fx, [grid]);
  const t = await fx.fresh.db
    .selectFrom('campaign_target')
    .select('id')
    .where('campaign_id', '=', id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return Number(t.id);
}

const LAUNCH = (ok: number) => ({ '*': 403, county: ok, township: ok, anonymous: 401 });
const READ = {
  '*': 403,
  admin: 200,
  county: 200,
  township: 200,
  village: 200,
  gridworker: 200,
  parttime: 200,
  anonymous: 401,
};
const READ_OUT = {
  ...READ,
  admin: 404,
  county: 404,
  township: 404,
  village: 404,
  gridworker: 404,
  parttime: 404,
};
/** progress and misses: the supervising tiers (county, township, village), not a grid's workers */
const FOLLOW = { ...READ, gridworker: 403, parttime: 403 };
const EXPORT = { '*': 403, county: 200, township: 200, village: 200, anonymous: 401 };
const WORK = { '*': 403, village: 200, gridworker: 200, parttime: 200, anonymous: 401 };

export const CAMPAIGN_ROWS: Row[] = [
  { route: 'GET /api/v1/campaign-templates', make: () => get('/campaign-templates'), in: LAUNCH(200) },
  {
    route: 'POST /api/v1/campaigns/preview',
    make: (fx, w) => post('/campaigns/preview', { rule: { subject: 'household', regions: [fx[w].grid] } }),
    in: LAUNCH(200),
    // a region outside the caller's view is bad input, and nothing is counted
    out: LAUNCH(400),
  },
  {
    route: 'POST /api/v1/campaigns',
    make: (fx, w) => post('/campaigns', body([fx[w].grid])),
    in: LAUNCH(201),
    out: LAUNCH(400),
  },
  { route: 'GET /api/v1/campaigns', make: () => get('/campaigns'), in: READ },
  {
    route: 'GET /api/v1/campaigns/{id}',
    make: async (fx, w) => get(`/campaigns/${await campaignOf(fx, w)}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/campaigns/{id}/progress',
    make: async (fx, w) => get(`/campaigns/${await campaignOf(fx, w)}/progress`),
    in: FOLLOW,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/campaigns/{id}/targets',
    make: async (fx, w) => get(`/campaigns/${await campaignOf(fx, w)}/targets?state=open`),
    in: FOLLOW,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/campaigns/{id}/targets/export.xlsx',
    make: async (fx, w) => get(`/campaigns/${await campaignOf(fx, w)}/targets/export.xlsx?sort=-name`),
    // campaigns.export: the centres that keep the archive (the right first: 403), then the campaign (404)
    in: EXPORT,
    out: { ...EXPORT, county: 404, township: 404, village: 404 },
  },
  {
    route: 'POST /api/v1/campaigns/{id}/actions/close',
    make: async (fx, w) =>
      post(
        `/campaigns/${w === 'in' ? await freshCampaign(fx, [fx.in.grid]) : await campaignOf(fx, w)}/actions/close`,
        { reason: '授权矩阵：结束' },
      ),
    // only the launcher's side closes (the county launched it)
    in: { ...READ, county: 200, admin: 403, township: 403, village: 403, gridworker: 403, parttime: 403 },
    out: READ_OUT,
  },
  { route: 'GET /api/v1/campaign-targets/mine', make: () => get('/campaign-targets/mine'), in: WORK },
  {
    route: 'POST /api/v1/campaign-targets/{id}/actions/{action}',
    make: async (fx, w) =>
      post(`/campaign-targets/${await freshTarget(fx, w)}/actions/not_applicable`, { reason: 'in_hospital' }),
    // visible to the centres and the administrator, worked only by the grid's workers and village
    in: { ...WORK, admin: 403, county: 403, township: 403 },
    out: { ...WORK, admin: 403, county: 403, township: 404, village: 404, gridworker: 404, parttime: 404 },
  },
];
