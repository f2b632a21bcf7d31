import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { pointInGrid } from '../../../test/fixtures.js';

let t: TestApp;
let worker: { authorization: string };
let village: { authorization: string };
let county: { authorization: string };
let gridCode: string;
beforeAll(async () => {
  t = await createTestApp();
  [worker, village, county] = await Promise.all([
    signIn(t.app, 'gridworker'),
    signIn(t.app, 'village'),
    signIn(t.app, 'county'),
  ]);
  gridCode = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow()
  ).scope_code;
});
afterAll(() => t.close());

function api(method: 'GET' | 'POST', url: string, headers: object = {}, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });
}
const v1 = (method: 'GET' | 'POST', url: string, headers: object = {}, payload?: object) =>
  api(method, `/api/v1${url}`, headers, payload);
const audits = (action: string) =>
  t.db.selectFrom('audit_log').select(['entity_id', 'actor_id']).where('action', '=', action).execute();

describe('grid units', () => {
  it('a grid worker adds a building and its unit to their grid, audited; both are listed', async () => {
    const b = await v1('POST', '/grid-units', worker, { gridCode, kind: 'building', name: '测试楼9号' });
    expect(b.statusCode, b.body).toBe(201);
    const u = await v1('POST', '/grid-units', worker, {
      gridCode,
      kind: 'unit',
      parentId: b.json().id,
      name: '1单元',
    });
    expect(u.statusCode, u.body).toBe(201);
    expect(u.json()).toMatchObject({ kind: 'unit', parentId: b.json().id, households: 0 });
    expect((await audits('grid_unit.create')).map((a) => Number(a.entity_id))).toEqual(
      expect.arrayContaining([b.json().id, u.json().id]),
    );
    const listed = await v1('GET', `/grid-units?gridCode=${gridCode}`, village);
    expect(listed.statusCode, listed.body).toBe(200);
    const list = listed.json().items;
    expect(list.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['测试楼9号', '1单元']));
  });

  it('a unit without a building, a duplicate name, another village’s grid are refused and write nothing', async () => {
    const before = (await audits('grid_unit.create')).length;
    const orphan = await v1('POST', '/grid-units', worker, { gridCode, kind: 'unit', name: '孤单元' });
    expect(orphan.json().error.code).toBe('GRID_UNIT_PARENT');
    await v1('POST', '/grid-units', worker, { gridCode, kind: 'hamlet', name: '前屯' });
    const twice = await v1('POST', '/grid-units', worker, { gridCode, kind: 'hamlet', name: '前屯' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('GRID_UNIT_EXISTS');
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('county_code', '=', '211221')
      .where('code', 'not like', `${gridCode.slice(0, 12)}%`)
      .executeTakeFirstOrThrow();
    const far = await v1('POST', '/grid-units', worker, {
      gridCode: other.code,
      kind: 'hamlet',
      name: '远屯',
    });
    expect(far.statusCode).toBe(404);
    expect((await audits('grid_unit.create')).length).toBe(before + 1);
    // reading is scoped: the worker does not see the other grid's units
    const seen = (await v1('GET', `/grid-units?gridCode=${other.code}`, worker)).json().items;
    expect(seen).toEqual([]);
    // the township reads, it does not add
    const township = await signIn(t.app, 'township');
    expect(
      (await v1('POST', '/grid-units', township, { gridCode, kind: 'hamlet', name: '后屯' })).statusCode,
    ).toBe(403);
  });
});

describe('the complaint and suggestion channel about the platform', () => {
  it('a resident writes, sees only their own; the county centre lists its county’s and answers once', async () => {
    const resident = await signIn(t.app, 'resident');
    const mine = await v1('POST', '/feedback', resident, {
      kind: 'suggestion',
      body: '希望随手拍能加语音输入，电话13912345678',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const byWorker = await v1('POST', '/feedback', worker, { kind: 'complaint', body: '离线队列偶尔卡住' });
    expect(byWorker.statusCode).toBe(201);

    const own = (await v1('GET', '/feedback', resident)).json().items;
    expect(own.map((f: { id: number }) => f.id)).toEqual([mine.json().id]);
    expect(own[0].body).toContain('13912345678');
    expect((await v1('GET', '/feedback?all=true', resident)).statusCode).toBe(403);
    expect((await v1('GET', '/feedback?all=true', village)).statusCode).toBe(403);

    const all = (await v1('GET', '/feedback?all=true&unanswered=true', county)).json().items;
    const seen = all.find((f: { id: number }) => f.id === mine.json().id);
    expect(seen.body).not.toContain('13912345678'); // the phone number is masked for the reader
    expect(all.map((f: { id: number }) => f.id)).toContain(byWorker.json().id);

    expect(
      (await v1('POST', `/feedback/${mine.json().id}/answer`, village, { answer: '收到' })).statusCode,
    ).toBe(403);
    const answered = await v1('POST', `/feedback/${mine.json().id}/answer`, county, {
      answer: '已列入下一版本计划',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const again = await v1('POST', `/feedback/${mine.json().id}/answer`, county, { answer: '再答一次' });
    expect(again.json().error.code).toBe('FEEDBACK_ANSWERED');
    expect((await v1('GET', '/feedback', resident)).json().items[0]).toMatchObject({
      answer: '已列入下一版本计划',
    });
    expect((await audits('feedback.submit')).length).toBeGreaterThanOrEqual(2);
    expect(await audits('feedback.answer')).toHaveLength(1);
  });
});

describe('closing an account', () => {
  it('keeps the person’s reports with their public content', async () => {
    // a villager joins from an invitation and reports something
    const { items } = (await v1('GET', '/households?limit=50', village)).json();
    const linked = new Set(
      (await t.db.selectFrom('resident_account').select('resident_id').execute()).map((l) =>
        Number(l.resident_id),
      ),
    );
    let member: { id: number; householdId: number } | undefined;
    for (const hh of items) {
      const d = (await v1('GET', `/households/${hh.id}`, village)).json();
      const m = d.members.find((x: { id: number }) => !linked.has(x.id));
      if (m) {
        member = { id: m.id, householdId: hh.id };
        break;
      }
    }
    const enc = await t.db
      .selectFrom('resident')
      .select(['id_number_enc', 'grid_code'])
      .where('id', '=', member!.id)
      .executeTakeFirstOrThrow();
    const code = (
      await v1('POST', `/households/${member!.householdId}/invitations`, village, { days: 3 })
    ).json().code;
    const joined = await v1(
      'POST',
      '/join',
      {},
      {
        code,
        idNumber: t.ctx.pii.decrypt(enc.id_number_enc),
        username: 'closing-villager',
        displayName: '李要走',
        password: 'a-password-of-mine',
      },
    );
    expect(joined.statusCode, joined.body).toBe(201);
    const me = await signIn(t.app, 'closing-villager', 'a-password-of-mine');
    const at = await pointInGrid(t.db, enc.grid_code);
    // a category the public may see (not a governance matter), with no required questions
    const cats = await t.db
      .selectFrom('category')
      .select(['code', 'attributes'])
      .where('kind', '<>', 'governance')
      .orderBy('code')
      .execute();
    const cat = cats.find(
      (c) =>
        !(Array.isArray(c.attributes) && c.attributes.some((a) => (a as { required?: boolean }).required)),
    )!;
    const report = await v1('POST', '/cases', me, {
      source: 'resident_app',
      categoryCode: cat.code,
      description: '村口的路灯坏了三盏',
      ...at,
    });
    expect(report.statusCode, report.body).toBe(201);
    const { id, number } = report.json();

    expect((await v1('POST', '/me/close', me)).statusCode).toBe(200);

    // the report stays, still tied to the (now nameless) account, with its content
    const account = await t.db
      .selectFrom('account')
      .select(['id', 'display_name', 'disabled'])
      .where('id', '=', joined.json().accountId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ disabled: true, display_name: '已注销用户' });
    const row = await t.db
      .selectFrom('cases')
      .select(['description', 'reporter_account_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ description: '村口的路灯坏了三盏', reporter_account_id: account.id });
    const kase = (await v1('GET', `/cases/${id}`, county)).json();
    expect(kase.description).toBe('村口的路灯坏了三盏');
    expect(kase.reporterName).toBeNull();
    // and the public (Open311) view of it still shows what was reported
    const pub = await api('GET', `/open311/v2/requests/${number}.json?jurisdiction_id=211221`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()[0].description).toContain('村口的路灯坏了三盏');
    expect(pub.body).not.toContain('李要走');
  });
});
