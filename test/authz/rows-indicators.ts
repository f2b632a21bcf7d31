/**
 * The indicators' rows of the authorisation matrix (issue 11). Readers: village, township and
 * county centres, party organisers, administrators; grid workers, residents and departments
 * are refused (no one is ranked; 国办函〔2026〕12号). "out" is a village of another county → 404.
 */
import type { Fixtures, Where } from './fixtures.js';

import { get, type Row } from './rows.js';

const readers = {
  '*': 200,
  gridworker: 403,
  department: 403,
  'township-cgb': 403,
  parttime: 403,
  resident: 403,
  anonymous: 401,
};
const outside = { ...readers, '*': 404 };
const at = (fx: Fixtures, w: Where) => `region=${fx[w].village}&period=month`;

export const INDICATOR_ROWS: Row[] = [
  { route: 'GET /api/v1/indicators', make: () => get('/indicators'), in: readers },
  {
    route: 'GET /api/v1/indicators/values',
    make: (fx, w) => get(`/indicators/values?codes=case.reported,visits.made&${at(fx, w)}`),
    in: readers,
    out: outside,
  },
  {
    route: 'GET /api/v1/indicators/series',
    make: (fx, w) => get(`/indicators/series?codes=case.closed&points=3&${at(fx, w)}`),
    in: readers,
    out: outside,
  },
  {
    route: 'GET /api/v1/indicators/breakdown',
    make: (fx, w) => get(`/indicators/breakdown?code=case.closure_rate&by=region&${at(fx, w)}`),
    in: readers,
    out: outside,
  },
  {
    route: 'GET /api/v1/indicators/records',
    make: (fx, w) => get(`/indicators/records?code=case.reported&${at(fx, w)}`),
    in: readers,
    out: outside,
  },
  {
    route: 'GET /api/v1/indicators/dashboard',
    make: (fx, w) => get(`/indicators/dashboard?${at(fx, w)}`),
    in: readers,
    out: outside,
  },
];
