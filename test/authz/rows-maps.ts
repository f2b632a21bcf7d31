/**
 * The maps' rows of the authorisation matrix (issue 11 "Maps"). The base map is for everyone
 * signed in; its settings for the administrator; clusters and places for staff who see a
 * territory's cases ("out" is a grid of another county → 404); the public map answers anyone,
 * and 404 while the county has not published it (the default; the PUT row keeps it off).
 */
import { get, put, type Row } from './rows.js';

const caseReaders = { '*': 200, department: 403, 'township-cgb': 403, resident: 403, anonymous: 401 };
const outside = { ...caseReaders, '*': 404 };

export const MAP_ROWS: Row[] = [
  { route: 'GET /api/v1/map/base', make: () => get('/map/base'), in: { '*': 200, anonymous: 401 } },
  {
    route: 'GET /api/v1/map/settings',
    make: () => get('/map/settings'),
    in: { '*': 403, admin: 200, anonymous: 401 },
  },
  {
    route: 'PUT /api/v1/map/settings',
    make: () => put('/map/settings', { tiles: 'amap', publicMap: false }),
    in: { '*': 403, admin: 200, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/map/cases',
    make: (fx, w) => get(`/map/cases?region=${fx[w].grid}&days=30`),
    in: caseReaders,
    out: outside,
  },
  {
    route: 'GET /api/v1/map/places/{code}',
    make: (fx, w) => get(`/map/places/${fx[w].grid}`),
    in: caseReaders,
    out: outside,
  },
  {
    route: 'GET /api/v1/map/case-points',
    make: (fx, w) => get(`/map/case-points?region=${fx[w].grid}&days=30`),
    in: caseReaders,
    out: outside,
  },
  {
    route: 'GET /api/v1/map/cases/{id}/place',
    make: (fx, w) => get(`/map/cases/${fx[w].caseId}/place`),
    in: caseReaders,
    out: outside,
  },
  {
    route: 'GET /api/v1/public/map/{county}',
    make: (fx, w) => get(`/public/map/${fx[w].county}`),
    in: { '*': 404 },
    out: { '*': 404 },
  },
];
