import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../helpers.js';
import { fullWidth, NUL, probePlaces } from './probe-places.js';

/**
 * An outsider attacks organisational life and party lessons: the Range header on lesson media (bad,
 * several, huge, full-width), other counties and villages in params and bodies, roles that should
 * not, and the county's rhythm leaking into another county.
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof probePlaces>>;
const h: Record<string, { authorization: string }> = {};
let lesson: { id: number; media: { url: string; bytes: number } };
let whole: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  p = await probePlaces(t.db);
  for (const u of [
    'village',
    'township',
    'county',
    'party',
    'resident',
    'department',
    'city',
    'panshan',
    'zhangjia',
  ])
    h[u] = await signIn(t.app, u);
  const items = (await api('GET', '/party-lessons?format=online', h.village)).json()
    .items as (typeof lesson)[];
  lesson = items.find((l) => l.media)!;
  expect(lesson).toBeDefined();
  const res = await t.app.inject({ method: 'GET', url: lesson.media.url, headers: h.resident });
  expect(res.statusCode).toBe(200);
  whole = res.rawPayload;
}, 300_000);
afterAll(async () => t?.close());

const api = (method: string, url: string, headers?: object, payload?: object) =>
  t.app.inject({ method: method as 'GET', url: `/api/v1${url}`, headers: headers as never, payload });
const ranged = (range: string) =>
  t.app.inject({ method: 'GET', url: lesson.media.url, headers: { ...h.resident, range } });

describe('the Range header on lesson media', () => {
  it('one range → 206 with exactly those bytes', async () => {
    const r = await ranged('bytes=0-9');
    expect(r.statusCode).toBe(206);
    expect(r.rawPayload).toEqual(whole.subarray(0, 10));
    expect(r.headers['content-range']).toBe(`bytes 0-9/${whole.length}`);
  });

  it('several ranges → the whole body (200), never a multipart answer or more bytes than exist', async () => {
    const r = await ranged('bytes=0-1,5-9,0-99999999');
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.length).toBe(whole.length);
  });

  it.each([
    ['a start past the end', () => `bytes=${whole.length}-`],
    ['a start of 25 digits', () => 'bytes=9999999999999999999999999-'],
    ['an end before the start', () => 'bytes=9-2'],
    ['an empty suffix', () => 'bytes=-0'],
  ])('%s → 416 with the size, no body', async (_n, range) => {
    const r = await ranged(range());
    expect(r.statusCode).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${whole.length}`);
    expect(r.rawPayload.length).toBe(0);
  });

  it('a huge suffix or end is held to the body', async () => {
    const suffix = await ranged('bytes=-99999999999999999999');
    expect(suffix.statusCode).toBe(206);
    expect(suffix.rawPayload.length).toBe(whole.length);
    const end = await ranged('bytes=3-99999999999999999999');
    expect(end.statusCode).toBe(206);
    expect(end.rawPayload).toEqual(whole.subarray(3));
  });

  // RFC 9110 §14.2: a Range with a unit the server does not know, or that it cannot read, is ignored
  it.each([
    ['another unit', 'items=0-1'],
    ['full-width digits', `bytes=${fullWidth('0')}-${fullWidth('9')}`],
    ['a negative start', 'bytes=--5'],
    ['a decimal', 'bytes=0.5-9'],
    ['a NUL', `bytes=0-9${NUL}`],
    ['no numbers', 'bytes=-'],
  ])('%s → the whole body (200), never an error', async (_n, range) => {
    const r = await ranged(range);
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.length).toBe(whole.length);
  });

  it("another county's staff, a full-width or huge id → 404/400, no bytes", async () => {
    const other = await t.app.inject({ method: 'GET', url: lesson.media.url, headers: h.panshan });
    expect(other.statusCode).toBe(404);
    expect(other.rawPayload.includes(whole.subarray(0, 16))).toBe(false);
    expect(
      (await api('GET', `/party-lessons/${fullWidth(String(lesson.id))}/media`, h.resident)).statusCode,
    ).toBe(400);
    expect((await api('GET', '/party-lessons/99999999999999999999/media', h.resident)).statusCode).toBe(400);
    expect((await api('GET', '/party-lessons/2147483647/media', h.resident)).statusCode).toBe(404);
  });

  it('roles that should not upload → 403; a non-multipart body → 415; nothing changes', async () => {
    const before = await t.db
      .selectFrom('party_lesson')
      .select(['media_key', 'media_bytes'])
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    for (const u of ['resident', 'village', 'township', 'county', 'department', 'city', 'panshan'])
      expect((await api('PUT', `/party-lessons/${lesson.id}/media`, h[u], { file: 'x' })).statusCode).toBe(
        403,
      );
    expect((await api('PUT', `/party-lessons/${lesson.id}/media`, h.party, { file: 'x' })).statusCode).toBe(
      415,
    );
    const after = await t.db
      .selectFrom('party_lesson')
      .select(['media_key', 'media_bytes'])
      .where('id', '=', lesson.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
  });
});

describe('orders, watching and the rhythm', () => {
  it('a branch of another village or an unknown lesson in an order → 404, nothing made', async () => {
    const other = await t.db
      .selectFrom('party_org')
      .select('id')
      .where('region_code', '=', p.otherVillage)
      .where('kind', '=', 'branch')
      .executeTakeFirstOrThrow();
    const before = await countRows(t.db, 'lesson_order');
    const inPerson = (await api('GET', '/party-lessons?format=in_person', h.village)).json().items[0];
    expect(
      (await api('POST', '/lesson-orders', h.village, { lessonId: inPerson.id, orgId: Number(other.id) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await api('POST', '/lesson-orders', h.zhangjia, { lessonId: inPerson.id, orgId: Number(other.id) }))
        .statusCode,
    ).toBe(403);
    expect(await countRows(t.db, 'lesson_order')).toBe(before);
  });

  it.each([
    ['negative seconds', { seconds: -1, positionPct: 10 }],
    ['a huge position', { seconds: 10, positionPct: 1e9 }],
    ['seconds as full-width digits', { seconds: fullWidth('10'), positionPct: 10 }],
  ])('a watch report with %s → 400', async (_n, b) => {
    expect((await api('POST', `/party-lessons/${lesson.id}/watch`, h.village, b)).statusCode).toBe(400);
  });

  it("the county's rhythm is its own: setting it leaves another county's as it was; only the county's organisers set it", async () => {
    const theirs = (await api('GET', '/org-life/rhythm', h.panshan)).json();
    const ours = (await api('GET', '/org-life/rhythm', h.county)).json();
    const kind = ours.items[0];
    const changed = { ...kind, period: kind.period === 'month' ? 'quarter' : 'month' };
    for (const u of ['village', 'township', 'county', 'resident', 'panshan'])
      expect((await api('PUT', '/org-life/rhythm', h[u], { items: [changed] })).statusCode).toBe(403);
    const set = await api('PUT', '/org-life/rhythm', h.party, { items: [changed] });
    expect(set.statusCode, set.body).toBe(200);
    expect((await api('GET', '/org-life/rhythm', h.panshan)).json()).toEqual(theirs);
    expect(
      (
        await api('PUT', '/org-life/rhythm', h.party, {
          items: [changed, { ...changed, since: '2020-01-01' }],
        })
      ).statusCode,
    ).toBe(400);
  });

  it('`within=` another county or village on the board and the meetings → 404', async () => {
    expect((await api('GET', '/org-life/board?within=211122', h.county)).statusCode).toBe(404);
    expect((await api('GET', `/org-life/meetings?within=${p.otherVillage}`, h.village)).statusCode).toBe(404);
  });
});
