/**
 * Authorisation-matrix rows of the cadres and enterprises modules (J16). "in": objects in the
 * village of the demo's grid (made once through the API by `party`); "out": 盘山县's, read
 * through its county centre `panshan`. Readers: village, township, county, party, admin;
 * `party` keeps the registers; the centres and `party` keep the help ledger; the centres raise
 * a need as a case (they file cases at their tier).
 */
import { randomUUID } from 'node:crypto';
import { completeCreditCode } from '../../src/modules/enterprises/credit-code.js';
import type { Fixtures, Where } from './fixtures.js';

import { get, patch, post, type Expect, type Row } from './rows.js';

const READ_IN: Expect = {
  '*': 403,
  admin: 200,
  county: 200,
  township: 200,
  village: 200,
  party: 200,
  anonymous: 401,
};
const READ_OUT: Expect = {
  '*': 403,
  admin: 404,
  county: 404,
  township: 404,
  village: 404,
  party: 404,
  anonymous: 401,
};
const MANAGE = (ok: number): { in: Expect; out: Expect } => ({
  in: { '*': 403, party: ok, anonymous: 401 },
  out: { '*': 403, party: 404, anonymous: 401 },
});
const HELP = (ok: number): { in: Expect; out: Expect } => ({
  in: { '*': 403, township: ok, county: ok, party: ok, anonymous: 401 },
  out: { '*': 403, township: 404, county: 404, party: 404, anonymous: 401 },
});

type Objects = {
  cadreId: number;
  mentorId: number;
  enterpriseId: number;
  openNeedId: number;
  postingId: number;
};
const cache = new WeakMap<Fixtures, Partial<Record<Where, Promise<Objects>>>>();

let seq = 0;
const cadreBody = (regionCode: string) => ({
  regionCode,
  name: '矩阵干部',
  gender: 'male',
  birthYear: 1988,
  education: 'college',
  posts: ['member'],
});
const enterpriseBody = (gridCode: string) => ({
  gridCode,
  kind: 'enterprise',
  name: '矩阵企业',
  creditCode: completeCreditCode(`91211221${String(60_000_000 + ++seq * 37 + (Date.now() % 1000))}`),
  address: '矩阵路1号',
  size: 'small',
  sector: '制造业',
});

/** Ids of the place's objects: made in 铁岭县 by `party`; in 盘山县 read by `panshan`. */
function objects(fx: Fixtures, where: Where): Promise<Objects> {
  const mine = cache.get(fx) ?? {};
  cache.set(fx, mine);
  return (mine[where] ??= where === 'in' ? madeIn(fx) : readOut(fx));
}

async function madeIn(fx: Fixtures): Promise<Objects> {
  const { must } = fx.kit;
  const { village, grid } = fx.in;
  const cadreId = (await must<{ id: number }>(201, 'party', 'POST', '/cadres', cadreBody(village))).id;
  const mentorId = (await must<{ id: number }>(201, 'party', 'POST', '/cadres', cadreBody(village))).id;
  const enterpriseId = (
    await must<{ id: number }>(201, 'party', 'POST', '/enterprises', enterpriseBody(grid))
  ).id;
  return { cadreId, mentorId, enterpriseId, openNeedId: 0, postingId: 0 };
}

async function readOut(fx: Fixtures): Promise<Objects> {
  const { must } = fx.kit;
  type Items = { items: { id: number; state?: string }[] };
  const cadres = await must<Items>(200, 'panshan', 'GET', '/cadres?kind=committee&limit=2');
  const enterprises = await must<Items>(200, 'panshan', 'GET', '/enterprises?limit=1');
  const needs = await must<Items>(200, 'panshan', 'GET', '/enterprises/help?state=open&limit=1');
  const postings = await must<Items>(200, 'panshan', 'GET', '/cadres/first-secretaries?limit=1');
  return {
    cadreId: cadres.items[0]!.id,
    mentorId: cadres.items[1]!.id,
    enterpriseId: enterprises.items[0]!.id,
    openNeedId: needs.items[0]!.id,
    postingId: postings.items[0]!.id,
  };
}

