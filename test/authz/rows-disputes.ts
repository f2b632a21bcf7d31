/**
 * Matrix rows of the disputes module (J2 screening and disputes, J6 mediation). "in": the demo's
 * first rural grid of 铁岭县 (the village's, grid workers' and township's own); "out": 张家村 of
 * 盘山县, whose village staff (`zhangjia-village`) makes the objects pointed at there.
 */
import { randomUUID } from 'node:crypto';
import type { Fixtures, Where } from './fixtures.js';

import { get, post, type Row } from './rows.js';

type Body = Record<string, unknown>;

const staffRead = { '*': 200, party: 403, resident: 403, anonymous: 401 };
const staffOut = { '*': 404, party: 403, resident: 403, anonymous: 401 };

const disputeBody = (grid: string): Body => ({
  type: 'neighbour',
  summary: '两户因排水沟发生争执',
  riskLevel: 'low',
  gridCode: grid,
  parties: [
    { side: 'applicant', name: '甲' },
    { side: 'respondent', name: '乙' },
  ],
});

/** A fresh dispute at the place's village, made by its village staff. */
async function freshDispute(fx: Fixtures, w: Where, settled = false): Promise<number> {
  const p = fx[w];
  const made = await fx.kit.must<{ id: number }>(
    201,
    p.cast.village,
    'POST',
    '/disputes',
    // a settled one is rewarded: the fund rewards petition-related disputes only
    settled ? { ...disputeBody(p.grid), riskSigns: ['petition_risk'] } : disputeBody(p.grid),
  );
  if (settled)
    await fx.kit.must(200, p.cast.village, 'POST', `/disputes/${made.id}/actions/settle`, {
      agreement: '双方和解',
    });
  return made.id;
}

type Registry = { placeId: number; mediatorId: number };
const registries = new Map<Where, Promise<Registry>>();
/** A place and a mediator the place's village may use (its township's centre and a mediator of its village). */
function registry(fx: Fixtures, w: Where): Promise<Registry> {
  if (!registries.has(w))
    registries.set(
      w,
      (async () => {
        const p = fx[w];
        const who = p.cast.village;
        const m = await fx.kit.must<{ id: number }>(201, who, 'POST', '/mediation/mediators', {
          name: '调解员',
          source: 'team',
        });
        const places = await fx.kit.must<{ items: { id: number; kind: string }[] }>(
          200,
          who,
          'GET',
          '/mediation/places',
        );
        const place = places.items.find((x) => x.kind === 'township_centre')!;
        return { placeId: place.id, mediatorId: m.id };
      })(),
    );
  return registries.get(w)!;
}

const sheet = (r: Registry): Body => ({
  heldOn: '2026-03-02',
  placeId: r.placeId,
  partiesPresent: '双方',
  mediatorIds: [r.mediatorId],
  facts: '排水沟走向争议',
  applicantClaim: '恢复原走向',
  respondentClaim: '同意协商',
  outcome: 'agreed',
  agreement: '共同出资重修',
});

const sessions = new Map<Where, Promise<number>>();
function session(fx: Fixtures, w: Where): Promise<number> {
  if (!sessions.has(w))
    sessions.set(
      w,
      (async () => {
        const id = await freshDispute(fx, w);
        const r = await registry(fx, w);
        return (
          await fx.kit.must<{ id: number }>(
            201,
            fx[w].cast.village,
            'POST',
            `/disputes/${id}/sessions`,
            sheet(r),
          )
        ).id;
      })(),
    );
  return sessions.get(w)!;
}

const readable = new Map<Where, Promise<number>>();
const oneDispute = (fx: Fixtures, w: Where) => {
  if (!readable.has(w)) readable.set(w, freshDispute(fx, w));
  return readable.get(w)!;
};

