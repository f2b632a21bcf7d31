/**
 * Authorisation-matrix rows of the party organisation's edits (issue 14). "in": the organisation,
 * member and household of the demo's grid; "out": those of another township of 铁岭县 (in scope for
 * county-wide accounts) and 盘山县's grid and village (another county) for `within` and grid routes.
 * Organisers (`party`) keep the organisation; `party` and village staff link households; the
 * centres, village staff, `party` and admin read. Writes that would consume the shared fixtures
 * are sent with a body the rules refuse after the scope check (a future day, the same organisation),
 * so the allowed cell is that rule's 400 and nothing changes.
 */
import { get, patch, post, put, rid, type Expect, type Row } from './rows.js';

const READ_IN: Expect = {
  '*': 403,
  admin: 200,
  county: 200,
  township: 200,
  village: 200,
  party: 200,
  anonymous: 401,
};
const READ_OTHER_TOWNSHIP: Expect = { ...READ_IN, township: 404, village: 404 };
const READ_OTHER_COUNTY: Expect = {
  ...READ_IN,
  admin: 404,
  county: 404,
  township: 404,
  village: 404,
  party: 404,
};
const MANAGE = (ok: number): Expect => ({ '*': 403, party: ok, anonymous: 401 });
const FUTURE = '2099-01-01';

export const PARTY_ROWS: Row[] = [
  {
    route: 'POST /api/v1/party/orgs',
    // a group under a group: not a legal parent (400) once the parent is found in scope
    make: (fx, w) =>
      post('/party/orgs', {
        parentId: fx[w].partyOrgId,
        kind: 'grid_group',
        name: '矩阵党小组',
        regionCode: fx.in.grid,
      }),
    in: MANAGE(400),
    out: MANAGE(400),
  },
  {
    route: 'PATCH /api/v1/party/orgs/{id}',
    make: (fx, w) => patch(`/party/orgs/${fx[w].partyOrgId}`, { name: '矩阵更名党小组' }),
    in: MANAGE(204),
    out: MANAGE(204),
  },
  {
    route: 'POST /api/v1/party/orgs/{id}/merge',
    make: (fx, w) =>
      post(`/party/orgs/${fx[w].partyOrgId}/merge`, {
        intoId: fx[w].partyOrgId,
        on: '2026-01-01',
        reason: '矩阵',
      }),
    in: MANAGE(400),
    out: MANAGE(400),
  },
  {
    route: 'POST /api/v1/party/members/{id}/move',
    make: (fx, w) =>
      post(`/party/members/${fx[w].partyMemberId}/move`, { orgId: fx[w].partyOrgId, on: '2026-01-01' }),
    in: MANAGE(400),
    out: MANAGE(400),
  },
  {
    route: 'POST /api/v1/party/members/{id}/transfer-out',
    make: (fx, w) =>
      post(`/party/members/${fx[w].partyMemberId}/transfer-out`, { on: FUTURE, to: '矩阵单位' }),
    in: MANAGE(400),
    out: MANAGE(400),
  },
  {
    route: 'POST /api/v1/party/members/transfer-in',
    make: (fx, w) =>
      post('/party/members/transfer-in', {
        residentId: fx[w].residentId,
        orgId: fx[w].partyOrgId,
        on: FUTURE,
        from: '矩阵单位',
      }),
    in: MANAGE(400),
    out: MANAGE(400),
  },
  {
    route: 'GET /api/v1/party/members/{id}/history',
    make: (fx, w) => get(`/party/members/${fx[w].partyMemberId}/history`),
    in: READ_IN,
    out: READ_OTHER_TOWNSHIP,
  },
  {
    route: 'POST /api/v1/party/links',
    make: (fx, w) =>
      post('/party/links', {
        memberId: fx[w].partyMemberId,
        householdIds: [fx[w].gridHouseholdId],
        clientRequestId: rid(),
      }),
    in: { '*': 403, party: 200, village: 200, anonymous: 401 },
    out: { '*': 403, party: 404, village: 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/party/links/grids',
    make: (fx, w) => get(`/party/links/grids?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OTHER_COUNTY,
  },
  {
    route: 'GET /api/v1/party/links/households',
    make: (fx, w) => get(`/party/links/households?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OTHER_COUNTY,
  },
  {
    route: 'GET /api/v1/party/links/households/export.xlsx',
    make: (fx, w) => get(`/party/links/households/export.xlsx?within=${fx[w].village}`),
    in: READ_IN,
    out: READ_OTHER_COUNTY,
  },
  {
    route: 'PUT /api/v1/party/grids/{code}/leader',
    make: (fx, w) =>
      put(`/party/grids/${fx[w].grid}/leader`, { accountId: 1, orgId: fx[w].partyOrgId, since: FUTURE }),
    in: MANAGE(400),
    out: MANAGE(400),
  },
  {
    route: 'GET /api/v1/party/grids/{code}/chain',
    make: (fx, w) => get(`/party/grids/${fx[w].grid}/chain`),
    in: READ_IN,
    out: READ_OTHER_COUNTY,
  },
];
