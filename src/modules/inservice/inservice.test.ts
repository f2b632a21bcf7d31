import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

/** 在职党员报到: sign-up, approval by the community's staff, wishes near home only, hours recorded. */
let t: TestApp;
const h: Record<string, { authorization: string }> = {};
let village: string;

beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['village', 'township', 'party', 'resident']) h[u] = await signIn(t.app, u);
  village = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow()
  ).scope_code;
}, 120_000);
afterAll(async () => t?.close());

const api = (method: string, url: string, headers?: object, payload?: object) =>
  t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: headers as never, payload });

describe('an in-service party member', () => {
  it('signs up, waits for approval, then sees only published wishes near home, claims and fulfils with hours', async () => {
    const signUp = await api('POST', '/in-service/sign-up', undefined, {
      username: 'zaizhi-li',
      displayName: '李在职',
      password: 'long-enough-password',
      phone: '13912345678',
      homeCode: village,
      employerUnit: '县财政局',
    });
    expect(signUp.statusCode).toBe(201);
    const id = signUp.json().id;
    // the account stays closed until the community approves
    expect(
      (
        await api('POST', '/auth/login', undefined, {
          username: 'zaizhi-li',
          password: 'long-enough-password',
        })
      ).statusCode,
    ).toBe(401);
    const queue = (await api('GET', '/in-service/registrations?status=pending', h.village)).json();
    const row = queue.items.find((r: { id: number }) => r.id === id);
    expect(row).toMatchObject({ phone: '139****5678', status: 'pending', employerUnit: '县财政局' });
    expect((await api('POST', `/in-service/registrations/${id}/approve`, h.resident, {})).statusCode).toBe(
      403,
    );
    expect((await api('POST', `/in-service/registrations/${id}/approve`, h.village, {})).statusCode).toBe(
      200,
    );
    expect((await api('POST', `/in-service/registrations/${id}/approve`, h.village, {})).statusCode).toBe(
      409,
    );

    const me = await signIn(t.app, 'zaizhi-li', 'long-enough-password');
    const wishes = (await api('GET', '/wishes?limit=200', me)).json().items as {
      id: number;
      status: string;
      gridCode: string;
    }[];
    expect(wishes.length).toBeGreaterThan(0);
    expect(wishes.every((w) => w.gridCode.startsWith(village))).toBe(true);
    expect(wishes.every((w) => ['published', 'claimed', 'fulfilled', 'closed'].includes(w.status))).toBe(
      true,
    );
    // a wish of another village is out of sight (404)
    const other = await t.db
      .selectFrom('wish')
      .select('id')
      .where('status', '=', 'published')
      .where('grid_code', 'not like', `${village}%`)
      .executeTakeFirstOrThrow();
    expect((await api('GET', `/wishes/${other.id}`, me)).statusCode).toBe(404);
    expect(
      (await api('POST', `/wishes/${other.id}/actions/claim`, me, { claimerKind: 'cadre' })).statusCode,
    ).toBe(404);

    // a published wish of the village with exactly one free place: claiming it turns it into "claimed"
    const open = await t.db
      .selectFrom('wish')
      .select('id')
      .where('status', '=', 'published')
      .where('grid_code', 'like', `${village}%`)
      .where(({ eb, selectFrom }) =>
        eb(
          selectFrom('wish_claim')
            .select(({ fn }) => fn.countAll<number>().as('n'))
            .whereRef('wish_claim.wish_id', '=', 'wish.id')
            .where('wish_claim.status', '=', 'active'),
          '=',
          eb(eb.ref('wish.max_claimers'), '-', 1),
        ),
      )
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(wishes.some((w) => w.id === open.id)).toBe(true);
    expect(
      (await api('POST', `/wishes/${open.id}/actions/claim`, me, { claimerKind: 'cadre' })).statusCode,
    ).toBe(200);
    const claim = await t.db
      .selectFrom('wish_claim')
      .select('claimer_kind')
      .where('wish_id', '=', open.id)
      .where('status', '=', 'active')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(claim.claimer_kind).toBe('in_service_member');
    expect((await api('GET', `/wishes/${open.id}`, me)).json().status).toBe('claimed');
    expect(
      (await api('POST', `/wishes/${open.id}/actions/fulfil`, me, { note: '送去了棉衣' })).json().error.code,
    ).toBe('SERVICE_HOURS_REQUIRED');
    expect(
      (await api('POST', `/wishes/${open.id}/actions/fulfil`, me, { note: '送去了棉衣', hours: 2.5 }))
        .statusCode,
    ).toBe(200);
    const mine = (await api('GET', '/in-service/me', me)).json();
    expect(mine.registration.hours).toBe(2.5);
    expect(mine.entries[0]).toMatchObject({ wishId: open.id, hours: 2.5 });
    const report = (await api('GET', '/in-service/hours', h.township)).json();
    expect(
      report.units.find((u: { employerUnit: string }) => u.employerUnit === '县财政局').hours,
    ).toBeGreaterThanOrEqual(2.5);
  });

  it('refuses a home that is not a village, keeps a duplicate phone pending (no oracle), and hides registrations of other villages', async () => {
    const base = { displayName: '王', password: 'long-enough-password', employerUnit: '县教育局' };
    expect(
      (
        await api('POST', '/in-service/sign-up', undefined, {
          ...base,
          username: 'zz-a',
          phone: '13900000001',
          homeCode: village.slice(0, 9) + '000',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await api('POST', '/in-service/sign-up', undefined, {
          ...base,
          username: 'zz-b',
          phone: '13912345678',
          homeCode: village,
        })
      ).statusCode,
    ).toBe(201); // the phone is taken: the same answer as a free one; the staff see the duplicate
    const elsewhere = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'like', `${village.slice(0, 6)}%`)
      .where('code', '<>', village)
      .where('code', 'not like', `${village.slice(0, 9)}%`)
      .executeTakeFirstOrThrow();
    const made = await api('POST', '/in-service/sign-up', undefined, {
      ...base,
      username: 'zz-c',
      phone: '13900000003',
      homeCode: elsewhere.code,
    });
    expect(made.statusCode).toBe(201);
    expect(
      (await api('POST', `/in-service/registrations/${made.json().id}/approve`, h.village, {})).statusCode,
    ).toBe(404);
    expect(
      (await api('POST', `/in-service/registrations/${made.json().id}/reject`, h.village, {})).statusCode,
    ).toBe(400);
  });
});
