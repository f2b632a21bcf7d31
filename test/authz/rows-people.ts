/**
 * Matrix rows of the household archive (issue 15): grid workers (full- and part-time) and village
 * staff edit in their scope; everyone else who reads the archive may not edit it (403); another
 * township's household is 404 to the township, village and grid accounts.
 */
import type { Fixtures, Where } from './fixtures.js';

import { get, patch, post, type Expect, type Row } from './rows.js';

/** A fresh, well-formed ID number no demo person has (demo numbers start with the county code). */
const idNumber = () => `9${Array.from({ length: 16 }, () => Math.floor(Math.random() * 10)).join('')}X`;
const person = () => ({ name: '矩阵测试', gender: 'female', birthDate: '1990-01-02', idNumber: idNumber() });

const EDIT_IN: Expect = {
  '*': 403,
  gridworker: 200,
  parttime: 200,
  village: 200,
  anonymous: 401,
};
const EDIT_OUT: Expect = { ...EDIT_IN, gridworker: 404, parttime: 404, village: 404 };
const created = (e: Expect): Expect =>
  Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v === 200 ? 201 : v]));
const READ_IN: Expect = { '*': 200, department: 403, 'township-cgb': 403, resident: 403, anonymous: 401 };
const READ_OUT: Expect = {
  '*': 404,
  admin: 200,
  county: 200,
  party: 200,
  department: 403,
  'township-cgb': 403,
  resident: 403,
  anonymous: 401,
};

/** A fresh household in the "in" grid (made by its village), for calls that change it for good. */
async function freshHousehold(fx: Fixtures): Promise<number> {
  const h = await fx.kit.must<{ id: number }>(201, 'village', 'POST', '/households', {
    gridCode: fx.in.grid,
    address: '矩阵村1组1号',
    head: person(),
  });
  return h.id;
}

async function freshResident(fx: Fixtures): Promise<number> {
  return (
    await fx.kit.must<{ id: number }>(201, 'village', 'POST', '/residents', {
      householdId: fx.in.householdId,
      relation: 'other',
      ...person(),
    })
  ).id;
}

let joined = 0;
/** A fresh household (made by the village) with an open invitation: the code and the head's ID number. */
async function freshInvitation(fx: Fixtures) {
  const head = person();
  const h = await fx.kit.must<{ id: number }>(201, 'village', 'POST', '/households', {
    gridCode: fx.in.grid,
    address: '矩阵村3组3号',
    head,
  });
  const inv = await fx.kit.must<{ id: number; code: string }>(
    201,
    'village',
    'POST',
    `/households/${h.id}/invitations`,
    {},
  );
  return { ...inv, idNumber: head.idNumber, householdId: h.id };
}
const ONLY = (role: string, status: number): Expect => ({ '*': 403, [role]: status, anonymous: 401 });

