import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../platform/calendar/work-calendar.js';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import {
  act,
  departmentAccount,
  departmentId,
  get,
  raise,
  type Headers,
} from '../../../test/kits/whistles.js';
import { sweepWhistles } from './sweep.js';

let t: TestApp;
const h: Record<string, Headers> = {};
let housing = 0;
let transport = 0;

beforeAll(async () => {
  t = await createTestApp();
  housing = await departmentId(t.db, 'county_housing_urban_rural');
  transport = await departmentId(t.db, 'county_transport');
  await departmentAccount(t.db, 'transport', 'county_transport');
  await departmentAccount(t.db, 'water', 'county_water_resources');
  for (const u of [
    'village',
    'township',
    'gridworker',
    'department',
    'transport',
    'water',
    'county',
    'zhangjia-village',
  ])
    h[u] = await signIn(t.app, u);
}, 180_000);
afterAll(async () => t?.close());

const body = (over: Record<string, unknown> = {}) => ({
  subject: '村道塌陷需鉴定',
  description: '主路雨后塌陷两米，请县里派人鉴定维修。',
  departmentId: housing,
  ...over,
});

const steps = async (id: number) =>
  Number(
    (
      await t.db
        .selectFrom('whistle_step')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('whistle_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the clock', () => {
  it('counts the department’s three working days on the county calendar (weekend skipped), one when urgent', async () => {
    t.clock.set('2025-01-10T10:00:00+08:00'); // a Friday
    const r = await raise(t.app, h.village!, body());
    expect(r.statusCode).toBe(201);
    expect(shanghaiDate(new Date(r.json().dueAt))).toBe('2025-01-15');
    const u = await raise(t.app, h.township!, body({ urgent: true }));
    expect(shanghaiDate(new Date(u.json().dueAt))).toBe('2025-01-13');
  });
});

describe('a department cannot return a request', () => {
  it('has no return; hand-on needs a reason and another department; refusals change nothing', async () => {
    t.clock.set('2025-03-03T09:00:00+08:00');
    const { id } = (await raise(t.app, h.village!, body())).json();
    const before = (await get(t.app, h.department!, id)).json();
    expect(before.actions).toEqual(['hand_on', 'answer']);
    const audits = await countRows(t.db, 'audit_log');

    expect((await act(t.app, h.department!, id, 'return', { reason: '不归我们管' })).statusCode).toBe(400);
    const noReason = await act(t.app, h.department!, id, 'hand_on', { departmentId: transport });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('WHISTLE_REASON_REQUIRED');
    const same = await act(t.app, h.department!, id, 'hand_on', {
      departmentId: housing,
      reason: '退回重报',
    });
    expect(same.json().error.code).toBe('WHISTLE_SAME_DEPARTMENT');
    const township = await departmentId(t.db, 'county_housing_urban_rural').then(async () =>
      t.db
        .selectFrom('department')
        .select('id')
        .where('county_code', '=', '211221')
        .where('tier', '=', 'township')
        .executeTakeFirstOrThrow(),
    );
    const toTownship = await act(t.app, h.department!, id, 'hand_on', {
      departmentId: township.id,
      reason: '镇里办',
    });
    expect(toTownship.json().error.code).toBe('WHISTLE_DEPARTMENT_NOT_FOUND');
    // the raising village cannot answer for the department; another department does not see it
    expect((await act(t.app, h.village!, id, 'answer', { answer: '自己答复' })).statusCode).toBe(403);
    expect((await act(t.app, h.water!, id, 'answer', { answer: '答复' })).statusCode).toBe(404);

    expect((await get(t.app, h.department!, id)).json().version).toBe(before.version);
    expect(await steps(id)).toBe(1);
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
  });

  it('hands on with a reason: the clock keeps running, the new department answers, the village confirms', async () => {
    t.clock.set('2025-03-03T09:00:00+08:00'); // a Monday
    const { id, dueAt } = (await raise(t.app, h.village!, body())).json();
    t.clock.set('2025-03-04T10:00:00+08:00');
    const handed = await act(t.app, h.department!, id, 'hand_on', {
      departmentId: transport,
      reason: '属农村公路养护，由交通运输局答复',
    });
    expect(handed.statusCode).toBe(200);
    expect(handed.json()).toMatchObject({ state: 'raised', departmentId: transport, dueAt });
    // the housing bureau still sees what it handed on, but may no longer act on it
    const seen = (await get(t.app, h.department!, id)).json();
    expect(seen.actions).toEqual([]);
    expect(seen.steps.map((s: { action: string }) => s.action)).toEqual(['raise', 'hand_on']);
    expect(seen.steps[1].note).toBe('属农村公路养护，由交通运输局答复');
    expect((await act(t.app, h.department!, id, 'answer', { answer: '已处理' })).statusCode).toBe(403);

    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/whistles?inbox=true',
      headers: h.transport!,
    });
    expect(inbox.json().items.map((w: { id: number }) => w.id)).toContain(id);
    t.clock.set('2025-03-05T10:00:00+08:00');
    const answered = await act(t.app, h.transport!, id, 'answer', { answer: '已安排养护站本周修复。' });
    expect(answered.json().state).toBe('answered');
    const confirmed = await act(t.app, h.village!, id, 'confirm', { comment: '已修好' });
    expect(confirmed.json().state).toBe('confirmed');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity_type', '=', 'whistle')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'whistle.raise',
      'whistle.hand_on',
      'whistle.answer',
      'whistle.confirm',
    ]);
    expect(audit[1]!.reason).toBe('属农村公路养护，由交通运输局答复');
    const told = await t.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.account_id')
      .select(['account.username', 'notification.kind'])
      .where('about_type', '=', 'whistle')
      .where('about_id', '=', id)
      .execute();
    expect(told).toEqual(
      expect.arrayContaining([
        { username: 'department', kind: 'whistle.raised' },
        { username: 'transport', kind: 'whistle.hand_on' },
        { username: 'village', kind: 'whistle.answer' },
      ]),
    );
  });

  it('reopens an answer that solved nothing: a new limit from now', async () => {
    t.clock.set('2025-03-10T09:00:00+08:00');
    const { id } = (await raise(t.app, h.township!, body())).json();
    await act(t.app, h.department!, id, 'answer', { answer: '已知悉。' });
    t.clock.set('2025-03-12T09:00:00+08:00');
    expect((await act(t.app, h.department!, id, 'confirm')).statusCode).toBe(403);
    const re = await act(t.app, h.township!, id, 'reopen', { reason: '答复未说明何时维修' });
    expect(re.json().state).toBe('raised');
    expect(shanghaiDate(new Date(re.json().dueAt))).toBe('2025-03-17');
    expect((await act(t.app, h.township!, id, 'reopen', { reason: '再次' })).statusCode).toBe(409);
  });
});

