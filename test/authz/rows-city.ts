/**
 * The authorisation matrix's rows for the city level (全市响应). No account of the matrix is a city
 * centre, so every one is refused (403; anonymous 401) before anything is read or made: the city's
 * routes are its own (campaigns.city), and the city's own reach — these routes and nothing else —
 * is tested with a city account in src/modules/campaigns/city.test.ts. The object is the demo's
 * city-wide campaign of 铁岭市.
 */
import type { Fixtures } from './fixtures.js';
import { get, post, rid, type Row } from './rows.js';

const CITY_ONLY = { '*': 403, anonymous: 401 };
const cityCampaign = async (fx: Fixtures) =>
  Number(
    (await fx.fresh.db.selectFrom('city_campaign').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
  );

export const CITY_ROWS: Row[] = [
  {
    route: 'POST /api/v1/city-campaigns/preview',
    make: (fx) =>
      post('/city-campaigns/preview', {
        rule: { subject: 'resident', minAge: 60, careTags: ['pensioner-60'], regions: [fx.in.grid] },
      }),
    in: CITY_ONLY,
  },
  {
    route: 'POST /api/v1/city-campaigns',
    make: (fx) =>
      post('/city-campaigns', {
        title: '矩阵全市任务',
        startsOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        endsOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
        rule: { subject: 'household', regions: [fx.in.grid] },
        checklist: { fields: [{ key: 'ok', label: '已核查', type: 'boolean', required: true }] },
        supervising: ['county'],
        clientRequestId: rid(),
      }),
    in: CITY_ONLY,
  },
  { route: 'GET /api/v1/city-campaigns', make: () => get('/city-campaigns'), in: CITY_ONLY },
  {
    route: 'GET /api/v1/city-campaigns/export.xlsx',
    make: () => get('/city-campaigns/export.xlsx?sort=-coverage'),
    in: CITY_ONLY,
  },
  {
    route: 'GET /api/v1/city-campaigns/{id}',
    make: async (fx) => get(`/city-campaigns/${await cityCampaign(fx)}`),
    in: CITY_ONLY,
  },
  {
    route: 'GET /api/v1/city-campaigns/{id}/progress',
    make: async (fx) => get(`/city-campaigns/${await cityCampaign(fx)}/progress`),
    in: CITY_ONLY,
  },
  {
    route: 'POST /api/v1/city-campaigns/{id}/actions/close',
    make: async (fx) =>
      post(`/city-campaigns/${await cityCampaign(fx)}/actions/close`, { reason: '授权矩阵：结束' }),
    in: CITY_ONLY,
  },
];
