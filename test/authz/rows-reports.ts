/**
 * The rows of lists and reports (issue 11): the case list's Excel export and the kept case reports.
 * Exporters and report makers: village, township and county centres, administrators. Readers of
 * reports: those and party organisers. "out" is 盘山县 (another county) → 404.
 */
import type { Fixtures } from './fixtures.js';
import { get, post, type Row } from './rows.js';

const makers = { '*': 403, county: 201, township: 201, village: 201, admin: 201, anonymous: 401 };
const readers = {
  '*': 403,
  county: 200,
  township: 200,
  village: 200,
  admin: 200,
  party: 200,
  anonymous: 401,
};

let made: Promise<number> | undefined;
/** One daily report of the "in" village, made once by the village's staff. */
const report = (fx: Fixtures) =>
  (made ??= fx.kit
    .must<{ id: number }>(201, 'village', 'POST', '/reports', { kind: 'daily', region: fx.in.village })
    .then((r) => r.id));

export const REPORT_ROWS: Row[] = [
  {
    route: 'GET /api/v1/cases/export.xlsx',
    make: (fx, w) => get(`/cases/export.xlsx?within=${fx[w].grid}`),
    in: { '*': 403, county: 200, township: 200, village: 200, admin: 200, anonymous: 401 },
    out: { '*': 404, anonymous: 401 },
  },
  { route: 'GET /api/v1/reports', make: () => get('/reports?limit=5'), in: readers },
  {
    route: 'POST /api/v1/reports',
    make: (fx, w) => post('/reports', { kind: 'daily', region: fx[w].village }),
    in: { ...makers, gridworker: 404, parttime: 404, resident: 404 },
    out: { '*': 404, anonymous: 401 },
  },
  { route: 'GET /api/v1/reports/{id}', make: async (fx) => get(`/reports/${await report(fx)}`), in: readers },
  {
    route: 'GET /api/v1/reports/{id}/export.xlsx',
    make: async (fx) => get(`/reports/${await report(fx)}/export.xlsx`),
    in: readers,
  },
];
