/**
 * The authorisation matrix's rows for emergency response (应急). "in": an event the county declares
 * over the demo grid (every account's scope holds it or lies in it). "out": an event of 盘山县 (another
 * county) written into the database; for a check's history, a household of another township of
 * 铁岭县 (seen by the county and the administrator, out of scope for the township, village and grid).
 */
import { sql } from 'kysely';
import type { Fixtures, Where } from './fixtures.js';
import { get, post, rid, type Row } from './rows.js';

const CHECK_EXPORT = { '*': 403, county: 200, township: 200, village: 200, anonymous: 401 };

async function declare(fx: Fixtures, grid: string): Promise<number> {
  const body = { templateKey: 'flood', title: '矩阵应急事件', area: [grid] };
  return (await fx.kit.must<{ id: number }>(201, 'county', 'POST', '/emergency-events', body)).id;
}
/** 盘山县 has no archive: its event is written straight into the database */
async function panshanEvent(fx: Fixtures): Promise<number> {
  const county = fx.out.county;
  const { rows } = await sql<{
    id: number;
  }>`INSERT INTO emergency_event (county_code, kind, template_key, title,
      region_code, region_path, care_tags, category_code, declared_by, declared_at)
    SELECT ${county}, 'flood', 'flood', '盘山县应急', r.code, r.path, ARRAY['elderly-alone'], 'G0205', a.id, now()
    FROM region r, account a WHERE r.code = ${county} AND a.username = 'panshan'
    RETURNING id`.execute(fx.fresh.db);
  return Number(rows[0]!.id);
}
const events = new Map<string, Promise<number>>();
const eventOf = (fx: Fixtures, w: Where) => {
  if (!events.has(w)) events.set(w, w === 'in' ? declare(fx, fx.in.grid) : panshanEvent(fx));
  return events.get(w)!;
};
/** a fresh check: a household of the demo grid (in) or of another township (out), in a fresh event over its grid */
async function freshCheck(fx: Fixtures, w: Where): Promise<number> {
  const household = w === 'in' ? fx.in.gridHouseholdId : fx.out.householdId;
  const hh = await fx.fresh.db
    .selectFrom('household')
    .select(['grid_code', sql<string>`grid_path::text`.as('grid_path')])
    .where('id', '=', household)
    .executeTakeFirstOrThrow();
  const id = await declare(fx, hh.grid_code);
  // the household joins the check list whatever its tags (the matrix needs one)
  await sql`INSERT INTO emergency_check (county_code, event_id, household_id, grid_code, grid_path)
    VALUES (${hh.grid_code.slice(0, 6)}, ${id}, ${household}, ${hh.grid_code}, ${hh.grid_path}::ltree)
    ON CONFLICT DO NOTHING`.execute(fx.fresh.db);
  const c = await fx.fresh.db
    .selectFrom('emergency_check')
    .select('id')
    .where('event_id', '=', id)
    .where('household_id', '=', household)
    .executeTakeFirstOrThrow();
  return Number(c.id);
}
async function teamOf(fx: Fixtures, w: Where): Promise<number> {
  if (w === 'in')
    return (
      await fx.kit.must<{ id: number }>(201, 'county', 'POST', '/emergency-teams', {
        regionCode: fx.in.village,
        kind: 'volunteer',
        name: `矩阵队${rid().slice(0, 8)}`,
      })
    ).id;
  const { rows } = await sql<{
    id: number;
  }>`INSERT INTO emergency_team (county_code, region_code, region_path, kind,
      name, created_at)
    SELECT ${fx.out.county}, r.code, r.path, 'militia', ${`盘山队${rid().slice(0, 8)}`}, now() FROM region r
    WHERE r.code = ${fx.out.village} RETURNING id`.execute(fx.fresh.db);
  return Number(rows[0]!.id);
}

const DECLARE = (ok: number) => ({ '*': 403, county: ok, township: ok, anonymous: 401 });
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
const RESPOND = (ok: number) => ({ '*': 403, village: ok, gridworker: ok, parttime: ok, anonymous: 401 });
const RESOURCES = (ok: number) => ({ '*': 403, county: ok, township: ok, village: ok, anonymous: 401 });

