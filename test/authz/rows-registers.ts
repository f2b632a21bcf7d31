/**
 * Matrix rows of the grid units and of the complaint and suggestion channel about the platform
 * (issue 15): grid workers and village staff add units to grids in their scope; everyone signed in
 * writes and reads their own feedback; only the county centre lists and answers its county's.
 */
import type { Fixtures } from './fixtures.js';
import { get, post, type Expect, type Row } from './rows.js';

let n = 0;
const READ: Expect = { '*': 200, department: 403, 'township-cgb': 403, resident: 403, anonymous: 401 };
const ADD_IN: Expect = { '*': 403, gridworker: 201, parttime: 201, village: 201, anonymous: 401 };
const ADD_OUT: Expect = { ...ADD_IN, gridworker: 404, parttime: 404, village: 404 };
const ANYONE = (status: number): Expect => ({ '*': status, anonymous: 401 });

async function freshFeedback(fx: Fixtures): Promise<number> {
  return (
    await fx.kit.must<{ id: number }>(201, 'resident', 'POST', '/feedback', {
      kind: 'suggestion',
      body: `矩阵测试意见 ${n++}`,
    })
  ).id;
}

export const REGISTER_ROWS: Row[] = [
  {
    route: 'GET /api/v1/grid-units',
    make: (fx, w) => get(`/grid-units?gridCode=${fx[w].grid}`),
    in: READ,
  },
  {
    route: 'POST /api/v1/grid-units',
    make: (fx, w) =>
      post('/grid-units', { gridCode: fx[w].grid, kind: 'hamlet', name: `矩阵屯${Date.now()}-${n++}` }),
    in: ADD_IN,
    out: ADD_OUT,
  },
  {
    route: 'POST /api/v1/feedback',
    make: () => post('/feedback', { kind: 'complaint', body: `矩阵测试投诉 ${n++}` }),
    in: ANYONE(201),
  },
  {
    route: 'GET /api/v1/feedback',
    make: (_fx, _w, role) => get(role === 'county' ? '/feedback?all=true' : '/feedback'),
    in: ANYONE(200),
  },
  {
    route: 'POST /api/v1/feedback/{id}/answer',
    make: async (fx) => post(`/feedback/${await freshFeedback(fx)}/answer`, { answer: '已收到，谢谢' }),
    in: { '*': 403, county: 200, anonymous: 401 },
  },
];
