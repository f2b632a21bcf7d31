import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let grid: Headers;
let village: Headers;
let me: { scope: { code: string } };
beforeAll(async () => {
  t = await createTestApp();
  grid = await signIn(t.app, 'gridworker');
  village = await signIn(t.app, 'village');
  me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: grid })).json();
});
afterAll(() => t.close());

const ID = '211221201901011235';
const person = (idNumber: string, over: object = {}) => ({
  name: '李春生',
  gender: 'male',
  birthDate: '1980-03-02',
  idNumber,
  phone: '13912345678',
  ...over,
});
type Headers = { authorization: string };
const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('the household archive kept by the grid', () => {
  let householdId: number;
  let headId: number;

  it('a grid worker registers a moved-in household and a newborn; both are on the history', async () => {
    t.clock.set('2026-03-01T02:00:00Z');
    const res = await inject('POST', '/households', grid, {
      gridCode: me.scope.code,
      address: '铁岭县测试村3组8号',
      head: person('211221198003020016'),
      event: 'move_in',
    });
    expect(res.statusCode, res.body).toBe(201);
    householdId = res.json().id;
    t.clock.set('2026-04-10T02:00:00Z');
    const baby = await inject('POST', '/residents', grid, {
      householdId,
      relation: 'child',
      event: 'birth',
      ...person(ID, { name: '李小禾', gender: 'female', birthDate: '2026-04-08', phone: null }),
    });
    expect(baby.statusCode, baby.body).toBe(201);
    const h = (await inject('GET', `/households/${householdId}`, grid)).json();
    expect(h.memberCount).toBe(2);
    headId = h.members.find((m: { relation: string }) => m.relation === 'head').id;
    const hist = (await inject('GET', `/households/${householdId}/history`, grid)).json().items;
    expect(hist.map((e: { event: string }) => e.event)).toEqual(['move_in', 'move_in', 'birth']);
    expect(hist[2].effectiveOn).toBe('2026-04-08');
  });

  it('the same ID number twice in the county is refused, and nothing is written', async () => {
    const before = await t.db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await inject('POST', '/residents', grid, {
      householdId,
      relation: 'other',
      ...person(ID.toLowerCase()),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('RESIDENT_DUPLICATE');
    const after = await t.db
      .selectFrom('resident')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // the database itself refuses it, whatever the code path
    const row = await t.db
      .selectFrom('resident')
      .selectAll()
      .where('id', '=', headId)
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(
      t.db
        .insertInto('resident')
        .values({ ...copy, legacy_duplicate: false })
        .execute(),
    ).rejects.toThrow(/resident_id_number_once/);
  });

  it('care tags are added and ended with a date and reason; the archive reads as it was on a date', async () => {
    t.clock.set('2026-05-01T02:00:00Z');
    const add = await inject('POST', `/residents/${headId}/events`, grid, {
      type: 'care_tag_added',
      tag: 'minimum-living',
      on: '2026-05-01',
      reason: '家庭收入低于低保标准',
    });
    expect(add.statusCode, add.body).toBe(200);
    const again = await inject('POST', `/residents/${headId}/events`, grid, {
      type: 'care_tag_added',
      tag: 'minimum-living',
      on: '2026-05-02',
      reason: '重复添加',
    });
    expect(again.json().error.code).toBe('CARE_TAG_STATE');
    t.clock.set('2026-06-01T02:00:00Z');
    await inject('POST', `/residents/${headId}/events`, grid, {
      type: 'care_tag_ended',
      tag: 'minimum-living',
      on: '2026-06-01',
      reason: '已就业，收入达标',
    });
    const onMayRes = await inject('GET', `/households/${householdId}?asOf=2026-05-15`, grid);
    expect(onMayRes.statusCode, onMayRes.body).toBe(200);
    const onMay = onMayRes.json();
    expect(onMay.members.find((m: { id: number }) => m.id === headId).careTags).toEqual(['minimum-living']);
    const onMarch = (await inject('GET', `/households/${householdId}?asOf=2026-03-15`, grid)).json();
    expect(onMarch.members).toHaveLength(1);
    const now = (await inject('GET', `/households/${householdId}`, grid)).json();
    expect(now.members.find((m: { id: number }) => m.id === headId).careTags).toEqual([]);
    expect((await inject('GET', `/households/${householdId}?asOf=2026-02-01`, grid)).statusCode).toBe(404);
  });

  it('a move to another grid of the county keeps the history and leaves the mover’s scope', async () => {
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('county_code', '=', '211221')
      .where('code', 'not like', `${me.scope.code.slice(0, 12)}%`)
      .executeTakeFirstOrThrow();
    t.clock.set('2026-07-01T02:00:00Z');
    const res = await inject('POST', `/households/${householdId}/move`, grid, {
      toGridCode: other.code,
      address: '新地址5号',
      reason: '购房迁居',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await inject('GET', `/households/${householdId}`, grid)).statusCode).toBe(404);
    expect((await inject('GET', `/residents/${headId}/history`, grid)).statusCode).toBe(404);
    const county = await signIn(t.app, 'county');
    const hist = (await inject('GET', `/residents/${headId}/history`, county)).json().items;
    expect(hist.map((e: { event: string }) => e.event)).toEqual([
      'move_in',
      'care_tag_added',
      'care_tag_ended',
      'moved',
    ]);
    expect(hist.at(-1).snapshot.gridCode).toBe(other.code);
    // and the day before the move, the household was still in the old grid
    const before = (await inject('GET', `/households/${householdId}?asOf=2026-06-30`, county)).json();
    expect(before.gridCode).toBe(me.scope.code);
  });

  it('another village’s household is 404 to edit; a party organiser may not edit (403)', async () => {
    const other = await t.db
      .selectFrom('resident')
      .select(['id', 'household_id'])
      .where('grid_code', 'not like', `${me.scope.code.slice(0, 12)}%`)
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    expect(
      (await inject('PATCH', `/households/${other.household_id}`, village, { address: '改个地址' }))
        .statusCode,
    ).toBe(404);
    expect((await inject('PATCH', `/residents/${other.id}`, village, { name: '改名' })).statusCode).toBe(404);
    const party = await signIn(t.app, 'party');
    expect((await inject('PATCH', `/residents/${other.id}`, party, { name: '改名' })).statusCode).toBe(403);
  });

  it('no clear ID number or phone in history or audit', async () => {
    const hist = await t.db.selectFrom('archive_history').select('snapshot').execute();
    const audit = await t.db.selectFrom('audit_log').select(['before', 'after', 'reason']).execute();
    const text = JSON.stringify([hist, audit]);
    for (const v of [ID, '211221198003020016', '13912345678']) expect(text).not.toContain(v);
  });
});

describe('duplicates from before the rule', () => {
  it('are listed and merged; both histories stay with the record that stays', async () => {
    const village2 = await signIn(t.app, 'village');
    const list = (await inject('GET', '/residents/duplicates', village2)).json();
    expect(list.groups.length).toBeGreaterThan(0);
    const [keep, dup] = list.groups[0].records;
    expect(list.groups[0].idNumber).toMatch(/^\d\*+[\dX]$/);
    const res = await inject('POST', `/residents/${dup.id}/merge`, village2, {
      intoId: keep.id,
      reason: '同一人重复建档',
    });
    expect(res.statusCode, res.body).toBe(200);
    const again = await inject('POST', `/residents/${dup.id}/merge`, village2, {
      intoId: keep.id,
      reason: '再合并一次',
    });
    expect(again.statusCode).toBe(409);
    const hist = (await inject('GET', `/residents/${keep.id}/history`, village2)).json().items;
    expect(
      hist.some((e: { subjectId: number; event: string }) => e.subjectId === dup.id && e.event === 'merged'),
    ).toBe(true);
    const after = (await inject('GET', '/residents/duplicates', village2)).json();
    expect(after.groups.length).toBe(list.groups.length - 1);
    // not the same person: refused
    const other = (await inject('GET', `/households/${keep.householdId}`, village2))
      .json()
      .members.find((m: { id: number }) => m.id !== keep.id);
    if (other) {
      const no = await inject('POST', `/residents/${other.id}/merge`, village2, {
        intoId: keep.id,
        reason: '误操作测试',
      });
      expect(no.json().error.code).toBe('MERGE_NOT_DUPLICATE');
    }
  });
});
