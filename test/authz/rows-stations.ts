/**
 * The authorisation matrix's rows for service stations, the 500 m circle and lending (issue 14).
 * "in": a fresh station of the demo village (every account's scope holds it or lies in it), made by
 * its village staff. "out": a station of 张家村 of 盘山县 (another county), made by its own staff.
 */
import type { Fixtures, Where } from './fixtures.js';
import { get, patch, post, put, type Row } from './rows.js';

const stationBody = (fx: Fixtures, w: Where) => ({
  kind: 'station',
  regionCode: fx[w].village,
  name: '矩阵便民服务站',
  address: '村部',
  ...fx[w].point,
  openingHours: '每天 8:00–18:00',
  services: ['lending'],
  lends: true,
});
const staffOf = (w: Where) => (w === 'in' ? 'village' : 'zhangjia-village');

const made = new Map<string, Promise<number>>();
const once = (key: string, f: () => Promise<number>) => {
  if (!made.has(key)) made.set(key, f());
  return made.get(key)!;
};
/** the place's station, with plenty of umbrellas to lend */
const station = (fx: Fixtures, w: Where) =>
  once(`station-${w}`, async () => {
    const { id } = await fx.kit.must<{ id: number }>(
      201,
      staffOf(w),
      'POST',
      '/stations',
      stationBody(fx, w),
    );
    await fx.kit.must(204, staffOf(w), 'PUT', `/stations/${id}/stock`, { itemKind: 'umbrella', total: 5000 });
    return id;
  });
const activity = async (fx: Fixtures, w: Where, startsAt = '2030-06-01T01:00:00Z') =>
  (
    await fx.kit.must<{ id: number }>(
      201,
      staffOf(w),
      'POST',
      `/stations/${await station(fx, w)}/activities`,
      {
        title: '矩阵活动',
        service: 'culture',
        startsAt,
        endsAt: startsAt.replace('T01', 'T03'),
        capacity: 500,
      },
    )
  ).id;
