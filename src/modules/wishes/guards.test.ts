import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, TEST_DEMO_PASSWORD, type TestApp } from '../../../test/helpers.js';
import { seedAccount } from '../accounts/index.js';
import { aWish, wishKit } from '../../../test/kits/wishes.js';

let t: TestApp;
let k: ReturnType<typeof wishKit>;
let resident: { authorization: string };
let village: { authorization: string };
let worker: { authorization: string };
let parttime: { authorization: string };
let party: { authorization: string };
let gridCode: string;
let wishId: number;
beforeAll(async () => {
  t = await createTestApp();
  k = wishKit(t);
  [resident, village, worker, parttime, party] = await Promise.all([
    signIn(t.app, 'resident'),
    signIn(t.app, 'village'),
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'parttime'),
    signIn(t.app, 'party'),
  ]);
  gridCode = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: resident })).json().scope.code;
  wishId = (await k.make(resident, aWish)).json().id;
});
afterAll(() => t.close());

/** Staff of the next village of the same township: same county, another subtree. */
async function neighbourVillage() {
  const v = await t.db
    .selectFrom('region')
    .select('code')
    .where('parent_code', '=', gridCode.slice(0, 9))
    .where('code', '!=', gridCode.slice(0, 12))
    .orderBy('code')
    .executeTakeFirstOrThrow();
  await seedAccount(t.db, {
    username: 'neighbour',
    displayName: '邻村两委',
    password: TEST_DEMO_PASSWORD,
    role: 'village_staff',
    scopeCode: v.code,
  });
  return signIn(t.app, 'neighbour');
}

describe('scope: outside it a wish does not exist', () => {
  it('another village (same county or another county) gets 404 and changes nothing', async () => {
    const before = await k.counts();
    for (const h of [await neighbourVillage(), await signIn(t.app, 'zhangjia-village')]) {
      expect((await k.get(h, wishId)).statusCode).toBe(404);
      const res = await k.act(h, wishId, 'publish');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
      expect((await k.list(h)).json().items.map((w: { id: number }) => w.id)).not.toContain(wishId);
      expect((await k.list(h, `?within=${gridCode.slice(0, 12)}`)).statusCode).toBe(404);
    }
    expect(await k.counts()).toEqual(before);
    expect(await k.statusOf(wishId)).toBe('submitted');
  });

  it('a villager sees only their own wishes, never another household’s', async () => {
    const staffWish = (
      await k.make(worker, { ...aWish, beneficiary: '李爷爷', householdId: await k.household(gridCode) })
    ).json().id;
    expect((await k.get(resident, staffWish)).statusCode).toBe(404);
    const mine = (await k.list(resident)).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((w: { mine: boolean }) => w.mine)).toBe(true);
    const zhangjia = await signIn(t.app, 'zhangjia');
    expect((await k.get(zhangjia, wishId)).statusCode).toBe(404);
    // the detail a villager gets carries no household link
    expect((await k.get(resident, wishId)).json().householdId).toBeNull();
  });

  it('a claimer (party organiser, whole county) sees published wishes only', async () => {
    const wall = (await k.list(party)).json().items as Array<{ status: string }>;
    expect(wall.length).toBeGreaterThan(0);
    expect(wall.every((w) => ['published', 'claimed', 'fulfilled', 'closed'].includes(w.status))).toBe(true);
    expect((await k.get(party, wishId)).statusCode).toBe(404);
  });
});

