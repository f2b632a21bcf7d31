import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { claimPhotos } from './index.js';

let t: TestApp;
type H = { authorization: string };
const as: Record<string, H> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const u of ['resident', 'gridworker', 'village', 'department', 'zhangjia', 'zhangjia-village'])
    as[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

/** GET a photo variant as `h` (none: anonymous). */
const get = (id: string, variant: string, h?: H) =>
  t.app.inject({ method: 'GET', url: `/api/v1/photos/${id}/${variant}`, headers: h ?? {} });
const status = async (id: string, variant: string, h?: H) => (await get(id, variant, h)).statusCode;

async function report(
  h: H,
  categoryCode: string,
  photoIds: string[],
  attributes: Record<string, string> = {},
) {
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h })).json();
  const at = await pointInGrid(t.db, me.scope.code);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: h,
    payload: { categoryCode, description: '照片测试', lat: at.lat, lng: at.lng, photoIds, attributes },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

const ownersOf = (id: string) =>
  t.db
    .selectFrom('case_photo')
    .select(['case_id', 'visit_id', 'wish_id', 'errand_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('GET /api/v1/photos/{id}/{variant}: the one address of every photo', () => {
  it('an unclaimed photo is its uploader’s only, every variant, with the one set of headers', async () => {
    const photo = await upload(t.app, as.gridworker!, await jpeg('#335577'));
    const pub = await get(photo, 'public', as.gridworker);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=86400, immutable',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(pub.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(await status(photo, 'thumb', as.gridworker)).toBe(200);
    expect((await get(photo, 'original', as.gridworker)).headers['content-type']).toBe('image/jpeg');
    // staff of the same grid, the resident of it, another county, nobody signed in: not found
    const bogus = { authorization: 'Bearer not-a-session' };
    for (const who of [as.village, as.resident, as['zhangjia-village'], bogus, undefined])
      for (const v of ['public', 'thumb', 'original']) expect(await status(photo, v, who)).toBe(404);
  });

  it('bad addresses are 400; an unknown photo is 404', async () => {
    const photo = await upload(t.app, as.gridworker!, await jpeg());
    expect(await status(photo, 'large', as.gridworker)).toBe(400);
    expect(await status('not-a-uuid', 'public', as.gridworker)).toBe(400);
    expect(await status('0b5c2a4e-7f55-4a8e-9f0e-3c1d2b6a9e10', 'public', as.gridworker)).toBe(404);
  });

  it('a case’s photo: whoever sees the case; the original for staff, not for another resident’s eyes', async () => {
    const before = await upload(t.app, as.resident!, await jpeg('#7a6a5a'));
    // a dispute (governance) is never published
    const id = await report(as.resident!, 'G0101', [before], {
      previously_mediated: 'no',
      escalation_risk: 'no',
    });
    expect(await ownersOf(before)).toEqual({ case_id: id, visit_id: null, wish_id: null, errand_id: null });
    expect(await status(before, 'public', as.village)).toBe(200); // the village holds it
    expect(await status(before, 'original', as.village)).toBe(200); // staff: the original with its EXIF
    expect((await get(before, 'thumb', as.village)).headers['cache-control']).toMatch(/^private/);
    expect(await status(before, 'original', as.resident)).toBe(200); // the reporter uploaded it
    expect(await status(before, 'public', as.department)).toBe(404); // never dispatched to that department
    expect(await status(before, 'public', as['zhangjia-village'])).toBe(404); // another county
    expect(await status(before, 'public')).toBe(404); // not published

    // the grid worker handles it on the spot with an after-photo: the reporter sees its copies only
    const after = await upload(t.app, as.gridworker!, await jpeg('#557733'));
    const done = await actOn(t.app, as.gridworker!, id, 'handle_on_spot', {
      photoIds: [after],
      note: '已调解',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await status(after, 'public', as.resident)).toBe(200);
    expect(await status(after, 'thumb', as.resident)).toBe(200);
    const original = await get(after, 'original', as.resident);
    expect(original.statusCode).toBe(403);
    expect(original.json().error.code).toBe('FORBIDDEN');
    expect(await status(after, 'public', as.zhangjia)).toBe(404);
  });

  it('a published case photo (Open311, the village’s cases): its copies to anyone, cacheable; never the original', async () => {
    const before = await upload(t.app, as.resident!, await jpeg('#6a5a4a'));
    await report(as.resident!, 'E0102', [before]);
    const anon = await get(before, 'public');
    expect(anon.statusCode).toBe(200);
    expect(anon.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=86400',
      // Open311's media_url: other sites may show it
      'cross-origin-resource-policy': 'cross-origin',
    });
    expect(await status(before, 'thumb')).toBe(200);
    expect(await status(before, 'thumb', as.zhangjia)).toBe(200);
    expect(await status(before, 'original')).toBe(404);
    expect(await status(before, 'original', as.zhangjia)).toBe(404);
    // a stale or made-up session is nobody: the published copy, nothing more
    const bogus = { authorization: 'Bearer not-a-session' };
    expect(await status(before, 'public', bogus)).toBe(200);
    expect(await status(before, 'original', bogus)).toBe(404);
    const staff = await get(before, 'original', as.village);
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['cache-control']).toMatch(/^private/);
  });

  it('a photo serves exactly one thing', async () => {
    const photo = await upload(t.app, as.resident!, await jpeg('#445566'));
    const first = await report(as.resident!, 'E0102', [photo]);
    // a second report naming it is refused, and nothing of it is written
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: as.resident! })).json();
    const at = await pointInGrid(t.db, me.scope.code);
    const cases = () =>
      t.db
        .selectFrom('cases')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
    const n = await cases();
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: as.resident!,
      payload: {
        categoryCode: 'E0102',
        description: '再报一次',
        lat: at.lat,
        lng: at.lng,
        photoIds: [photo],
      },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('PHOTO_NOT_FOUND');
    expect(await cases()).toEqual(n);
    // claimPhotos refuses it for a wish too, and the table itself refuses a second owner
    const wish = await t.db.selectFrom('wish').select(['id', 'county_code']).executeTakeFirstOrThrow();
    await expect(
      t.db
        .transaction()
        .execute((tx) =>
          claimPhotos(tx, wish.county_code, { column: 'wish_id', id: wish.id }, [photo], me.id),
        ),
    ).rejects.toMatchObject({ code: 'PHOTO_NOT_FOUND' });
    const errand = await t.db.selectFrom('errand').select('id').executeTakeFirstOrThrow();
    await expect(
      t.db.updateTable('case_photo').set({ errand_id: errand.id }).where('id', '=', photo).execute(),
    ).rejects.toThrow(/case_photo_one_use/);
    expect(await ownersOf(photo)).toEqual({ case_id: first, visit_id: null, wish_id: null, errand_id: null });
  });
});
