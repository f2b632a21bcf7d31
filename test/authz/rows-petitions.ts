/**
 * The authorisation matrix's rows for the petition supermarket (信访超市) and the 5+5+N teams.
 * "in": a petition of the place's village received by its county centre, the village's teams;
 * "out": the same in 盘山县 (received by `panshan`, 张家村's teams made by `zhangjia-village`).
 */
import { randomUUID } from 'node:crypto';
import type { Fixtures, Where } from './fixtures.js';

import { get, post, type Row } from './rows.js';

const code = () => `m${randomUUID().replaceAll('-', '').slice(0, 12)}`;

const petitions = new Map<Where, Promise<number>>();
const teams = new Map<Where, Promise<number>>();
const visitor = { name: '矩阵来访人', idNumber: '211221195001011234', phone: '13904101234' };

async function freshPetition(fx: Fixtures, w: Where): Promise<number> {
  const p = fx[w];
  const made = await fx.kit.must<{ id: number }>(201, p.cast.county, 'POST', '/petitions', {
    visitor,
    regionCode: p.village,
    matter: '拖欠工资（授权矩阵）',
  });
  return made.id;
}
const petitionOf = (fx: Fixtures, w: Where) => {
  if (!petitions.has(w)) petitions.set(w, freshPetition(fx, w));
  return petitions.get(w)!;
};
/** a team of the place's village: 铁岭县's from the demo, 张家村's made by its staff */
const teamOf = (fx: Fixtures, w: Where) => {
  if (!teams.has(w))
    teams.set(
      w,
      w === 'in'
        ? fx.fresh.db
            .selectFrom('team')
            .select('id')
            .where('village_code', '=', fx.in.village)
            .orderBy('id')
            .executeTakeFirstOrThrow()
            .then((r) => r.id)
        : fx.kit
            .must<{ id: number }>(201, fx.out.cast.village, 'POST', '/teams', {
              villageCode: fx.out.village,
              code: code(),
              name: '矩阵自治组',
            })
            .then((r) => r.id),
    );
  return teams.get(w)!;
};
const windowOf = async (fx: Fixtures, w: Where) =>
  (
    await fx.fresh.db
      .selectFrom('petition_window')
      .select('id')
      .where('county_code', '=', fx[w].county)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;

const READ = { '*': 403, county: 200, township: 200, village: 200, anonymous: 401 };
const READ_OUT = { '*': 403, county: 404, township: 404, village: 404, anonymous: 401 };
/** a listing narrowed to a region outside the caller's view: 404 for every role */
const LIST_OUT = { '*': 404, anonymous: 401 };
/** the village as a filter: above a grid account's scope, so not in its view (404) */
const LIST_IN = { ...READ, gridworker: 404, parttime: 404, resident: 404 };
const TEAM_READ = { '*': 200, department: 403, 'township-cgb': 403, resident: 403, anonymous: 401 };
const TEAM_READ_OUT = { '*': 404, department: 403, 'township-cgb': 403, resident: 403, anonymous: 401 };
const TEAM_MANAGE = (ok: number) => ({ '*': 403, village: ok, township: ok, anonymous: 401 });
const TEAM_MANAGE_OUT = { '*': 403, village: 404, township: 404, anonymous: 401 };

export const PETITION_ROWS: Row[] = [
  {
    route: 'GET /api/v1/petition-windows',
    make: () => get('/petition-windows?date=2030-01-07'),
    in: { ...READ, admin: 200 },
  },
  {
    route: 'POST /api/v1/petition-windows',
    make: () => post('/petition-windows', { unitName: `矩阵单位${code()}`, schedule: 'on_call' }),
    in: { '*': 403, admin: 201, county: 201, anonymous: 401 },
  },
  {
    route: 'PATCH /api/v1/petition-windows/{id}',
    make: async (fx, w) => ({
      method: 'PATCH',
      url: `/petition-windows/${await windowOf(fx, w)}`,
      payload: { active: true },
    }),
    in: { '*': 403, admin: 200, county: 200, anonymous: 401 },
    out: { '*': 403, admin: 404, county: 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/petitions',
    make: (fx, w) =>
      post('/petitions', { visitor, regionCode: fx[w].village, matter: '宅基地争议（授权矩阵）' }),
    in: { ...READ, county: 201, township: 201, village: 201 },
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/petitions',
    make: (fx, w) => get(`/petitions?within=${fx[w].village}`),
    in: LIST_IN,
    out: LIST_OUT,
  },
  {
    route: 'GET /api/v1/petitions/stats',
    make: (fx, w) => get(`/petitions/stats?within=${fx[w].village}`),
    in: LIST_IN,
    out: LIST_OUT,
  },
  {
    route: 'GET /api/v1/petitions/{id}',
    make: async (fx, w) => get(`/petitions/${await petitionOf(fx, w)}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/petitions/{id}/actions/{action}',
    make: async (fx, w) => post(`/petitions/${await freshPetition(fx, w)}/actions/accept`, { note: '受理' }),
    // the village's staff follow a matter as agents, but never decide on it
    in: { '*': 403, county: 200, township: 200, anonymous: 401 },
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/petitions/{id}/reveal',
    make: async (fx, w) =>
      post(`/petitions/${await petitionOf(fx, w)}/reveal`, { reason: '核实来访人身份', fields: ['name'] }),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/teams',
    make: (fx, w) => get(`/teams?within=${fx[w].village}`),
    in: TEAM_READ,
    out: TEAM_READ_OUT,
  },
  {
    route: 'GET /api/v1/teams/candidates',
    make: (fx, w) => get(`/teams/candidates?village=${fx[w].village}`),
    in: TEAM_READ,
    out: TEAM_READ_OUT,
  },
  {
    route: 'GET /api/v1/teams/{id}',
    make: async (fx, w) => get(`/teams/${await teamOf(fx, w)}`),
    in: TEAM_READ,
    out: TEAM_READ_OUT,
  },
  {
    route: 'POST /api/v1/teams',
    make: (fx, w) => post('/teams', { villageCode: fx[w].village, code: code(), name: '矩阵自治组' }),
    in: TEAM_MANAGE(201),
    out: TEAM_MANAGE_OUT,
  },
  {
    route: 'POST /api/v1/teams/{id}/members',
    make: async (fx, w) => post(`/teams/${await teamOf(fx, w)}/members`, { name: '矩阵成员' }),
    in: TEAM_MANAGE(201),
    out: TEAM_MANAGE_OUT,
  },
  {
    route: 'DELETE /api/v1/teams/{id}/members/{memberId}',
    make: async (fx, w) => {
      const team = await teamOf(fx, w);
      const m = await fx.fresh.db
        .insertInto('team_member')
        .values({ county_code: fx[w].county, team_id: team, name: '矩阵成员', created_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { method: 'DELETE', url: `/teams/${team}/members/${m.id}` };
    },
    in: TEAM_MANAGE(204),
    out: TEAM_MANAGE_OUT,
  },
];