/** A fresh open problem of the place's enterprise (in), or 盘山县's open one (out). */
async function openNeed(fx: Fixtures, where: Where): Promise<number> {
  const o = await objects(fx, where);
  if (where === 'out') return o.openNeedId;
  const made = await fx.kit.must<{ id: number }>(
    201,
    'party',
    'POST',
    `/enterprises/${o.enterpriseId}/help`,
    {
      kind: 'problem',
      cadreId: o.cadreId,
      happenedOn: '2026-03-01',
      note: '矩阵问题',
    },
  );
  return made.id;
}

/** A fresh running first-secretary posting in the place's village (in), or 盘山县's (out). */
async function posting(fx: Fixtures, where: Where): Promise<number> {
  const o = await objects(fx, where);
  if (where === 'out') return o.postingId;
  const made = await fx.kit.must<{ id: number }>(
    201,
    'party',
    'POST',
    `/cadres/${o.cadreId}/first-secretary`,
    {
      villageCode: fx.in.village,
      sendingUnit: '县委组织部',
      unitKind: 'party_government',
      startedOn: '2026-01-01',
    },
  );
  return made.id;
}

/** A fresh mentor pair of the place (in), or one of 盘山县's running pairs (out). */
async function pairing(fx: Fixtures, where: Where): Promise<number> {
  if (where === 'out') {
    const pairs = await fx.kit.must<{ items: { id: number }[] }>(200, 'panshan', 'GET', '/cadres/mentors');
    return pairs.items[0]!.id;
  }
  const o = await objects(fx, where);
  const mentee = (
    await fx.kit.must<{ id: number }>(201, 'party', 'POST', '/cadres', cadreBody(fx.in.village))
  ).id;
  const made = await fx.kit.must<{ id: number }>(201, 'party', 'POST', '/cadres/mentors', {
    mentorId: o.mentorId,
    menteeId: mentee,
    startedOn: '2026-01-01',
  });
  return made.id;
}

/**
 * A fresh helper assignment of the place's enterprise (in). 盘山县's demo enterprises have no
 * helper, so "out" names an id no county has: the answer a row beyond the scope gets (404, the same
 * SQL filter); helper-end.test.ts proves the filter on a real 盘山县 assignment.
 */
async function helper(fx: Fixtures, where: Where): Promise<number> {
  if (where === 'out') return Number.MAX_SAFE_INTEGER;
  const o = await objects(fx, where);
  const cadre = (await fx.kit.must<{ id: number }>(201, 'party', 'POST', '/cadres', cadreBody(fx.in.village)))
    .id;
  const made = await fx.kit.must<{ id: number }>(
    201,
    'party',
    'POST',
    `/enterprises/${o.enterpriseId}/helpers`,
    {
      cadreId: cadre,
      startedOn: '2026-02-01',
    },
  );
  return made.id;
}

