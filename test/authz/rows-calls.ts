/**
 * The authorisation matrix's rows for the video link (calls). "in": a call the county centre
 * places to the demo grid's worker (every 铁岭县 staff account's scope holds it); "out": a call
 * inside 盘山县 (another county), seen by nobody of the matrix.
 */
import { sql } from 'kysely';
import type { Fixtures, Where } from './fixtures.js';
import { get, post, put, type Row } from './rows.js';

/** a fresh ringing call, written straight into the database (no busy rule, no rate limit) */
async function freshCall(fx: Fixtures, w: Where): Promise<number> {
  const [caller, callee] = w === 'in' ? ['county', 'gridworker'] : ['panshan', 'mengqian'];
  const { rows } = await sql<{ id: number }>`
    INSERT INTO call (county_code, caller_id, callee_id, caller_path, callee_path, media, purpose,
                      started_at, ring_until)
    SELECT x.county_code, x.id, y.id, rx.path, ry.path, 'video', 'scene', now(), now() + interval '1 hour'
      FROM account x JOIN region rx ON rx.code = x.scope_code, account y JOIN region ry ON ry.code = y.scope_code
     WHERE x.username = ${caller} AND y.username = ${callee}
    RETURNING id`.execute(fx.fresh.db);
  return Number(rows[0]!.id);
}
/** no call rings or runs: placing one is never refused as busy */
async function quiet(fx: Fixtures): Promise<void> {
  await sql`UPDATE call SET state = 'ended', outcome = 'cancelled', ended_at = now()
    WHERE state <> 'ended'`.execute(fx.fresh.db);
}

const PARTIES_ONLY = {
  '*': 404,
  county: 200,
  gridworker: 200,
  township: 403,
  village: 403,
  parttime: 403,
  anonymous: 401,
};

export const CALL_ROWS: Row[] = [
  {
    route: 'POST /api/v1/calls',
    make: async (fx, w) => {
      await quiet(fx);
      return post('/calls', { media: 'voice', about: { type: 'grid', code: fx[w].grid } });
    },
    in: {
      '*': 403,
      county: 201,
      township: 201,
      village: 201,
      gridworker: 201,
      parttime: 201,
      anonymous: 401,
    },
    out: {
      '*': 403,
      county: 404,
      township: 404,
      village: 404,
      gridworker: 404,
      parttime: 404,
      anonymous: 401,
    },
  },
  {
    // the log of a place: inside the caller's scope, or 404 (the phone search's gate: calls/list.test.ts)
    route: 'GET /api/v1/calls',
    make: (fx, w) => get(`/calls?within=${fx[w].village}&sort=-startedAt`),
    in: {
      '*': 403,
      county: 200,
      township: 200,
      village: 200,
      gridworker: 404,
      parttime: 404,
      anonymous: 401,
    },
    out: {
      '*': 403,
      county: 404,
      township: 404,
      village: 404,
      gridworker: 404,
      parttime: 404,
      anonymous: 401,
    },
  },
  {
    // calls.export: the village, township and county centres; the right first, then the place
    route: 'GET /api/v1/calls/export.xlsx',
    make: (fx, w) => get(`/calls/export.xlsx?within=${fx[w].village}&sort=-startedAt`),
    in: { '*': 403, county: 200, township: 200, village: 200, anonymous: 401 },
    out: { '*': 403, county: 404, township: 404, village: 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/calls/incoming',
    make: () => get('/calls/incoming'),
    in: { '*': 200, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/calls/settings',
    make: () => get('/calls/settings'),
    in: {
      '*': 403,
      county: 200,
      township: 200,
      village: 200,
      gridworker: 200,
      parttime: 200,
      anonymous: 401,
    },
  },
  {
    route: 'PUT /api/v1/calls/settings',
    make: () => put('/calls/settings', { ringSeconds: 30 }),
    in: { '*': 403, county: 200, admin: 200, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/calls/{id}',
    make: async (fx, w) => get(`/calls/${await freshCall(fx, w)}`),
    in: {
      '*': 404,
      county: 200,
      township: 200,
      village: 200,
      gridworker: 200,
      parttime: 200,
      anonymous: 401,
    },
    out: { '*': 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/calls/{id}/actions/{action}',
    make: async (fx, w) => post(`/calls/${await freshCall(fx, w)}/actions/hangup`, {}),
    in: PARTIES_ONLY,
    out: { '*': 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/calls/{id}/signals',
    make: async (fx, w) =>
      post(`/calls/${await freshCall(fx, w)}/signals`, {
        kind: 'ice',
        candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      }),
    in: { ...PARTIES_ONLY, county: 201, gridworker: 201 },
    out: { '*': 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/calls/{id}/signals',
    make: async (fx, w) => get(`/calls/${await freshCall(fx, w)}/signals`),
    in: PARTIES_ONLY,
    out: { '*': 404, anonymous: 401 },
  },
];
