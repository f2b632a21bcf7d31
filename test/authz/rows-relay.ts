/**
 * The authorisation matrix's rows for 全程代办 walk-ins and in-service party members (在职党员报到).
 * "in": the demo village (its resident from the archive, a registration with it); "out": 盘山县's
 * 张家村 — another county, seen by nobody here.
 */
import { randomInt } from 'node:crypto';
import type { Fixtures, Where } from './fixtures.js';
import { get, post, rid, type Row } from './rows.js';

const READERS = { village: 200, township: 200, county: 200, party: 200, admin: 200 };
const phone = () => `139${String(randomInt(0, 1e8)).padStart(8, '0')}`;

/** a fresh pending registration with the place's village (written directly: sign-up is rate-limited) */
async function freshRegistration(fx: Fixtures, w: Where): Promise<number> {
  const db = fx.fresh.db;
  const p = fx[w];
  const account = await db
    .insertInto('account')
    .values({
      username: `zz-${rid().slice(0, 8)}`,
      display_name: '矩阵在职党员',
      password_hash: '!',
      role: 'in_service_member',
      scope_code: p.village,
      county_code: p.county,
      disabled: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const home = await db
    .selectFrom('region')
    .select('path')
    .where('code', '=', p.village)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('in_service_member')
    .values({
      county_code: p.county,
      account_id: account.id,
      home_code: p.village,
      home_path: home.path,
      phone_enc: Buffer.from('x'),
      phone_hash: Buffer.from(rid()),
      phone_masked: '139****0000',
      employer_unit: '矩阵单位',
      status: 'pending',
      created_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const RELAY_ROWS: Row[] = [
  {
    route: 'POST /api/v1/errands/walk-in',
    make: (fx, w) =>
      post('/errands/walk-in', {
        residentId: fx[w].residentId,
        serviceCode: 'elderly_allowance',
        detail: '矩阵代办',
        clientRequestId: rid(),
      }),
    in: { '*': 403, village: 201, anonymous: 401 },
    out: { '*': 403, village: 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/in-service/sign-up',
    make: (fx) =>
      post('/in-service/sign-up', {
        username: `zz-${rid().slice(0, 8)}`,
        displayName: '矩阵党员',
        password: 'matrix-password-1',
        phone: phone(),
        homeCode: fx.in.village,
        employerUnit: '矩阵单位',
      }),
    in: { '*': 201 },
  },
  {
    route: 'GET /api/v1/in-service/registrations',
    make: (fx, w) => get(`/in-service/registrations?within=${fx[w].village}`),
    in: { '*': 403, ...READERS, anonymous: 401 },
    out: { '*': 403, village: 404, township: 404, county: 404, party: 404, admin: 404, anonymous: 401 },
  },
  {
    route: 'POST /api/v1/in-service/registrations/{id}/{decision}',
    make: async (fx, w) => post(`/in-service/registrations/${await freshRegistration(fx, w)}/approve`, {}),
    in: { '*': 403, village: 200, township: 200, anonymous: 401 },
    out: { '*': 403, village: 404, township: 404, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/in-service/hours',
    make: () => get('/in-service/hours'),
    in: { '*': 403, ...READERS, anonymous: 401 },
  },
  {
    route: 'GET /api/v1/in-service/me',
    make: () => get('/in-service/me'),
    in: { '*': 403, anonymous: 401 },
  },
];
