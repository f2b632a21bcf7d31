import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../helpers.js';
import { fullWidth, NUL, probePlaces, staffAt } from './probe-places.js';

/**
 * An outsider attacks the errands' walk-in registration and relay, and the party's household links:
 * residents, households and members of elsewhere inside bodies, roles that should not, bad input, a
 * client request id reused by another account, and the full phone in answers.
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof probePlaces>>;
const h: Record<string, { authorization: string }> = {};
let serviceCode: string;

beforeAll(async () => {
  t = await createTestApp();
  p = await probePlaces(t.db);
  await staffAt(t.db, 'probe-errand-other', 'village_staff', p.otherVillage);
  for (const u of [
    'village',
    'township',
    'county',
    'party',
    'resident',
    'department',
    'gridworker',
    'city',
    'panshan',
    'zhangjia-village',
  ])
    h[u] = await signIn(t.app, u);
  h.other = await signIn(t.app, 'probe-errand-other');
  serviceCode = (
    await t.db
      .selectFrom('service_item')
      .select('code')
      .where('county_code', '=', '211221')
      .where('active', '=', true)
      .where('handled_at', '=', 'township')
      .orderBy('code')
      .executeTakeFirstOrThrow()
  ).code;
}, 300_000);
afterAll(async () => t?.close());

const api = (method: string, url: string, headers?: object, payload?: object) =>
  t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: headers as never, payload });
const walkIn = (who: string, over: Record<string, unknown> = {}) =>
  api('POST', '/errands/walk-in', h[who], {
    residentId: p.resident,
    serviceCode,
    detail: '代办社保卡补办',
    ...over,
  });

describe('the walk-in registration', () => {
  it("another village's or county's resident → 404, nothing made", async () => {
    const before = await countRows(t.db, 'errand');
    expect((await walkIn('village', { residentId: p.otherResident })).statusCode).toBe(404);
    expect((await walkIn('zhangjia-village')).statusCode).toBe(404);
    expect(await countRows(t.db, 'errand')).toBe(before);
  });

  it.each(['resident', 'gridworker', 'township', 'county', 'department', 'party', 'city'])(
    '%s registers a walk-in → 403',
    async (who) => {
      expect((await walkIn(who)).statusCode).toBe(403);
    },
  );

  it.each([
    ['a NUL in the detail', { detail: `代办${NUL}` }],
    ['a NUL in the service code', { serviceCode: `x${NUL}` }],
    ['a resident id in full-width digits', { residentId: fullWidth('12') }],
    ['a negative resident', { residentId: -5 }],
    ['a huge resident', { residentId: 2 ** 64 }],
    ['an over-long detail', { detail: '长'.repeat(1001) }],
    ['an extra field', { requesterAccountId: 1 }],
  ])('a walk-in with %s → 400', async (_n, over) => {
    expect((await walkIn('village', over)).statusCode).toBe(400);
  });

  it("another account's reuse of a request id makes its own errand, never answers the first", async () => {
    const rid = randomUUID();
    const first = await walkIn('village', { clientRequestId: rid });
    expect(first.statusCode, first.body).toBe(201);
    const again = await walkIn('village', { clientRequestId: rid });
    expect([again.statusCode, again.json().id]).toEqual([200, first.json().id]);
    const theirs = await walkIn('other', { clientRequestId: rid, residentId: p.otherResident });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(first.json().id);
  });

  it("the relay: the other village's staff, another township or county cannot move it; no full phone in answers", async () => {
    const made = await walkIn('village');
    expect(made.statusCode).toBe(201);
    const id = made.json().id as number;
    for (const who of ['other', 'panshan', 'zhangjia-village'])
      expect((await api('POST', `/errands/${id}/actions/forward`, h[who], {})).statusCode).toBe(404);
    // the village passes it on to the township (the item is handled there)
    const fwd = await api('POST', `/errands/${id}/actions/forward`, h.village, {});
    expect(fwd.statusCode, fwd.body).toBe(200);
    expect(
      (await api('POST', `/errands/${id}/actions/return`, h.panshan, { note: '已办结' })).statusCode,
    ).toBe(404);
    const detail = await api('GET', `/errands/${id}`, h.township);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});

describe('the party household links', () => {
  let member: number;
  let otherMember: number;
  beforeAll(async () => {
    const m = (code: string) =>
      t.db
        .selectFrom('party_member')
        .select('id')
        .where('county_code', '=', '211221')
        .where('left_on', 'is', null)
        .where(sql<boolean>`region_path::text LIKE ${`%${code}%`}`)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    member = Number((await m(p.village)).id);
    otherMember = Number((await m(p.otherVillage)).id);
  });
  const link = (who: string, over: Record<string, unknown> = {}) =>
    api('POST', '/party/links', h[who], {
      memberId: member,
      householdIds: [p.household],
      clientRequestId: randomUUID(),
      ...over,
    });

  it("another village's household or member → 404, no link changed", async () => {
    const before = await countRows(t.db, 'party_member_household');
    expect((await link('village', { householdIds: [p.household, p.otherHousehold] })).statusCode).toBe(404);
    expect((await link('village', { memberId: otherMember })).statusCode).toBe(404);
    expect((await link('zhangjia-village')).statusCode).toBe(404);
    expect(await countRows(t.db, 'party_member_household')).toBe(before);
  });

  it.each(['resident', 'gridworker', 'township', 'county', 'department', 'city', 'panshan'])(
    '%s links households → 403',
    async (who) => {
      expect((await link(who)).statusCode).toBe(403);
    },
  );

  it.each([
    ['the same household twice', () => ({ householdIds: [p.household, p.household] })],
    ['a full-width member id', () => ({ memberId: fullWidth(String(member)) })],
    ['501 households', () => ({ householdIds: Array.from({ length: 501 }, (_, i) => i + 1) })],
    ['a request id that is no uuid', () => ({ clientRequestId: `x${NUL}` })],
  ])('%s → 400', async (_n, over) => {
    expect((await link('village', over())).statusCode).toBe(400);
  });

  it("another account's reuse of a request id links on its own account, never answers the first", async () => {
    const rid = randomUUID();
    const first = await link('village', { clientRequestId: rid });
    expect(first.statusCode, first.body).toBe(200);
    const replay = await link('village', { clientRequestId: rid });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const reused = await link('village', { clientRequestId: rid, householdIds: [p.otherHousehold] });
    expect(reused.statusCode).toBe(409);
    const party = await link('party', {
      clientRequestId: rid,
      memberId: otherMember,
      householdIds: [p.otherHousehold],
    });
    expect(party.statusCode, party.body).toBe(200);
    expect(party.json().memberId).toBe(otherMember);
  });

  it('`within=` another village or county on the link lists → 404', async () => {
    expect((await api('GET', `/party/links/households?within=${p.otherVillage}`, h.village)).statusCode).toBe(
      404,
    );
    expect((await api('GET', '/party/links/grids?within=211122', h.party)).statusCode).toBe(404);
  });
});