const futureActivity = (fx: Fixtures, w: Where) => once(`activity-${w}`, () => activity(fx, w));
/** a resident of the place the place's staff may book or lend to (张家村 has none: any id does) */
const residentOf = (fx: Fixtures, w: Where) => fx[w].residentId;
async function freshBooking(fx: Fixtures, w: Where) {
  const a = await activity(fx, w);
  if (w === 'out') return { a, b: 1 };
  const { id } = await fx.kit.must<{ id: number }>(
    201,
    'village',
    'POST',
    `/station-activities/${a}/bookings`,
    {
      residentId: residentOf(fx, w),
    },
  );
  return { a, b: id };
}
async function freshLoan(fx: Fixtures, w: Where) {
  if (w === 'out') {
    // 张家村 has no archive of residents: a loan of 盘山县 is written directly (its staff could not lend one)
    const s = await station(fx, w);
    const r = await fx.fresh.db
      .selectFrom('resident')
      .select('id')
      .where('county_code', '=', fx.out.county)
      .orderBy('id')
      .executeTakeFirst();
    if (!r) return 2 ** 40; // no resident in that county: an id that names no loan answers the same 404
    const row = await fx.fresh.db
      .insertInto('station_loan')
      .values({
        county_code: fx.out.county,
        station_id: s,
        region_path: fx.out.gridPath.split('.').slice(0, 5).join('.'),
        item_kind: 'umbrella',
        resident_id: r.id,
        lent_at: new Date(),
        due_at: new Date(Date.now() + 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }
  const l = await fx.kit.must<{ id: number }>(201, 'village', 'POST', '/station-loans', {
    stationId: await station(fx, w),
    itemKind: 'umbrella',
    residentId: residentOf(fx, w),
    days: 7,
  });
  return l.id;
}
/** a household of the place's grid whose group or building has a point */
async function placedHousehold(fx: Fixtures, w: Where) {
  const grid = (
    await fx.fresh.db
      .selectFrom('household')
      .select('grid_code')
      .where('id', '=', fx[w].householdId)
      .executeTakeFirstOrThrow()
  ).grid_code;
  const h = await fx.fresh.db
    .selectFrom('household as h')
    .innerJoin('grid_unit as u', 'u.id', 'h.unit_id')
    .leftJoin('grid_unit as p', 'p.id', 'u.parent_id')
    .select('h.id')
    .where('h.grid_code', '=', grid)
    .where((eb) => eb.or([eb('u.lng', 'is not', null), eb('p.lng', 'is not', null)]))
    .orderBy('h.id')
    .executeTakeFirstOrThrow();
  return Number(h.id);
}

const READ = {
  '*': 403,
  admin: 200,
  county: 200,
  township: 200,
  village: 200,
  gridworker: 200,
  parttime: 200,
  party: 200,
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
  party: 404,
};
const MANAGE = (ok: number) => ({ '*': 403, village: ok, township: ok, county: ok, anonymous: 401 });
const BOOK = (ok: number) => ({
  '*': 403,
  village: ok,
  township: ok,
  gridworker: ok,
  parttime: ok,
  anonymous: 401,
});
const LEND = (ok: number) => ({ '*': 403, village: ok, township: ok, anonymous: 401 });
const EXPORT = (ok: number) => ({ '*': 403, village: ok, township: ok, county: ok, anonymous: 401 });

const coverage = (path: string): Row => ({
  route: `GET /api/v1${path}`,
  make: (fx, w) => get(w === 'in' ? path : `${path}?within=${fx.out.village}`),
  in: READ,
  out: READ_OUT,
});

export const STATION_ROWS: Row[] = [
  { route: 'GET /api/v1/stations', make: () => get('/stations'), in: READ },
  {
    route: 'GET /api/v1/stations/{id}',
    make: async (fx, w) => get(`/stations/${await station(fx, w)}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/stations',
    make: (fx, w) => post('/stations', stationBody(fx, w)),
    in: MANAGE(201),
    out: MANAGE(404),
  },
  {
    route: 'PATCH /api/v1/stations/{id}',
    make: async (fx, w) =>
      patch(`/stations/${await station(fx, w)}`, { openingHours: '周一至周六 9:00–17:00' }),
    in: MANAGE(204),
    out: MANAGE(404),
  },
  {
    route: 'POST /api/v1/stations/{id}/people',
    make: async (fx, w) =>
      post(`/stations/${await station(fx, w)}/people`, { role: 'volunteer', name: '志愿者甲' }),
    in: MANAGE(201),
    out: MANAGE(404),
  },
  {
    route: 'POST /api/v1/stations/{id}/people/{personId}/remove',
    make: async (fx, w) => {
      const s = await station(fx, w);
      const { id } = await fx.kit.must<{ id: number }>(201, staffOf(w), 'POST', `/stations/${s}/people`, {
        role: 'staff',
        name: '工作人员乙',
      });
      return post(`/stations/${s}/people/${id}/remove`);
    },
    in: MANAGE(204),
    out: MANAGE(404),
  },
  {
    route: 'PUT /api/v1/stations/{id}/stock',
    make: async (fx, w) => put(`/stations/${await station(fx, w)}/stock`, { itemKind: 'torch', total: 4 }),
    in: MANAGE(204),
    out: MANAGE(404),
  },
  { route: 'GET /api/v1/station-activities', make: () => get('/station-activities'), in: READ },
  {
    route: 'GET /api/v1/station-activities/{id}',
    make: async (fx, w) => get(`/station-activities/${await futureActivity(fx, w)}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/stations/{id}/activities',
    make: async (fx, w) =>
      post(`/stations/${await station(fx, w)}/activities`, {
        title: '矩阵讲座',
        service: 'legal_aid',
        startsAt: '2030-07-01T01:00:00Z',
        endsAt: '2030-07-01T02:00:00Z',
        capacity: 20,
      }),
    in: MANAGE(201),
    out: MANAGE(404),
  },
  {
    route: 'POST /api/v1/station-activities/{id}/bookings',
    // a fresh activity each time: one live booking per resident
    make: async (fx, w) =>
      post(`/station-activities/${await activity(fx, w)}/bookings`, { residentId: residentOf(fx, w) }),
    in: BOOK(201),
    out: BOOK(404),
  },
  {
    route: 'POST /api/v1/station-activities/{id}/bookings/{bookingId}/cancel',
    make: async (fx, w) => {
      const { a, b } = await freshBooking(fx, w);
      return post(`/station-activities/${a}/bookings/${b}/cancel`);
    },
    in: BOOK(204),
    out: BOOK(404),
  },
  {
    route: 'POST /api/v1/station-activities/{id}/attendance',
    // an activity that has started (nobody booked: nothing to mark)
    make: async (fx, w) =>
      post(
        `/station-activities/${await once(`past-${w}`, () => activity(fx, w, '2020-06-01T01:00:00Z'))}/attendance`,
        {
          residentIds: [residentOf(fx, w)],
        },
      ),
    in: BOOK(200),
    out: BOOK(404),
  },
  { route: 'GET /api/v1/station-loans', make: () => get('/station-loans'), in: READ },
  {
    route: 'GET /api/v1/station-loans/{id}',
    make: async (fx, w) => get(`/station-loans/${await once(`loan-${w}`, () => freshLoan(fx, w))}`),
    in: READ,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/station-loans',
    make: async (fx, w) =>
      post('/station-loans', {
        stationId: await station(fx, w),
        itemKind: 'umbrella',
        residentId: residentOf(fx, w),
        days: 7,
      }),
    in: LEND(201),
    out: LEND(404),
  },
  {
    route: 'POST /api/v1/station-loans/{id}/{action}',
    make: async (fx, w) => post(`/station-loans/${await freshLoan(fx, w)}/return`, {}),
    in: LEND(200),
    out: LEND(404),
  },
  {
    route: 'GET /api/v1/me/station-loans',
    make: () => get('/me/station-loans'),
    in: { '*': 403, resident: 200, anonymous: 401 },
  },
  coverage('/stations/coverage'),
  coverage('/stations/coverage/outside'),
  coverage('/stations/coverage/map'),
  coverage('/stations/candidates'),
  {
    route: 'GET /api/v1/stations/coverage/outside/export.xlsx',
    make: (fx, w) =>
      get(
        w === 'in'
          ? '/stations/coverage/outside/export.xlsx'
          : `/stations/coverage/outside/export.xlsx?within=${fx.out.village}`,
      ),
    in: EXPORT(200),
    // the place is checked before the ability: every signed-in caller is told 404
    out: { '*': 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/households/{id}/nearest-station',
    make: async (fx, w) => get(`/households/${await placedHousehold(fx, w)}/nearest-station`),
    in: READ,
    // out: a household of another township of 铁岭县 — seen by the county-wide accounts only
    out: { ...READ_OUT, admin: 200, county: 200, party: 200 },
  },
];