export const DISPUTE_ROWS: Row[] = [
  {
    route: 'POST /api/v1/disputes/screenings',
    // one screening per village per day: the village files it, its grid workers then get 409
    make: (fx, w) => post('/disputes/screenings', { nothingFound: true, villageCode: fx[w].village }),
    in: { '*': 403, village: 201, gridworker: 409, parttime: 409, anonymous: 401 },
    out: { '*': 403, village: 404, gridworker: 404, parttime: 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/disputes',
    make: (fx, w) => post('/disputes', { ...disputeBody(fx[w].grid), clientRequestId: randomUUID() }),
    in: { '*': 403, village: 201, gridworker: 201, parttime: 201, anonymous: 401 },
    out: { '*': 403, village: 404, gridworker: 404, parttime: 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/disputes',
    make: (fx, w) => get(`/disputes?within=${fx[w].grid}`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'GET /api/v1/disputes/rhythm',
    make: (fx, w) => get(`/disputes/rhythm?within=${fx[w].grid}`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'GET /api/v1/disputes/reports',
    make: (fx, w) => get(`/disputes/reports?within=${fx[w].grid}&period=day`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'POST /api/v1/disputes/reports',
    // the township's weekly, the county's monthly report of the current period (the demo issued past ones)
    make: (_fx, _w, role) => post('/disputes/reports', { period: role === 'county' ? 'month' : 'week' }),
    in: { '*': 403, county: 201, township: 201, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/disputes/dispatches',
    make: (fx, w) => get(`/disputes/dispatches?within=${fx[w].grid}`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'POST /api/v1/disputes/dispatches',
    // 周调度 / 月调度 of the current period (the demo records none)
    make: (_fx, _w, role) =>
      post('/disputes/dispatches', {
        period: role === 'county' ? 'month' : 'week',
        heldOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        chair: '分管副书记',
        attendees: '综治中心、司法所',
      }),
    in: { '*': 403, county: 201, township: 201, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/disputes/{id}',
    // department staff see only disputes their department leads or assists
    make: async (fx, w) => get(`/disputes/${await oneDispute(fx, w)}`),
    in: { ...staffRead, department: 404, 'township-cgb': 404 },
    out: staffOut,
  },
  {
    route: 'GET /api/v1/disputes/{id}/team-members',
    // the session participants picker: whoever sees the dispute sees its village's mediating team members
    make: async (fx, w) => get(`/disputes/${await oneDispute(fx, w)}/team-members`),
    in: { ...staffRead, department: 404, 'township-cgb': 404 },
    out: staffOut,
  },
  {
    route: 'POST /api/v1/disputes/{id}/actions/{action}',
    // a dispute at the village: only the village tier settles it (the township: not its tier yet)
    make: async (fx, w) =>
      post(`/disputes/${await freshDispute(fx, w)}/actions/settle`, { agreement: '双方和解' }),
    in: {
      '*': 403,
      village: 200,
      gridworker: 200,
      parttime: 200,
      department: 404,
      'township-cgb': 404,
      anonymous: 401,
    },
    out: { '*': 404, admin: 403, party: 403, resident: 403, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/mediation/places',
    make: (fx, w) => get(`/mediation/places?within=${fx[w].grid}`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'POST /api/v1/mediation/places',
    make: (fx, w) =>
      post('/mediation/places', {
        kind: 'room',
        name: `调解室${randomUUID().slice(0, 8)}`,
        regionCode: fx[w].village,
      }),
    in: { '*': 403, admin: 201, county: 201, township: 201, village: 201, anonymous: 401 },
    out: { '*': 403, admin: 404, county: 404, township: 404, village: 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/mediation/mediators',
    make: (fx, w) => get(`/mediation/mediators?within=${fx[w].grid}`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'POST /api/v1/mediation/mediators',
    make: (fx, w) =>
      post('/mediation/mediators', { name: '乡贤', source: 'team', regionCode: fx[w].village }),
    in: { '*': 403, admin: 201, county: 201, township: 201, village: 201, anonymous: 401 },
    out: { '*': 403, admin: 404, county: 404, township: 404, village: 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/disputes/{id}/sessions',
    make: async (fx, w) =>
      post(`/disputes/${await freshDispute(fx, w)}/sessions`, sheet(await registry(fx, 'in'))),
    in: {
      '*': 403,
      village: 201,
      gridworker: 201,
      parttime: 201,
      department: 404,
      'township-cgb': 404,
      anonymous: 401,
    },
    out: { '*': 404, admin: 403, party: 403, resident: 403, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/mediation/sessions/{id}',
    make: async (fx, w) => get(`/mediation/sessions/${await session(fx, w)}`),
    in: { ...staffRead, department: 404, 'township-cgb': 404 },
    out: staffOut,
  },
  {
    route: 'GET /api/v1/mediation/rewards',
    make: (fx, w) => get(`/mediation/rewards?within=${fx[w].grid}`),
    in: staffRead,
    out: staffOut,
  },
  {
    route: 'POST /api/v1/mediation/rewards',
    make: async (fx, w) =>
      post('/mediation/rewards', {
        disputeId: await freshDispute(fx, w, true),
        mediatorId: (await registry(fx, w)).mediatorId,
        amountYuan: 300,
        reason: '涉访纠纷调处成功',
      }),
    in: { '*': 403, township: 201, anonymous: 401 },
    out: { '*': 403, township: 404, anonymous: 401 },
  },
];