describe('bad input: 400 with a code, nothing changed', () => {
  it('make a wish', async () => {
    const hh = await k.household(gridCode);
    const foreign = (
      await t.db
        .selectFrom('household')
        .select('id')
        .where('grid_code', 'not like', `${gridCode.slice(0, 12)}%`)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    const before = await k.counts();
    const tries: Array<[{ authorization: string }, object, number, string]> = [
      [resident, { ...aWish, beneficiaryKind: undefined }, 400, 'VALIDATION_FAILED'],
      [resident, { ...aWish, beneficiaryKind: 'rich' }, 400, 'VALIDATION_FAILED'],
      [resident, { ...aWish, title: 'x' }, 400, 'VALIDATION_FAILED'],
      [resident, { ...aWish, beneficiary: '王奶奶 211221194501012345' }, 400, 'VALIDATION_FAILED'],
      [resident, { ...aWish, detail: '电话13912345678' }, 400, 'VALIDATION_FAILED'],
      [resident, { ...aWish, clientRequestId: 'again' }, 400, 'VALIDATION_FAILED'],
      [worker, aWish, 400, 'WISH_HOUSEHOLD_REQUIRED'],
      [worker, { ...aWish, householdId: foreign }, 404, 'NOT_FOUND'],
      [worker, { ...aWish, householdId: hh, visitId: 999999999 }, 400, 'WISH_VISIT_MISMATCH'],
      [worker, { ...aWish, householdId: hh, maxClaimers: 99 }, 400, 'VALIDATION_FAILED'],
      [party, aWish, 403, 'FORBIDDEN'],
    ];
    for (const [h, payload, status, code] of tries) {
      const res = await k.make(h, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await k.counts()).toEqual(before);
  });

  it('take a step', async () => {
    const id = (await k.make(resident, { ...aWish, title: '一双棉鞋' })).json().id;
    await k.act(village, id, 'publish');
    const before = await k.counts();
    expect((await k.act(party, id, 'claim', {})).json().error.code).toBe('VALIDATION_FAILED');
    expect((await k.act(party, id, 'claim', { claimerKind: 'alien' })).json().error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await k.act(party, id, 'fly', {})).statusCode).toBe(400);
    expect((await k.act(party, 0, 'claim', { claimerKind: 'party_org' })).statusCode).toBe(400);
    expect(await k.counts()).toEqual(before);
    await k.act(party, id, 'claim', { claimerKind: 'party_org' });
    // someone else's photo, or no note: nothing fulfilled
    const theirs = await upload(t.app, village, await jpeg());
    const mid = await k.counts();
    expect((await k.act(party, id, 'fulfil', { note: '已送到', photoIds: [theirs] })).json().error.code).toBe(
      'PHOTO_NOT_FOUND',
    );
    expect((await k.act(party, id, 'fulfil', {})).json().error.code).toBe('VALIDATION_FAILED');
    expect(await k.counts()).toEqual(mid);
    expect(await k.statusOf(id)).toBe('claimed');
    expect(
      await t.db
        .selectFrom('case_photo')
        .select('wish_id')
        .where('id', '=', theirs)
        .executeTakeFirstOrThrow(),
    ).toEqual({ wish_id: null });
  });
});

describe('points: a wish collected on a visit earns its collector once, when published', () => {
  it('awards wish_collected to the part-time worker on publish, not on reject, never twice', async () => {
    const county = gridCode.slice(0, 6);
    await t.db
      .insertInto('points_rule')
      .values({
        county_code: county,
        code: 'wish_collected',
        name_zh: '收集微心愿',
        name_en: 'Wish collected',
        points: 2,
        daily_cap: 6,
      })
      .onConflict((oc) => oc.columns(['county_code', 'code']).doNothing())
      .execute();
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: parttime })).json();
    const h = await t.db
      .selectFrom('household')
      .select(['id', 'grid_code', 'grid_path'])
      .where('grid_code', '=', me.scope.code)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const visit = async () =>
      (
        await t.db
          .insertInto('visit')
          .values({
            county_code: county,
            household_id: h.id,
            grid_code: h.grid_code,
            grid_path: h.grid_path,
            worker_account_id: me.id,
            visited_at: t.clock.now(),
            kind: 'care',
            outcome: 'needs_help',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const entries = () =>
      t.db
        .selectFrom('points_entry')
        .select(['reason', 'ref_id', 'delta'])
        .where('ref_type', '=', 'wish')
        .execute();
    const before = (await entries()).length;

    const a = (await k.make(parttime, { ...aWish, householdId: h.id, visitId: await visit() })).json();
    const b = (
      await k.make(parttime, { ...aWish, title: '一台电视机', householdId: h.id, visitId: await visit() })
    ).json();
    const c = (await k.make(parttime, { ...aWish, title: '一把雨伞', householdId: h.id })).json(); // not on a visit
    expect((await k.get(village, a.id)).json().source).toBe('visit');
    await k.act(village, a.id, 'publish');
    await k.act(village, b.id, 'reject', { reason: '不属于微心愿' });
    await k.act(village, c.id, 'publish');
    expect((await k.act(village, a.id, 'publish')).statusCode).toBe(409);
    const now = await entries();
    expect(now.length - before).toBe(1);
    expect(now.find((e) => e.ref_id === String(a.id))).toMatchObject({ reason: 'wish_collected', delta: 2 });
  });
});