describe('the list', () => {
  it('puts what must be answered first (soonest due on top), then answered, then confirmed newest first', async () => {
    t.clock.set('2025-04-07T09:00:00+08:00'); // a Monday
    const closed = (await raise(t.app, h.village!, body({ subject: '已办结的旧请求' }))).json().id;
    await act(t.app, h.department!, closed, 'answer', { answer: '已处理完毕。' });
    await act(t.app, h.village!, closed, 'confirm', { comment: '满意' });
    t.clock.set('2025-04-08T09:00:00+08:00');
    const later = (await raise(t.app, h.village!, body({ subject: '新请求：普通' }))).json().id;
    const sooner = (await raise(t.app, h.village!, body({ subject: '新请求：紧急', urgent: true }))).json()
      .id;
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/whistles?limit=200',
      headers: h.village!,
    });
    expect(list.statusCode).toBe(200);
    const rows = list.json().items as { id: number; state: string }[];
    const at = (id: number) => rows.findIndex((w) => w.id === id);
    expect(at(sooner)).toBeGreaterThanOrEqual(0);
    expect(at(sooner)).toBeLessThan(at(later));
    expect(at(later)).toBeLessThan(at(closed));
    const states = rows.map((w) => w.state);
    // raised before answered before confirmed, all the way down
    const rank = (s: string) => ['raised', 'answered', 'confirmed'].indexOf(s);
    expect(states.map(rank)).toEqual([...states.map(rank)].sort((a, b) => a - b));
  });
});

describe('overdue escalation', () => {
  it('escalates once to the county centre, which directs it to a department with a new limit', async () => {
    t.clock.set('2025-04-01T09:00:00+08:00');
    const { id } = (await raise(t.app, h.village!, body())).json();
    t.clock.set('2025-04-10T09:00:00+08:00');
    expect((await get(t.app, h.village!, id)).json()).toMatchObject({ overdue: true, escalated: false });
    const first = await sweepWhistles(t.db, t.clock.now());
    expect(first?.escalated).toBeGreaterThanOrEqual(1);
    expect((await get(t.app, h.village!, id)).json()).toMatchObject({ escalated: true, state: 'raised' });
    const again = await sweepWhistles(t.db, t.clock.now());
    expect(again?.escalated).toBe(0);
    const notices = await t.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.account_id')
      .select('account.username')
      .where('about_type', '=', 'whistle')
      .where('about_id', '=', id)
      .where('kind', '=', 'whistle.overdue')
      .execute();
    expect(notices.map((n) => n.username)).toEqual(
      expect.arrayContaining(['county', 'department', 'village']),
    );

    expect((await get(t.app, h.county!, id)).json().actions).toEqual(['direct']);
    const directed = await act(t.app, h.county!, id, 'direct', {
      departmentId: transport,
      reason: '县中心指定',
    });
    expect(directed.json().departmentId).toBe(transport);
    expect(shanghaiDate(new Date(directed.json().dueAt))).toBe('2025-04-15');
    expect((await get(t.app, h.village!, id)).json()).toMatchObject({ escalated: false, overdue: false });
  });
});