export const CADRE_ROWS: Row[] = [
  {
    route: 'GET /api/v1/cadres',
    make: (fx, w) => get(`/cadres?limit=5&within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/cadres',
    make: (fx, w) => post('/cadres', cadreBody(fx[w].village)),
    ...MANAGE(201),
  },
  {
    route: 'GET /api/v1/cadres/stats',
    make: (fx, w) => get(`/cadres/stats?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/cadres/first-secretaries',
    make: (fx, w) => get(`/cadres/first-secretaries?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/cadres/first-secretaries/{id}/end',
    make: async (fx, w) =>
      post(`/cadres/first-secretaries/${await posting(fx, w)}/end`, { endedOn: '2026-06-30' }),
    ...MANAGE(204),
  },
  {
    route: 'POST /api/v1/cadres/mentors/{id}/end',
    make: async (fx, w) =>
      post(`/cadres/mentors/${await pairing(fx, w)}/end`, { endedOn: '2026-06-30', reason: '帮带期满' }),
    ...MANAGE(204),
  },
  {
    route: 'GET /api/v1/cadres/mentors',
    make: (fx, w) => get(`/cadres/mentors?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/cadres/mentors',
    make: async (fx, w) => {
      const o = await objects(fx, w);
      // a fresh new secretary each time (in), so that a second pairing is never the reason of a refusal
      const mentee =
        w === 'in'
          ? (await fx.kit.must<{ id: number }>(201, 'party', 'POST', '/cadres', cadreBody(fx.in.village))).id
          : o.cadreId;
      return post('/cadres/mentors', { mentorId: o.mentorId, menteeId: mentee, startedOn: '2026-03-01' });
    },
    ...MANAGE(201),
  },
  {
    route: 'GET /api/v1/cadres/{id}',
    make: async (fx, w) => get(`/cadres/${(await objects(fx, w)).cadreId}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'PATCH /api/v1/cadres/{id}',
    make: async (fx, w) => patch(`/cadres/${(await objects(fx, w)).cadreId}`, { education: 'bachelor' }),
    ...MANAGE(204),
  },
  {
    route: 'POST /api/v1/cadres/{id}/reveal',
    make: async (fx, w) =>
      post(`/cadres/${(await objects(fx, w)).cadreId}/reveal`, { reason: '联系工作安排' }),
    ...MANAGE(200),
  },
  {
    route: 'POST /api/v1/cadres/{id}/trainings',
    make: async (fx, w) =>
      post(`/cadres/${(await objects(fx, w)).cadreId}/trainings`, {
        title: '矩阵培训',
        heldOn: '2026-03-02',
        hours: 8,
      }),
    ...MANAGE(201),
  },
  {
    route: 'POST /api/v1/cadres/{id}/first-secretary',
    make: async (fx, w) =>
      post(`/cadres/${(await objects(fx, w)).cadreId}/first-secretary`, {
        villageCode: fx[w].village,
        sendingUnit: '县委组织部',
        unitKind: 'party_government',
        startedOn: '2026-02-01',
      }),
    ...MANAGE(201),
  },
];

export const ENTERPRISE_ROWS: Row[] = [
  {
    route: 'GET /api/v1/enterprises',
    make: (fx, w) => get(`/enterprises?limit=5&within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/enterprises',
    make: (fx, w) => post('/enterprises', enterpriseBody(fx[w].grid)),
    ...MANAGE(201),
  },
  {
    route: 'GET /api/v1/enterprises/coverage',
    make: (fx, w) => get(`/enterprises/coverage?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'GET /api/v1/enterprises/help',
    make: (fx, w) => get(`/enterprises/help?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/enterprises/help/{id}/solve',
    make: async (fx, w) =>
      post(`/enterprises/help/${await openNeed(fx, w)}/solve`, {
        solution: '已协调解决',
        solvedOn: '2026-03-05',
      }),
    ...HELP(204),
  },
  {
    route: 'POST /api/v1/enterprises/help/{id}/raise-case',
    make: async (fx, w) =>
      post(`/enterprises/help/${await openNeed(fx, w)}/raise-case`, {
        categoryCode: 'P0202',
        attributes: { road_level: 'village_road', passable: 'restricted' },
      }),
    in: { '*': 403, township: 201, county: 201, anonymous: 401 },
    out: { '*': 403, township: 404, county: 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/enterprises/{id}',
    make: async (fx, w) => get(`/enterprises/${(await objects(fx, w)).enterpriseId}`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'PATCH /api/v1/enterprises/{id}',
    make: async (fx, w) =>
      patch(`/enterprises/${(await objects(fx, w)).enterpriseId}`, { sector: '食品制造业' }),
    ...MANAGE(204),
  },
  {
    route: 'POST /api/v1/enterprises/{id}/helpers',
    make: async (fx, w) => {
      const o = await objects(fx, w);
      const cadre =
        w === 'in'
          ? (await fx.kit.must<{ id: number }>(201, 'party', 'POST', '/cadres', cadreBody(fx.in.village))).id
          : o.cadreId;
      return post(`/enterprises/${o.enterpriseId}/helpers`, { cadreId: cadre, startedOn: '2026-02-01' });
    },
    ...MANAGE(201),
  },
  {
    route: 'POST /api/v1/enterprises/helpers/{id}/end',
    make: async (fx, w) =>
      post(`/enterprises/helpers/${await helper(fx, w)}/end`, { endedOn: '2026-06-30', reason: '帮扶结束' }),
    ...MANAGE(204),
  },
  {
    route: 'POST /api/v1/enterprises/{id}/help',
    make: async (fx, w) => {
      const o = await objects(fx, w);
      return post(`/enterprises/${o.enterpriseId}/help`, {
        kind: 'visit',
        cadreId: o.cadreId,
        happenedOn: '2026-03-01',
        note: `走访 ${randomUUID().slice(0, 8)}`,
      });
    },
    ...HELP(201),
  },
];
