/**
 * The authorisation matrix's rows for the data exchange. Administration is the county admin's
 * alone; "out" objects (a system account, subscriber and dead delivery of 盘山县) are made straight
 * in the database, since 盘山县 has no demo admin. The calls other systems make authenticate a
 * system key, never a session: every session and the anonymous caller answer 401. Open data is
 * public but off by default (404).
 */
import { randomBytes } from 'node:crypto';
import { pathOf } from '../../src/modules/regions/index.js';
import type { Fixtures, Where } from './fixtures.js';
import { del, get, post, put, type Row } from './rows.js';

const ADMIN = (ok: number) => ({ '*': 403, admin: ok, anonymous: 401 });
const KEY_ONLY = { '*': 401 };

/** A system account of the place: through the route for "in", in the database for "out". */
async function systemOf(fx: Fixtures, w: Where): Promise<number> {
  if (w === 'in')
    return (
      await fx.kit.must<{ id: number }>(201, 'admin', 'POST', '/exchange/systems', {
        name: '矩阵系统',
        scopeCode: fx.in.county,
        operations: ['cases.read'],
      })
    ).id;
  const r = await fx.fresh.db
    .insertInto('system_account')
    .values({
      county_code: fx.out.county,
      name: '外县系统',
      scope_code: fx.out.county,
      scope_path: pathOf(fx.out.county),
      operations: ['cases.read'],
      key_hash: randomBytes(32),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

async function subscriptionOf(fx: Fixtures, w: Where): Promise<number> {
  const system = await systemOf(fx, w);
  const r = await fx.fresh.db
    .insertInto('exchange_subscription')
    .values({
      county_code: fx[w].county,
      system_account_id: system,
      url: 'http://127.0.0.1:9/hook',
      secret_enc: randomBytes(40),
      events: ['case.created'],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

async function deadLetterOf(fx: Fixtures, w: Where): Promise<number> {
  const subscription = await subscriptionOf(fx, w);
  const r = await fx.fresh.db
    .insertInto('exchange_delivery')
    .values({
      county_code: fx[w].county,
      subscription_id: subscription,
      event: 'case.created',
      payload: JSON.stringify({ event: 'case.created' }),
      attempts: 6,
      dead_at: new Date(),
      last_error: 'HTTP 500',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export const EXCHANGE_ROWS: Row[] = [
  {
    route: 'POST /api/v1/exchange/systems',
    make: (fx, w) =>
      post('/exchange/systems', { name: '矩阵系统', scopeCode: fx[w].county, operations: ['cases.read'] }),
    in: ADMIN(201),
    out: ADMIN(404),
  },
  { route: 'GET /api/v1/exchange/systems', make: () => get('/exchange/systems'), in: ADMIN(200) },
  {
    route: 'POST /api/v1/exchange/systems/{id}/rotate',
    make: async (fx, w) => post(`/exchange/systems/${await systemOf(fx, w)}/rotate`),
    in: ADMIN(200),
    out: ADMIN(404),
  },
  {
    route: 'DELETE /api/v1/exchange/systems/{id}',
    make: async (fx, w) => del(`/exchange/systems/${await systemOf(fx, w)}`),
    in: ADMIN(204),
    out: ADMIN(404),
  },
  {
    route: 'POST /api/v1/exchange/systems/{id}/subscriptions',
    make: async (fx, w) =>
      post(`/exchange/systems/${await systemOf(fx, w)}/subscriptions`, {
        url: 'https://example.org/hook',
        events: ['case.closed'],
      }),
    in: ADMIN(201),
    out: ADMIN(404),
  },
  { route: 'GET /api/v1/exchange/subscriptions', make: () => get('/exchange/subscriptions'), in: ADMIN(200) },
  {
    route: 'DELETE /api/v1/exchange/subscriptions/{id}',
    make: async (fx, w) => del(`/exchange/subscriptions/${await subscriptionOf(fx, w)}`),
    in: ADMIN(204),
    out: ADMIN(404),
  },
  { route: 'GET /api/v1/exchange/dead-letters', make: () => get('/exchange/dead-letters'), in: ADMIN(200) },
  {
    route: 'POST /api/v1/exchange/dead-letters/{id}/replay',
    make: async (fx, w) => post(`/exchange/dead-letters/${await deadLetterOf(fx, w)}/replay`),
    in: ADMIN(204),
    out: ADMIN(404),
  },
  { route: 'GET /api/v1/exchange/settings', make: () => get('/exchange/settings'), in: ADMIN(200) },
  {
    route: 'PUT /api/v1/exchange/settings',
    // kept off: open data stays unpublished for the rows below
    make: () => put('/exchange/settings', { openData: false }),
    in: ADMIN(200),
  },
  {
    route: 'GET /api/v1/open-data/{county}/indicators.{format}',
    make: (fx, w) => get(`/open-data/${fx[w].county}/indicators.json`),
    in: { '*': 404 },
    out: { '*': 404 },
  },
  {
    route: 'POST /api/v1/exchange/cases',
    make: (fx, w) =>
      post('/exchange/cases', {
        externalRef: 'M-1',
        categoryCode: 'E0102',
        description: '矩阵工单',
        gridCode: `${fx[w].county}101200001`.slice(0, 15),
      }),
    in: KEY_ONLY,
  },
  { route: 'GET /api/v1/exchange/changes', make: () => get('/exchange/changes'), in: KEY_ONLY },
  {
    route: 'POST /api/v1/exchange/households',
    make: () => post('/exchange/households', { rows: [{ name: '矩阵' }] }),
    in: KEY_ONLY,
  },
  {
    route: 'POST /api/v1/exchange/enterprises',
    make: () => post('/exchange/enterprises', { rows: [{ name: '矩阵' }] }),
    in: KEY_ONLY,
  },
  {
    route: 'POST /api/v1/exchange/webhooks',
    make: () => post('/exchange/webhooks', { url: 'https://example.org/hook', events: ['case.closed'] }),
    in: KEY_ONLY,
  },
  { route: 'GET /api/v1/exchange/webhooks', make: () => get('/exchange/webhooks'), in: KEY_ONLY },
  { route: 'DELETE /api/v1/exchange/webhooks/{id}', make: () => del('/exchange/webhooks/1'), in: KEY_ONLY },
];
