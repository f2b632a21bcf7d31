import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
let worker: { authorization: string };
let parttime: { authorization: string };
let grid: string;

beforeAll(async () => {
  t = await createTestApp();
  worker = await as('gridworker');
  parttime = await as('parttime');
  grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: worker })).json().scope.code;
});

/** A new household in the demo grid, never visited (the small test demo has about one per grid). */
let seq = 0;
async function addHousehold(careTags: string[] = []): Promise<number> {
  const g = await t.db.selectFrom('region').select('path').where('code', '=', grid).executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('household')
    .values({
      county_code: '211221',
      grid_code: grid,
      grid_path: g.path,
      address: `测试村${++seq}号`,
      member_count: 1,
      care_tags: careTags,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
afterAll(() => t.close());

/** One session per account (sign-in is rate-limited). */
const sessions = new Map<string, Promise<{ authorization: string }>>();
const as = (username: string) => {
  if (!sessions.has(username)) sessions.set(username, signIn(t.app, username));
  return sessions.get(username)!;
};

const household = (id: number) =>
  t.db
    .selectFrom('household')
    .select(['last_visit_at', 'visit_due_at', 'care_tags'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const visitsOf = (id: number) =>
  t.db.selectFrom('visit').select(['id', 'worker_account_id']).where('household_id', '=', id).execute();
const body = (householdId: number, extra: object = {}) => ({
  householdId,
  visitedAt: new Date(Date.now() - 60_000).toISOString(),
  kind: 'routine',
  outcome: 'all_well',
  needs: [],
  notes: '家中一切正常',
  ...extra,
});
const post = (headers: { authorization: string }, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/visits', headers, payload });

async function dueIds(headers = worker): Promise<number[]> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/visits/due?limit=200', headers });
  expect(res.statusCode).toBe(200);
  return res.json().items.map((h: { id: number }) => h.id);
}

describe('visits', () => {
  it('lists households due, never visited first then the longest overdue', async () => {
    const fresh = await addHousehold(['elderly-alone']);
    const overdue = await addHousehold();
    const later = await addHousehold();
    const day = 86_400_000;
    await t.db
      .updateTable('household')
      .set({ last_visit_at: new Date(Date.now() - 100 * day), visit_due_at: new Date(Date.now() - 10 * day) })
      .where('id', '=', overdue)
      .execute();
    await t.db
      .updateTable('household')
      .set({ last_visit_at: new Date(Date.now() - 5 * day), visit_due_at: new Date(Date.now() + 85 * day) })
      .where('id', '=', later)
      .execute();
    const ids = await dueIds();
    expect(ids).toContain(fresh);
    expect(ids).toContain(overdue);
    expect(ids).not.toContain(later);
    const byTag = (
      await t.app.inject({ method: 'GET', url: '/api/v1/visits/due?careTag=elderly-alone', headers: worker })
    ).json();
    expect(byTag.items.map((h: { id: number }) => h.id)).toContain(fresh);
    expect(byTag.items.map((h: { id: number }) => h.id)).not.toContain(overdue);
    const all = (
      await t.app.inject({ method: 'GET', url: '/api/v1/visits/due?include=all&q=测试村', headers: worker })
    ).json();
    expect(all.items.map((h: { id: number }) => h.id)).toContain(later);
    const o = (await t.app.inject({ method: 'GET', url: '/api/v1/visits/due?q=测试村', headers: worker }))
      .json()
      .items.find((h: { id: number }) => h.id === overdue);
    expect(o.overdueDays).toBe(10);
    const res = (
      await t.app.inject({ method: 'GET', url: '/api/v1/visits/due?limit=200', headers: worker })
    ).json();
    expect(res.total).toBeGreaterThanOrEqual(3);
    expect(res.items.every((h: { gridCode: string }) => h.gridCode === grid)).toBe(true);
    const dues = res.items.map((h: { dueAt: string | null }) => h.dueAt);
    expect(dues[0]).toBeNull();
    const dated = dues.filter((d: string | null) => d !== null).map((d: string) => Date.parse(d));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    expect(dated.every((d: number) => d <= Date.now())).toBe(true);
    const inDb = await t.db
      .selectFrom('household')
      .select('id')
      .where('grid_code', '=', grid)
      .where((eb) => eb.or([eb('visit_due_at', 'is', null), eb('visit_due_at', '<=', new Date())]))
      .execute();
    expect(res.total).toBe(inDb.length);
  });

  it('records a visit: due date moves on, photo attached, audited; a retry answers the same visit', async () => {
    const id = await addHousehold();
    const photo = await upload(t.app, worker, await jpeg());
    const clientRequestId = randomUUID();
    const first = await post(
      worker,
      body(id!, { clientRequestId, photoIds: [photo], outcome: 'needs_help', needs: ['medical'] }),
    );
    expect(first.statusCode).toBe(201);
    const v = first.json();
    expect(v).toMatchObject({
      householdId: id,
      outcome: 'needs_help',
      needs: ['medical'],
      photos: [{ id: photo }],
    });
    const h = await household(id!);
    expect(h.visit_due_at!.getTime()).toBeGreaterThan(Date.now());
    expect(Date.parse(v.visitDueAt)).toBe(h.visit_due_at!.getTime());
    expect(await dueIds()).not.toContain(id);

    const again = await post(
      worker,
      body(id!, { clientRequestId, photoIds: [photo], outcome: 'needs_help', needs: ['medical'] }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(v.id);
    expect(await visitsOf(id!)).toHaveLength(1);
    expect(
      (await t.db.selectFrom('visit').select('id').where('client_request_id', '=', clientRequestId).execute())
        .length,
    ).toBe(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity_id'])
      .where('action', '=', 'visit.record')
      .where('entity_id', '=', String(v.id))
      .execute();
    expect(audit).toHaveLength(1);

    // the history shows it with the photo, served to the village but not to another village
    const history = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/households/${id}/visits`,
        headers: await as('village'),
      })
    ).json();
    expect(history.items[0]).toMatchObject({ id: v.id, workerName: expect.stringContaining('专职网格员') });
    const village = await as('village');
    expect(
      (await t.app.inject({ method: 'GET', url: history.items[0].photos[0].thumbUrl, headers: village }))
        .statusCode,
    ).toBe(200);
    const other = await as('zhangjia-village');
    expect(
      (await t.app.inject({ method: 'GET', url: history.items[0].photos[0].thumbUrl, headers: other }))
        .statusCode,
    ).toBe(404);
    // one address for every photo; a visit's photo is never public, its original stays with the worker
    expect(history.items[0].photos).toEqual([
      { id: photo, url: `/api/v1/photos/${photo}/public`, thumbUrl: `/api/v1/photos/${photo}/thumb` },
    ]);
    const see = async (url: string, headers?: { authorization: string }) =>
      (await t.app.inject({ method: 'GET', url, headers: headers ?? {} })).statusCode;
    expect(await see(history.items[0].photos[0].url)).toBe(404);
    expect(await see(`/api/v1/photos/${photo}/original`, worker)).toBe(200);
    expect(await see(`/api/v1/photos/${photo}/original`, village)).toBe(403);
    expect(await see(history.items[0].photos[0].url, await as('resident'))).toBe(404);

    // the photo cannot be used a second time
    const reuse = await post(worker, body(id!, { photoIds: [photo] }));
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().error.code).toBe('PHOTO_NOT_FOUND');
  });

  it('the same visit sent twice at once makes one visit', async () => {
    const id = await addHousehold();
    const clientRequestId = randomUUID();
    const codes = (
      await Promise.all([
        post(worker, body(id, { clientRequestId })),
        post(worker, body(id, { clientRequestId })),
      ])
    ).map((r) => r.statusCode);
    expect(codes.sort()).toEqual([200, 201]);
    expect(await visitsOf(id)).toHaveLength(1);
  });

  it('another grid’s household is 404 and bad input is 400, nothing changed', async () => {
    const other = await t.db
      .selectFrom('household')
      .select('id')
      .where('grid_code', '!=', grid)
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    const before = await household(other.id);
    const res = await post(worker, body(other.id));
    expect(res.statusCode).toBe(404);
    expect(await visitsOf(other.id)).toHaveLength(0);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/households/${other.id}/visits`, headers: worker }))
        .statusCode,
    ).toBe(404);

    const id = await addHousehold();
    const was = await household(id!);
    const count = (await visitsOf(id!)).length;
    const bad = [
      body(id!, { kind: 'chat' }),
      body(id!, { outcome: '' }),
      body(id!, { needs: ['jetski'] }),
      body(id!, { visitedAt: new Date(Date.now() + 3_600_000).toISOString() }),
      body(id!, { visitedAt: 'yesterday' }),
      body(id!, { lng: 123.8 }),
      body(id!, { photoIds: [randomUUID()] }),
      body(id!, { caseId: 999_999_999 }),
    ];
    for (const b of bad) {
      const r = await post(worker, b);
      expect(r.statusCode, JSON.stringify(b)).toBe(400);
      expect(r.json().error.code).toMatch(
        /^(VALIDATION_FAILED|VISIT_TIME_INVALID|PHOTO_NOT_FOUND|VISIT_CASE_NOT_FOUND)$/,
      );
    }
    expect(await visitsOf(id!)).toHaveLength(count);
    expect(await household(id!)).toEqual(was);
    expect(await household(other.id)).toEqual(before);

    const resident = await as('resident');
    expect((await post(resident, body(id!))).statusCode).toBe(403);
    const county = await as('county');
    expect((await post(county, body(id!))).statusCode).toBe(403);
  });

  it('a late offline visit never moves the last visit back; not-home keeps the household due', async () => {
    const id = await addHousehold();
    expect((await post(worker, body(id!, { outcome: 'not_home' }))).statusCode).toBe(201);
    expect(await dueIds()).toContain(id);
    expect((await post(worker, body(id!))).statusCode).toBe(201);
    const after = await household(id!);
    expect(
      (await post(worker, body(id!, { visitedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() })))
        .statusCode,
    ).toBe(201);
    expect(await household(id!)).toEqual(after);
  });

  it('points for the part-time worker once, none for the full-time worker', async () => {
    await t.db
      .insertInto('points_rule')
      .values({
        county_code: '211221',
        code: 'visit',
        name_zh: '入户走访',
        name_en: 'Household visit',
        points: 2,
        daily_cap: null,
        active: true,
      })
      .onConflict((oc) => oc.columns(['county_code', 'code']).doNothing())
      .execute();
    const rule = await t.db
      .selectFrom('points_rule')
      .select('points')
      .where('county_code', '=', '211221')
      .where('code', '=', 'visit')
      .executeTakeFirstOrThrow();
    const balance = async (username: string) =>
      (
        await t.db
          .selectFrom('grid_worker as w')
          .innerJoin('account as a', 'a.id', 'w.account_id')
          .select('w.points_balance')
          .where('a.username', '=', username)
          .executeTakeFirstOrThrow()
      ).points_balance;
    const ids = [await addHousehold(), await addHousehold()];
    const before = { part: await balance('parttime'), full: await balance('gridworker') };
    const clientRequestId = randomUUID();
    const p = await post(parttime, body(ids[0]!, { clientRequestId }));
    expect(p.statusCode).toBe(201);
    expect((await post(parttime, body(ids[0]!, { clientRequestId }))).statusCode).toBe(200);
    expect(await balance('parttime')).toBe(before.part + rule.points);
    const entries = await t.db
      .selectFrom('points_entry')
      .select('delta')
      .where('ref_type', '=', 'visit')
      .where('ref_id', '=', String(p.json().id))
      .execute();
    expect(entries).toEqual([{ delta: rule.points }]);
    expect((await post(worker, body(ids[1]!))).statusCode).toBe(201);
    expect(await balance('gridworker')).toBe(before.full);
    // the same request id for another household is refused, not answered with the first visit
    const reused = await post(parttime, body(ids[1]!, { clientRequestId }));
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('VISIT_REQUEST_REUSED');
    // nobody at home: on record, but no points
    expect((await post(parttime, body(ids[1]!, { outcome: 'not_home' }))).statusCode).toBe(201);
    expect(await balance('parttime')).toBe(before.part + rule.points);
  });

  it('links a case reported from a visit; another case cannot replace it', async () => {
    const id = await addHousehold();
    const v = (await post(worker, body(id!, { outcome: 'issue_reported' }))).json();
    const report = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: worker,
      payload: {
        source: 'patrol',
        categoryCode: 'E0102',
        description: '走访发现院外垃圾堆放',
        gridCode: grid,
      },
    });
    expect(report.statusCode).toBe(201);
    const caseId = report.json().id;
    const link = await t.app.inject({
      method: 'POST',
      url: `/api/v1/visits/${v.id}/case`,
      headers: worker,
      payload: { caseId },
    });
    expect(link.statusCode).toBe(200);
    expect(link.json()).toMatchObject({ caseId, caseNumber: report.json().number });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/visits/${v.id}/case`,
          headers: worker,
          payload: { caseId },
        })
      ).statusCode,
    ).toBe(200);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: worker,
      payload: { source: 'patrol', categoryCode: 'E0102', description: '另一处垃圾堆放', gridCode: grid },
    });
    const clash = await t.app.inject({
      method: 'POST',
      url: `/api/v1/visits/${v.id}/case`,
      headers: worker,
      payload: { caseId: second.json().id },
    });
    expect(clash.statusCode).toBe(409);
    const mengqian = await as('mengqian');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/visits/${v.id}/case`,
          headers: mengqian,
          payload: { caseId },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('summary per child region and the list of visits, scoped', async () => {
    const county = await as('county');
    const s = (await t.app.inject({ method: 'GET', url: '/api/v1/visits/summary', headers: county })).json();
    expect(s.code).toBe('211221');
    expect(s.items.length).toBeGreaterThan(1);
    expect(s.items.every((r: { level: string }) => r.level === 'township')).toBe(true);
    const total = await t.db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('county_code', '=', '211221')
      .executeTakeFirstOrThrow();
    expect(s.items.reduce((n: number, r: { households: number }) => n + r.households, 0)).toBe(
      Number(total.n),
    );
    for (const r of s.items) expect(r.dueNow).toBeLessThanOrEqual(r.households);
    const mine = (
      await t.app.inject({ method: 'GET', url: '/api/v1/visits/summary', headers: worker })
    ).json();
    expect(mine.items).toEqual([expect.objectContaining({ code: grid })]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/visits/summary?within=211122', headers: county }))
        .statusCode,
    ).toBe(404);

    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/visits?limit=200', headers: await as('township') })
    ).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((v: { gridCode: string }) => v.gridCode.startsWith(grid.slice(0, 9)))).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/visits', headers: await as('mengqian') })).json()
        .items,
    ).toEqual([]);
  });

  it('a policy change recomputes due dates in the county, audited; only administrators', async () => {
    const admin = await as('admin');
    const got = (
      await t.app.inject({ method: 'GET', url: '/api/v1/admin/visit-policy', headers: admin })
    ).json();
    expect(got.items).toContainEqual({ careTag: '', intervalDays: 90 });
    const plain = await t.db
      .selectFrom('household')
      .select(['id', 'last_visit_at'])
      .where('county_code', '=', '211221')
      .where(sql<boolean>`cardinality(care_tags) = 0`)
      .where('last_visit_at', 'is not', null)
      .executeTakeFirstOrThrow();

    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/admin/visit-policy',
          headers: await as('county'),
          payload: { items: [{ careTag: '', intervalDays: 30 }] },
        })
      ).statusCode,
    ).toBe(403);
    const noDefault = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/visit-policy',
      headers: admin,
      payload: { items: [{ careTag: 'poverty', intervalDays: 30 }] },
    });
    expect(noDefault.statusCode).toBe(400);
    expect(noDefault.json().error.code).toBe('VISIT_POLICY_INVALID');
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: '/api/v1/admin/visit-policy',
          headers: admin,
          payload: { items: [{ careTag: '', intervalDays: 0 }] },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/visit-policy', headers: admin })).json().items,
    ).toEqual(got.items);

    const items = [
      ...got.items.filter((i: { careTag: string }) => i.careTag !== ''),
      { careTag: '', intervalDays: 45 },
    ];
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/visit-policy',
      headers: admin,
      payload: { items },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().recomputed).toBeGreaterThan(0);
    const h = await household(plain.id);
    expect(h.visit_due_at!.getTime()).toBe(plain.last_visit_at!.getTime() + 45 * 86_400_000);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'visit_policy.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ default: 45 });
  });
});