export const EMERGENCY_ROWS: Row[] = [
  { route: 'GET /api/v1/emergency-templates', make: () => get('/emergency-templates'), in: DECLARE(200) },
  {
    route: 'POST /api/v1/emergency-events',
    make: (fx, w) =>
      post('/emergency-events', { templateKey: 'fire', title: '矩阵火灾', area: [fx[w].grid] }),
    in: DECLARE(201),
    // a region outside the caller's view is bad input, and nothing is made
    out: DECLARE(400),
  },
  { route: 'GET /api/v1/emergency-events', make: () => get('/emergency-events'), in: READ },
  {
    route: 'GET /api/v1/emergency-events/{id}',
    make: async (fx, w) => get(`/emergency-events/${await eventOf(fx, w)}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/emergency-events/{id}/map',
    make: async (fx, w) => get(`/emergency-events/${await eventOf(fx, w)}/map`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/emergency-events/{id}/checks',
    make: async (fx, w) => get(`/emergency-events/${await eventOf(fx, w)}/checks`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/emergency-events/{id}/checks/export.xlsx',
    make: async (fx, w) => get(`/emergency-events/${await eventOf(fx, w)}/checks/export.xlsx?sort=status`),
    // emergency.export: the centres (the right first: 403), then the event (404 outside)
    in: CHECK_EXPORT,
    out: { ...CHECK_EXPORT, county: 404, township: 404, village: 404 },
  },
  {
    route: 'POST /api/v1/emergency-events/{id}/actions/close',
    make: async (fx, w) =>
      post(
        `/emergency-events/${w === 'in' ? await declare(fx, fx.in.grid) : await eventOf(fx, w)}/actions/close`,
        {},
      ),
    // only the declarer's side closes (the county declared it)
    in: { ...READ, county: 200, admin: 403, township: 403, village: 403, gridworker: 403, parttime: 403 },
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/emergency-events/{id}/help',
    make: async (fx, w) =>
      post(`/emergency-events/${await eventOf(fx, w)}/help`, {
        description: '矩阵：现场求助',
        gridCode: fx[w].grid,
        clientRequestId: rid(),
      }),
    in: RESPOND(201),
    out: RESPOND(404),
  },
  {
    route: 'POST /api/v1/emergency-events/{id}/location',
    make: async (fx, w) => post(`/emergency-events/${await eventOf(fx, w)}/location`),
    in: RESPOND(200),
    out: RESPOND(404),
  },
  {
    route: 'POST /api/v1/emergency-events/{id}/location/stop',
    make: async (fx, w) => post(`/emergency-events/${await eventOf(fx, w)}/location/stop`),
    in: RESPOND(200),
    out: RESPOND(404),
  },
  {
    route: 'POST /api/v1/emergency-events/{id}/positions',
    make: async (fx, w) =>
      post(
        `/emergency-events/${w === 'in' ? await declare(fx, fx.in.grid) : await eventOf(fx, w)}/positions`,
        {
          ...fx[w].point,
        },
      ),
    // nobody has agreed to share in a fresh event: refused, nothing kept
    in: RESPOND(409),
    out: RESPOND(404),
  },
  { route: 'GET /api/v1/emergency-checks/mine', make: () => get('/emergency-checks/mine'), in: RESPOND(200) },
  {
    route: 'POST /api/v1/emergency-checks/{id}/report',
    make: async (fx, w) => post(`/emergency-checks/${await freshCheck(fx, w)}/report`, { status: 'safe' }),
    // visible to the centres and the administrator, reported only by the grid's workers and village
    in: RESPOND(200),
    out: { ...RESPOND(404), township: 404, county: 403, admin: 403 },
  },
  {
    route: 'GET /api/v1/emergency-checks/{id}/history',
    make: async (fx, w) => get(`/emergency-checks/${await freshCheck(fx, w)}/history`),
    in: READ,
    out: { ...READ, township: 404, village: 404, gridworker: 404, parttime: 404 },
  },
  { route: 'GET /api/v1/emergency-teams', make: () => get('/emergency-teams'), in: READ },
  {
    route: 'POST /api/v1/emergency-teams',
    make: (fx, w) =>
      post('/emergency-teams', {
        regionCode: fx[w].village,
        kind: 'militia',
        name: `矩阵民兵${rid().slice(0, 8)}`,
      }),
    in: RESOURCES(201),
    out: RESOURCES(404),
  },
  {
    route: 'POST /api/v1/emergency-teams/{id}/members',
    make: async (fx, w) => {
      const gw = await fx.fresh.db
        .selectFrom('account')
        .select('id')
        .where('username', '=', 'gridworker')
        .executeTakeFirstOrThrow();
      return post(`/emergency-teams/${await teamOf(fx, w)}/members`, { accountId: Number(gw.id) });
    },
    in: RESOURCES(200),
    out: RESOURCES(404),
  },
  { route: 'GET /api/v1/emergency-stock', make: () => get('/emergency-stock'), in: READ },
  {
    route: 'POST /api/v1/emergency-stock/moves',
    make: (fx, w) =>
      post('/emergency-stock/moves', {
        regionCode: fx[w].village,
        item: 'sandbag',
        kind: 'receive',
        quantity: 5,
      }),
    in: RESOURCES(201),
    out: RESOURCES(404),
  },
  { route: 'GET /api/v1/emergency-stock/moves', make: () => get('/emergency-stock/moves'), in: READ },
];
