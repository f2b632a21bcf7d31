import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOn, jpeg, pointInGrid, upload } from '../../../test/fixtures.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

type H = { authorization: string };
type Step = {
  action: string;
  actorName: string | null;
  actorRole: string | null;
  departmentName: string | null;
  note: string | null;
  onTime: boolean | null;
  deadlineAt: string | null;
  photoIds: string[];
  tier: string;
  mine: boolean;
};

let t: TestApp;
let reporter: H, gw: H, township: H, office: H, neighbour: H;
let id: number;
let after: string;

const get = async (h: H) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: h });
  return { status: res.statusCode, body: res.json() };
};
const step = (history: Step[], action: string) => history.find((h) => h.action === action)!;
const ok = async (h: H, action: string, body: object = {}) => {
  const res = await actOn(t.app, h, id, action, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
};

beforeAll(async () => {
  t = await createTestApp();
  reporter = await signIn(t.app, 'resident');
  gw = await signIn(t.app, 'gridworker');
  township = await signIn(t.app, 'township');
  office = await signIn(t.app, 'township-cgb');
  const admin = await signIn(t.app, 'admin');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: reporter })).json();
  const made = await t.app.inject({
    method: 'POST',
    url: '/api/v1/accounts',
    headers: admin,
    payload: {
      username: 'another-villager',
      displayName: '邻居',
      password: 'a-long-password',
      role: 'resident',
      scopeCode: me.scope.code,
    },
  });
  expect(made.statusCode).toBe(201);
  neighbour = await signIn(t.app, 'another-villager', 'a-long-password');

  const at = await pointInGrid(t.db, me.scope.code);
  id = (
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: reporter,
      payload: { categoryCode: 'E0102', description: '路边垃圾没人清', lat: at.lat, lng: at.lng },
    })
  ).json().id;
  await ok(gw, 'escalate', { note: '需镇里协调，村主任电话 139 0000 1111' });
  const depts = (
    await t.app.inject({ method: 'GET', url: '/api/v1/departments?tier=township', headers: township })
  ).json().items;
  const cgb = depts.find((d: { code: string }) => d.code === 'urban_management_office');
  await ok(township, 'dispatch', { departmentId: cgb.id, note: '城管办三日内处理，办结报中心' });
  await ok(office, 'accept');
  after = await upload(t.app, office, await jpeg('#9a9a9a'));
  await ok(office, 'handle', { note: '已清运', photoIds: [after] });
  await ok(township, 'close', { note: '核查属实，已清运完毕' });
  await ok(reporter, 'evaluate', { evaluation: 'satisfied', note: '谢谢' });
}, 120_000);
afterAll(() => t.close());

describe('the citizen’s case view', () => {
  it('gives the reporter the steps, times, public replies and photos — no internal notes, no staff', async () => {
    const { status, body } = await get(reporter);
    expect(status).toBe(200);
    const h = body.history as Step[];
    expect(h.map((s) => s.action)).toEqual([
      'report',
      'escalate',
      'dispatch',
      'accept',
      'handle',
      'close',
      'evaluate',
    ]);
    expect(step(h, 'escalate').note).toBeNull();
    expect(step(h, 'dispatch').note).toBeNull();
    expect(step(h, 'handle')).toMatchObject({ note: '已清运', photoIds: [after], tier: 'township' });
    expect(step(h, 'close').note).toBe('核查属实，已清运完毕');
    for (const s of h.filter((x) => !['report', 'evaluate'].includes(x.action))) {
      expect(s).toMatchObject({ actorName: null, actorRole: null, departmentName: null, mine: false });
      expect(s).toMatchObject({ onTime: null, deadlineAt: null });
    }
    expect(step(h, 'report').mine).toBe(true);
    expect(step(h, 'evaluate')).toMatchObject({ mine: true, note: '谢谢' });
    expect(body.departmentName).toBeNull();
    expect(body.departmentId).toBeNull();
    expect(body.evaluatedByMe).toBe(true);
    expect(JSON.stringify(body)).not.toMatch(/城管办三日内|139 0000|城市管理办公室/);
  });

  it('gives staff the whole story, crediting each step to whoever took it', async () => {
    const { body } = await get(township);
    const h = body.history as Step[];
    expect(step(h, 'escalate').note).toContain('需镇里协调');
    expect(step(h, 'dispatch')).toMatchObject({
      note: '城管办三日内处理，办结报中心',
      departmentName: expect.stringContaining('城市管理办公室'),
    });
    expect(step(h, 'handle').departmentName).toEqual(expect.stringContaining('城市管理办公室'));
    // the centre closed it; the resident rated it: neither is the office's step
    expect(step(h, 'close')).toMatchObject({ actorRole: 'township_centre', departmentName: null });
    expect(step(h, 'evaluate')).toMatchObject({ actorRole: 'resident', departmentName: null, mine: false });
    expect(step(h, 'close').mine).toBe(true);
    expect(body.evaluation).toBe('satisfied');
    expect(body.evaluatedByMe).toBe(false);
    expect((await get(gw)).body.evaluatedByMe).toBe(false);
  });

  it('shows another resident nothing', async () => {
    expect((await get(neighbour)).status).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: neighbour });
    expect(list.json().items.map((c: { id: number }) => c.id)).not.toContain(id);
  });
});

describe('the reporter’s notifications', () => {
  it('carry the public replies of the steps, never the internal orders between offices', async () => {
    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/inbox?limit=200', headers: reporter })
    ).json().items as { caseId: number | null; kind: string; body: string | null }[];
    const mine = inbox.filter((n) => n.caseId === id);
    const body = (kind: string) => mine.find((n) => n.kind === kind)?.body ?? null;
    // told of every step, but an escalation's reason and a dispatch order stay inside
    expect(mine.map((n) => n.kind)).toEqual(expect.arrayContaining(['case.escalate', 'case.dispatch']));
    expect(body('case.escalate')).toBeNull();
    expect(body('case.dispatch')).toBeNull();
    expect(mine.every((n) => !/139|城管办三日内/.test(n.body ?? ''))).toBe(true);
    // the handling result and the closing words are replies to the reporter
    expect(body('case.handle')).toBe('已清运');
    expect(body('case.close')).toBe('核查属实，已清运完毕');
    // staff still read the order they were given
    const officeInbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/inbox?limit=200', headers: office })
    ).json().items as { caseId: number | null; kind: string; body: string | null }[];
    expect(officeInbox.find((n) => n.caseId === id && n.kind === 'case.dispatch')?.body).toBe(
      '城管办三日内处理，办结报中心',
    );
  });
});
