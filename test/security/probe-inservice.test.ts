import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, countRows, createTestApp, signIn, type TestApp } from '../helpers.js';
import { fullWidth, NUL, probePlaces, staffAt } from './probe-places.js';

/**
 * An outsider attacks 在职党员报到: the public sign-up (bad input, other counties' ids, taking over an
 * existing account, enumerating phones, the rate limit on one store shared by two instances) and the
 * review (other places, roles that should not, `within=` of another county).
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof probePlaces>>;
const h: Record<string, { authorization: string }> = {};
let seq = 0;

beforeAll(async () => {
  t = await createTestApp();
  p = await probePlaces(t.db);
  await staffAt(t.db, 'probe-other-village', 'village_staff', p.otherVillage);
  for (const u of ['village', 'township', 'party', 'resident', 'county', 'zhangjia-village', 'panshan'])
    h[u] = await signIn(t.app, u);
  h.other = await signIn(t.app, 'probe-other-village');
}, 300_000);
afterAll(async () => t?.close());

const api = (method: string, url: string, headers?: object, payload?: object) =>
  t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: headers as never, payload });
const body = (over: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    username: `probe-zz-${seq}`,
    displayName: '报到者',
    password: 'long-enough-password',
    phone: `1390000${String(1000 + seq).slice(-4)}`,
    homeCode: p.village,
    employerUnit: '县财政局',
    ...over,
  };
};
// each sign-up from its own address: the rate limit is tested on its own below
const signUp = (payload: object, ip = `10.9.${seq % 250}.${(seq * 7) % 250}`) =>
  t.app.inject({ method: 'POST', url: '/api/v1/in-service/sign-up', payload, remoteAddress: ip });

describe('the public sign-up refuses bad input and changes nothing', () => {
  it.each([
    ['a NUL in the name', { displayName: `报到${NUL}者` }],
    ['a control character in the unit', { employerUnit: `县财政局\u0007` }],
    ['full-width digits in the phone', { phone: fullWidth('13900001111') }],
    ['full-width digits in the home', () => ({ homeCode: fullWidth(p.village) })],
    ['an over-long name', { displayName: '名'.repeat(61) }],
    ['a negative employer org', { employerOrgId: -1 }],
    ['a huge employer org', { employerOrgId: 2 ** 63 }],
    ['an employer org as a string', { employerOrgId: '1' }],
    ['an unknown field', { role: 'admin' }],
    ['an upper-case username', { username: 'Village' }],
  ])('%s → 400', async (_name, over) => {
    const before = await countRows(t.db, 'in_service_member');
    const res = await signUp(body(typeof over === 'function' ? over() : over));
    expect(res.statusCode).toBe(400);
    expect(await countRows(t.db, 'in_service_member')).toBe(before);
  });

  it('an answer to bad input never echoes the phone or the password', async () => {
    const b = body({ phone: '13912345678', homeCode: '999999999999', password: 'secret-password-77' });
    const res = await signUp(b);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toContain('secret-password-77');
    const bad = await signUp(body({ phone: '1391234567x', password: 'pw-9x7q' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).not.toContain('1391234567x');
    expect(bad.body).not.toContain('pw-9x7q');
  });

  it('a township, a grid or an unknown code as home → 400', async () => {
    for (const homeCode of [`${p.township}000`, `${p.village.slice(0, 9)}999`]) {
      const res = await signUp(body({ homeCode }));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('IN_SERVICE_HOME_INVALID');
    }
  });

  it('an employer party organisation of another county → 400, nothing written', async () => {
    const org = await t.db
      .selectFrom('party_org')
      .select('id')
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    const before = await countRows(t.db, 'account');
    // home in 盘山县张家村, employer org of 铁岭县
    const res = await signUp(body({ homeCode: '211122001211', employerOrgId: Number(org.id) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IN_SERVICE_EMPLOYER_INVALID');
    expect(await countRows(t.db, 'account')).toBe(before);
  });
});

describe('the sign-up takes over nothing', () => {
  it("signing up with a staff member's username leaves that account as it was", async () => {
    const before = await t.db
      .selectFrom('account')
      .selectAll()
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const res = await signUp(body({ username: 'village', password: 'attacker-password-1' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('USERNAME_TAKEN');
    const after = await t.db
      .selectFrom('account')
      .selectAll()
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const login = await api('POST', '/auth/login', undefined, {
      username: 'village',
      password: 'attacker-password-1',
    });
    expect(login.statusCode).toBe(401);
  });

  it('a pending account cannot sign in, and its phone is stored encrypted and shown masked', async () => {
    const b = body();
    const res = await signUp(b);
    expect(res.statusCode).toBe(201);
    const row = await t.db
      .selectFrom('in_service_member')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(b.phone);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'in_service_member')
      .where('entity_id', '=', String(row.id))
      .execute();
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit)).not.toContain(b.phone);
    expect(
      (await api('POST', '/auth/login', undefined, { username: b.username, password: b.password }))
        .statusCode,
    ).toBe(401);
    const list = await api('GET', '/in-service/registrations?status=pending&limit=200', h.village);
    const mine = list.json().items.find((r: { id: number }) => r.id === row.id);
    expect(mine.phone).toBe(`${b.phone.slice(0, 3)}****${b.phone.slice(-4)}`);
    expect(list.body).not.toContain(b.phone);
  });

  // Was a finding: the sign-up answered 409 IN_SERVICE_PHONE_TAKEN for a phone already registered
  // in the county, an anonymous oracle for party membership. Now a duplicate is kept as pending,
  // flagged for the reviewing staff, and only one registration per phone can be approved.
  it('does not tell an anonymous caller whether a phone is already registered; staff see the duplicate and approve one only', async () => {
    const first = body();
    const a = await signUp(first);
    expect(a.statusCode).toBe(201);
    const again = await signUp(body({ phone: first.phone }));
    const fresh = await signUp(body());
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(Object.keys(again.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
    const list = await api('GET', '/in-service/registrations?status=pending&limit=200', h.village);
    const flag = (id: number) =>
      list.json().items.find((r: { id: number; duplicatePhone: boolean }) => r.id === id).duplicatePhone;
    expect(flag(a.json().id)).toBe(true);
    expect(flag(again.json().id)).toBe(true);
    expect(flag(fresh.json().id)).toBe(false);
    const ok = await api('POST', `/in-service/registrations/${a.json().id}/approve`, h.village, {});
    expect(ok.statusCode).toBe(200);
    const dup = await api('POST', `/in-service/registrations/${again.json().id}/approve`, h.village, {});
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('IN_SERVICE_PHONE_TAKEN');
    const still = await t.db
      .selectFrom('in_service_member')
      .select('status')
      .where('id', '=', again.json().id)
      .executeTakeFirstOrThrow();
    expect(still.status).toBe('pending');
  });
});

describe('the sign-up rate limit', () => {
  it('the 21st sign-up from one address in a minute → 429, also across two instances sharing the store', async () => {
    const one = await buildApp(t.ctx, { logLevel: 'silent', rateLimits: 'database' });
    const two = await buildApp(t.ctx, { logLevel: 'silent', rateLimits: 'database' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await (i % 2 ? one : two).inject({
          method: 'POST',
          url: '/api/v1/in-service/sign-up',
          // a taken username: nothing is made, but each try counts
          payload: body({ username: 'village' }),
          remoteAddress: '10.77.0.1',
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 20).every((c) => c === 409)).toBe(true);
      expect(codes[20]).toBe(429);
      // another address is not held back by the first one's count
      const other = await one.inject({
        method: 'POST',
        url: '/api/v1/in-service/sign-up',
        payload: body({ username: 'village' }),
        remoteAddress: '10.77.0.2',
      });
      expect(other.statusCode).toBe(409);
      // X-Forwarded-For is not believed by default: a forged one does not reset the count
      const forged = await two.inject({
        method: 'POST',
        url: '/api/v1/in-service/sign-up',
        payload: body({ username: 'village' }),
        remoteAddress: '10.77.0.1',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      expect(forged.statusCode).toBe(429);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe('the review', () => {
  let id: number;
  beforeAll(async () => {
    const res = await signUp(body());
    expect(res.statusCode).toBe(201);
    id = res.json().id;
  });

  it('roles that should not → 403; other villages and counties → 404; nothing changes', async () => {
    for (const u of ['resident', 'party', 'county'])
      expect((await api('POST', `/in-service/registrations/${id}/approve`, h[u], {})).statusCode).toBe(403);
    for (const u of ['other', 'zhangjia-village'])
      expect((await api('POST', `/in-service/registrations/${id}/approve`, h[u], {})).statusCode).toBe(404);
    const row = await t.db
      .selectFrom('in_service_member')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });

  it('a reject reason with a NUL, a full-width id, a huge id → 400', async () => {
    const bad = await api('POST', `/in-service/registrations/${id}/reject`, h.village, {
      reason: `不是本村${NUL}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await api('POST', `/in-service/registrations/${fullWidth(String(id))}/approve`, h.village, {}))
        .statusCode,
    ).toBe(400);
    expect(
      (await api('POST', `/in-service/registrations/99999999999999999999/approve`, h.village, {})).statusCode,
    ).toBe(400);
  });

  it('`within=` another county or another village → 404, and the lists of elsewhere hold none of ours', async () => {
    expect((await api('GET', '/in-service/registrations?within=211122', h.county)).statusCode).toBe(404);
    expect(
      (await api('GET', `/in-service/registrations?within=${p.otherVillage}`, h.village)).statusCode,
    ).toBe(404);
    const other = (await api('GET', '/in-service/registrations?limit=200', h.other)).json();
    expect(other.items.some((r: { id: number }) => r.id === id)).toBe(false);
    const panshan = (await api('GET', '/in-service/registrations?limit=200', h.panshan)).json();
    expect(panshan.items.some((r: { id: number }) => r.id === id)).toBe(false);
    const hours = (await api('GET', '/in-service/hours', h.panshan)).json();
    expect(hours.items.some((r: { id: number }) => r.id === id)).toBe(false);
  });
});
