/**
 * The authorisation matrix's rows for whistles (基层吹哨、部门必应). "in": a request the demo village
 * raises to the county housing bureau (the demo `department` account). "out": one 张家村 of 盘山县
 * raises to a department of its own county — another county, seen by nobody here.
 */
import type { Fixtures, Where } from './fixtures.js';
import { get, post, put, type Row } from './rows.js';

const departmentOf = async (fx: Fixtures, w: Where) =>
  Number(
    (
      await fx.fresh.db
        .selectFrom('department')
        .select('id')
        .where('county_code', '=', fx[w].county)
        .where('region_code', '=', fx[w].county)
        .where('code', '=', 'county_housing_urban_rural')
        .executeTakeFirstOrThrow()
    ).id,
  );
const body = async (fx: Fixtures, w: Where) => ({
  subject: '矩阵吹哨',
  description: '授权矩阵的基层请求',
  departmentId: await departmentOf(fx, w),
});
/** a fresh request raised by the place's village staff */
async function freshWhistle(fx: Fixtures, w: Where): Promise<number> {
  const by = w === 'in' ? 'village' : 'zhangjia-village';
  return (await fx.kit.must<{ id: number }>(201, by, 'POST', '/whistles', await body(fx, w))).id;
}

const READ = { '*': 200, resident: 403, anonymous: 401 };
const NONE = { '*': 404, resident: 403, anonymous: 401 };
const RAISE = (ok: number) => ({
  '*': 403,
  village: ok,
  township: ok,
  // a grid worker raises only an enterprise's need
  gridworker: 400,
  parttime: 400,
  anonymous: 401,
});

export const WHISTLE_ROWS: Row[] = [
  {
    route: 'POST /api/v1/whistles',
    make: async (fx, w) => post('/whistles', await body(fx, w)),
    in: RAISE(201),
    // another county's department: not one a request of this county can go to
    out: RAISE(400),
  },
  { route: 'GET /api/v1/whistles', make: () => get('/whistles'), in: READ },
  { route: 'GET /api/v1/whistles/departments', make: () => get('/whistles/departments'), in: READ },
  {
    route: 'GET /api/v1/whistles/comparison',
    // in: the caller's own scope; out: another county named
    make: (fx, w) =>
      get(w === 'in' ? '/whistles/comparison' : `/whistles/comparison?within=${fx.out.county}`),
    in: READ,
    out: NONE,
  },
  {
    route: 'GET /api/v1/whistles/{id}',
    make: async (fx, w) => get(`/whistles/${await freshWhistle(fx, w)}`),
    // the village's request: not the grid's workers', nor a township office's
    in: { ...READ, gridworker: 404, parttime: 404, 'township-cgb': 404 },
    out: NONE,
  },
  {
    route: 'POST /api/v1/whistles/{id}/actions/{action}',
    make: async (fx, w) =>
      post(`/whistles/${await freshWhistle(fx, w)}/actions/answer`, { answer: '授权矩阵的答复' }),
    // only the department holding it answers; the others who see it may not
    in: { '*': 403, department: 200, gridworker: 404, parttime: 404, 'township-cgb': 404, anonymous: 401 },
    out: NONE,
  },
  { route: 'GET /api/v1/whistle-limits', make: () => get('/whistle-limits'), in: READ },
  {
    route: 'PUT /api/v1/whistle-limits/{departmentId}',
    // the county sets a department's limit; out: another county's department (404 to those who may set)
    make: async (fx, w) => put(`/whistle-limits/${await departmentOf(fx, w)}`, { days: 4, urgentDays: 1 }),
    in: { '*': 403, county: 200, admin: 200, anonymous: 401 },
    out: { '*': 403, county: 404, admin: 404, anonymous: 401 },
  },
];