export const PEOPLE_ROWS: Row[] = [
  {
    route: 'GET /api/v1/residents/duplicates',
    make: () => get('/residents/duplicates'),
    in: { '*': 403, village: 200, township: 200, county: 200, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/residents/{id}/merge',
    // two records that are not one person: 409 MERGE_NOT_DUPLICATE once both are visible
    make: async (fx, w) =>
      post(`/residents/${w === 'in' ? await freshResident(fx) : fx.out.residentId}/merge`, {
        intoId: fx.in.residentId,
        reason: '核对重复档案',
      }),
    in: { '*': 403, village: 409, township: 409, county: 409, anonymous: 401 },
    out: { '*': 403, village: 404, township: 404, county: 409, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/households/export.xlsx',
    make: (fx, w) => get(`/households/export.xlsx?within=${fx[w].village}`),
    // a region outside the caller's scope answers 404 before the role check (a grid worker's
    // scope is a grid, below the village asked for)
    in: {
      '*': 403,
      village: 200,
      township: 200,
      county: 200,
      gridworker: 404,
      parttime: 404,
      resident: 404,
      anonymous: 401,
    },
    out: { '*': 404, anonymous: 401 },
  },
  {
    // the empty sheet of the import (no one's data): those who import
    route: 'GET /api/v1/households/import-template.xlsx',
    make: () => get('/households/import-template.xlsx'),
    in: { '*': 403, village: 200, township: 200, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/households/import',
    // a JSON body is not a workbook (400 IMPORT_FILE_INVALID): nothing imported
    make: () => post('/households/import', { rows: [] }),
    in: { '*': 403, village: 400, township: 400, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/households',
    // out: a grid of another county: not a grid of the caller's county (404)
    make: (fx, w) => post('/households', { gridCode: fx[w].grid, address: '矩阵村2组2号', head: person() }),
    in: created(EDIT_IN),
    out: created(EDIT_OUT),
  },
  {
    route: 'PATCH /api/v1/households/{id}',
    make: (fx, w) => patch(`/households/${fx[w].householdId}`, { reason: '核对档案' }),
    in: EDIT_IN,
    out: EDIT_OUT,
  },
  {
    route: 'POST /api/v1/households/{id}/move',
    // in: a fresh household moves to the other township's grid (of the same county)
    make: async (fx, w: Where) => {
      const target = await fx.kit.must<{ gridCode: string }>(
        200,
        'county',
        'GET',
        `/households/${fx.out.householdId}`,
      );
      const id = w === 'in' ? await freshHousehold(fx) : fx.out.householdId;
      return post(`/households/${id}/move`, {
        toGridCode: target.gridCode,
        address: '新居1号',
        reason: '购房迁居',
      });
    },
    in: EDIT_IN,
    out: EDIT_OUT,
  },
  {
    route: 'GET /api/v1/households/{id}/history',
    make: (fx, w) => get(`/households/${fx[w].householdId}/history`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/residents',
    make: (fx, w) =>
      post('/residents', { householdId: fx[w].householdId, relation: 'child', event: 'birth', ...person() }),
    in: created(EDIT_IN),
    out: created(EDIT_OUT),
  },
  {
    route: 'PATCH /api/v1/residents/{id}',
    make: (fx, w) => patch(`/residents/${fx[w].residentId}`, { reason: '核对档案' }),
    in: EDIT_IN,
    out: EDIT_OUT,
  },
  {
    route: 'POST /api/v1/residents/{id}/events',
    make: async (fx, w) =>
      post(`/residents/${w === 'in' ? await freshResident(fx) : fx.out.residentId}/events`, {
        type: 'care_tag_added',
        tag: 'disabled',
        on: '2026-01-05',
        reason: '持残疾证',
      }),
    in: EDIT_IN,
    out: EDIT_OUT,
  },
  {
    route: 'GET /api/v1/residents/{id}/history',
    make: (fx, w) => get(`/residents/${fx[w].residentId}/history`),
    in: READ_IN,
    out: READ_OUT,
  },
  {
    route: 'POST /api/v1/households/{id}/invitations',
    make: (fx, w) => post(`/households/${fx[w].householdId}/invitations`, { days: 7 }),
    in: ONLY('village', 201),
    out: ONLY('village', 404),
  },
  {
    route: 'GET /api/v1/households/{id}/invitations',
    make: (fx, w) => get(`/households/${fx[w].householdId}/invitations`),
    in: ONLY('village', 200),
    out: ONLY('village', 404),
  },
  {
    route: 'POST /api/v1/invitations/{id}/withdraw',
    make: async (fx) => post(`/invitations/${(await freshInvitation(fx)).id}/withdraw`),
    in: ONLY('village', 200),
  },
  {
    route: 'POST /api/v1/join',
    // public: whoever holds a code and the member's ID number makes the member's account
    make: async (fx) => {
      const inv = await freshInvitation(fx);
      return post('/join', {
        code: inv.code,
        idNumber: inv.idNumber,
        username: `matrix-join-${Date.now()}-${joined++}`,
        displayName: '矩阵村民',
        password: 'matrix-password-1',
      });
    },
    in: { '*': 201 },
  },
  {
    route: 'GET /api/v1/me/record',
    make: () => get('/me/record'),
    in: ONLY('resident', 200),
  },
  {
    route: 'GET /api/v1/me/record/download',
    make: () => get('/me/record/download'),
    in: ONLY('resident', 200),
  },
  {
    route: 'POST /api/v1/me/corrections',
    make: () => post('/me/corrections', { fields: ['phone'], detail: '电话号码已更换' }),
    in: ONLY('resident', 201),
  },
  {
    route: 'GET /api/v1/corrections',
    make: () => get('/corrections?status=submitted'),
    in: { '*': 403, resident: 200, village: 200, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/corrections/{id}/actions/{action}',
    // the resident's own request, handled by the village; a resident never handles it
    make: async (fx) => {
      const c = await fx.kit.must<{ id: number }>(201, 'resident', 'POST', '/me/corrections', {
        fields: ['other'],
        detail: '矩阵测试更正',
      });
      return post(`/corrections/${c.id}/actions/correct`, { answer: '已核实更正' });
    },
    // township-wide and county-wide accounts see it (scope) but may not handle it; 张家村's
    // accounts of another county do not see it
    in: { '*': 403, village: 200, anonymous: 401 },
  },
  {
    // last of all the rows: the demo villager's account is closed by it
    route: 'POST /api/v1/me/close',
    make: () => ({ ...post('/me/close'), ownSession: true }),
    in: ONLY('resident', 200),
  },
];