describe('who raises and who sees', () => {
  it('a grid worker raises only an enterprise’s need; another county sees nothing', async () => {
    t.clock.set(new Date());
    const r = await raise(t.app, h.gridworker!, body());
    expect(r.json().error.code).toBe('WHISTLE_NOT_RAISER');
    const { id } = (await raise(t.app, h.village!, body())).json();
    expect((await get(t.app, h['zhangjia-village']!, id)).statusCode).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/whistles',
      headers: h['zhangjia-village']!,
    });
    expect(list.json().items.map((w: { id: number }) => w.id)).not.toContain(id);
    // a department of another county is not a department a whistle can go to
    const other = await t.db
      .selectFrom('department')
      .select('id')
      .where('county_code', '=', '211122')
      .where('tier', '=', 'county')
      .executeTakeFirstOrThrow();
    const before = await countRows(t.db, 'whistle');
    expect((await raise(t.app, h.village!, body({ departmentId: other.id }))).json().error.code).toBe(
      'WHISTLE_DEPARTMENT_NOT_FOUND',
    );
    expect(await countRows(t.db, 'whistle')).toBe(before);
  });

  it('an enterprise’s need is raised from its grid and followed by its helping cadre', async () => {
    const e = await t.db
      .selectFrom('enterprise as e')
      .innerJoin('enterprise_helper as hp', (j) =>
        j.onRef('hp.county_code', '=', 'e.county_code').onRef('hp.enterprise_id', '=', 'e.id'),
      )
      .innerJoin('cadre as c', (j) =>
        j.onRef('c.county_code', '=', 'hp.county_code').onRef('c.id', '=', 'hp.cadre_id'),
      )
      .select(['e.id', 'c.name'])
      .where('e.county_code', '=', '211221')
      .where('hp.ended_on', 'is', null)
      .orderBy('e.id')
      .executeTakeFirstOrThrow();
    const county = await raise(t.app, h.county!, body({ enterpriseId: e.id }));
    expect(county.statusCode).toBe(403);
    // the enterprise lies in the demo grid worker's grid (moved there for this test)
    const gw = await t.db
      .selectFrom('account as a')
      .innerJoin('region as r', 'r.code', 'a.scope_code')
      .select(['r.code', 'r.path'])
      .where('a.username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('enterprise')
      .set({ grid_code: gw.code, grid_path: gw.path })
      .where('county_code', '=', '211221')
      .where('id', '=', e.id)
      .execute();
    const mengqian = await signIn(t.app, 'mengqian'); // a grid worker of another county
    expect((await raise(t.app, mengqian, body({ enterpriseId: e.id }))).json().error.code).toBe(
      'WHISTLE_LINK_NOT_FOUND',
    );
    const res = await raise(t.app, h.gridworker!, body({ enterpriseId: e.id, subject: '企业用地审批' }));
    expect(res.statusCode).toBe(201);
    const w = (await get(t.app, h.gridworker!, res.json().id)).json();
    expect(w).toMatchObject({ kind: 'enterprise', enterpriseId: e.id, followCadreName: e.name });
  });
});

describe('departments compared', () => {
  it('counts answers on time, hand-ons and response hours per department', async () => {
    t.clock.set('2025-05-01T00:00:00+08:00');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/whistles/comparison?from=2025-03-01&to=2025-03-31',
      headers: h.county!,
    });
    expect(res.statusCode).toBe(200);
    const by = (id: number) => res.json().items.find((d: { departmentId: number }) => d.departmentId === id);
    expect(by(housing)).toMatchObject({ handedOn: 1 });
    expect(by(housing).received).toBeGreaterThanOrEqual(3);
    expect(by(transport)).toMatchObject({ received: 1, answered: 1, answeredOnTime: 1, onTimeRate: 100 });
    expect(by(transport).avgResponseHours).toBe(24);
  });
});
