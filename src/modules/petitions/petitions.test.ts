import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { warnPetitionLimits } from './sweep.js';

/**
 * The petition supermarket on the demo county (铁岭县): the windows as seed 000 has them, a visitor
 * received and followed through the statutory steps, the limits in calendar days, personal data
 * masked and its reveal audited, the village agency, scope and refusals that change nothing.
 */
let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'county',
    'township',
    'village',
    'gridworker',
    'department',
    'zhangjia-village',
    'panshan',
  ])
    h[u] = await signIn(t.app, u);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, payload });
const act = (who: string, id: number, action: string, body: object = {}) =>
  call(who, 'POST', `/petitions/${id}/actions/${action}`, body);
const visitor = { name: '王建国', idNumber: '211221195001011234', phone: '13904101234' };
const register = (who = 'county', more: object = {}) =>
  call(who, 'POST', '/petitions', { visitor, matter: '拖欠工资三个月未发，电话13904101234', ...more });
const tables = async () => ({
  petitions: await countRows(t.db, 'petition'),
  steps: await countRows(t.db, 'petition_history'),
  audit: await countRows(t.db, 'audit_log'),
  notices: await countRows(t.db, 'notification'),
});

describe('the windows (信访超市)', () => {
  it('the demo has 5 permanent, 5 weekly and 17 monthly windows, the rest on call', async () => {
    const r = await call('county', 'GET', '/petition-windows?date=2024-10-14');
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    const all = [...b.present, ...b.onCall, ...b.absent];
    const count = (s: string) => all.filter((w: { schedule: string }) => w.schedule === s).length;
    expect([count('permanent'), count('weekly'), count('monthly')]).toEqual([5, 5, 17]);
    expect(count('on_call')).toBeGreaterThan(0);
    // Monday 14 October: the 5 permanent, the Monday window (住建局) and the monthly window of the 14th
    expect(b.weekday).toBe(1);
    expect(b.present.map((w: { unitName: string }) => w.unitName)).toContain('铁岭县住房和城乡建设局');
    expect(b.present.filter((w: { schedule: string }) => w.schedule === 'monthly')).toHaveLength(1);
    expect(b.receiver.names.length).toBeGreaterThan(0);
    // the Monday window's staff: the department's account
    const zj = b.present.find((w: { unitName: string }) => w.unitName === '铁岭县住房和城乡建设局');
    expect(zj.staffNames.length).toBe(1);
    const tue = (await call('county', 'GET', `/petition-windows?date=2024-10-15&window=${zj.id}`)).json();
    expect(tue.present.map((w: { id: number }) => w.id)).not.toContain(zj.id);
    expect(tue.receiver.via).toBe('permanent_window');
  });

  it('an on-call unit is called when a visitor needs it, and someone receives them meanwhile', async () => {
    const board = (await call('county', 'GET', '/petition-windows')).json();
    const onCall = board.onCall[0];
    const dept = await t.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'department')
      .executeTakeFirstOrThrow();
    expect(
      (
        await call('county', 'PATCH', `/petition-windows/${onCall.id}`, {
          staffAccountId: dept.id,
        })
      ).statusCode,
    ).toBe(200);
    const before = await countRows(t.db, 'notification');
    const r = await register('county', { windowId: onCall.id });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().receiver.names.length).toBeGreaterThan(0);
    const called = await t.db
      .selectFrom('notification')
      .select(['kind', 'account_id'])
      .where('kind', '=', 'petition.call')
      .execute();
    expect(called.map((c) => Number(c.account_id))).toContain(dept.id);
    expect(await countRows(t.db, 'notification')).toBeGreaterThan(before);
  });

  it('a weekly window needs its weekday; bad schedules and other roles are refused', async () => {
    const before = await countRows(t.db, 'petition_window');
    expect(
      (await call('county', 'POST', '/petition-windows', { unitName: '县档案馆', schedule: 'weekly' })).json()
        .error.code,
    ).toBe('PETITION_WINDOW_SCHEDULE');
    expect(
      (
        await call('county', 'POST', '/petition-windows', {
          unitName: '县档案馆',
          schedule: 'on_call',
          monthDay: 3,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await call('village', 'POST', '/petition-windows', { unitName: '县档案馆', schedule: 'on_call' }))
        .statusCode,
    ).toBe(403);
    expect(await countRows(t.db, 'petition_window')).toBe(before);
    const ok = await call('county', 'POST', '/petition-windows', {
      unitName: '县档案馆',
      schedule: 'monthly',
      monthDay: 31,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const dup = await call('county', 'POST', '/petition-windows', {
      unitName: '县档案馆',
      schedule: 'on_call',
    });
    expect(dup.json().error.code).toBe('PETITION_WINDOW_DUPLICATE');
    const nov30 = (await call('county', 'GET', '/petition-windows?date=2024-11-30')).json();
    expect(nov30.present.map((w: { unitName: string }) => w.unitName)).toContain('县档案馆');
  });
});

describe('a visitor through the statutory steps', () => {
  it('registers with personal data encrypted, masked everywhere, and revealed only with a reason (audited)', async () => {
    t.clock.set('2024-09-28T10:00:00+08:00');
    const r = await register();
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    const row = await t.db.selectFrom('petition').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const stored = JSON.stringify({ ...row, visitor_name_enc: null, id_number_enc: null, phone_enc: null });
    expect(stored).not.toContain('王建国');
    expect(stored).not.toContain('211221195001011234');
    // the visitor's phone is stored only as ciphertext, hash and mask (the matter is their own words,
    // masked on every view)
    expect(stored.replace(row.matter, '')).not.toContain('13904101234');
    const seen = (await call('county', 'GET', `/petitions/${id}`)).json();
    expect(seen).toMatchObject({ visitorName: '王**', idNumber: '2****************4', phone: '139****1234' });
    expect(seen.matter).not.toContain('13904101234');
    // 15 calendar days to decide, National Day notwithstanding
    expect(seen.dueAt).toBe('2024-10-13T15:59:59.999Z');
    expect(seen.dueKind).toBe('decide');

    const audits = await countRows(t.db, 'audit_log');
    expect((await call('county', 'POST', `/petitions/${id}/reveal`, { fields: ['name'] })).statusCode).toBe(
      400,
    );
    expect(
      (
        await call('gridworker', 'POST', `/petitions/${id}/reveal`, {
          reason: '核实身份信息',
          fields: ['name'],
        })
      ).statusCode,
    ).toBe(403);
    expect(await countRows(t.db, 'audit_log')).toBe(audits);
    const shown = await call('county', 'POST', `/petitions/${id}/reveal`, {
      reason: '核实身份信息',
      fields: ['name', 'idNumber', 'phone'],
    });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['cache-control']).toContain('no-store');
    expect(shown.json()).toEqual({
      id,
      name: '王建国',
      idNumber: '211221195001011234',
      phone: '13904101234',
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'petition.reveal')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('核实身份信息');
    expect(JSON.stringify(audit)).not.toContain('211221195001011234');
  });

  it('accept → extend once (+30 at most) → answer → review within 30 days → re-review; every step in the history', async () => {
    t.clock.set('2024-09-28T10:00:00+08:00');
    const id = (await register()).json().id as number;
    expect((await act('county', id, 'request_review')).json().error.code).toBe('PETITION_ILLEGAL_TRANSITION');
    expect((await act('county', id, 'extend', { days: 10, reason: '需要核查' })).statusCode).toBe(409);
    t.clock.set('2024-10-02T09:00:00+08:00');
    const accepted = await act('county', id, 'accept', { note: '属于受理范围' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().dueAt).toBe('2024-12-01T15:59:59.999Z'); // 60 calendar days
    expect((await act('county', id, 'extend', { days: 31, reason: '需要核查' })).statusCode).toBe(400);
    expect((await act('county', id, 'extend', { days: 30 })).statusCode).toBe(400);
    const ext = await act('county', id, 'extend', { days: 30, reason: '涉及多个部门，需联合核查' });
    expect(ext.json().dueAt).toBe('2024-12-31T15:59:59.999Z');
    expect((await act('county', id, 'extend', { days: 5, reason: '再延长' })).json().error.code).toBe(
      'PETITION_ALREADY_EXTENDED',
    );
    t.clock.set('2024-12-20T09:00:00+08:00');
    const answered = await act('county', id, 'answer', { answer: '已督促用人单位支付工资' });
    expect(answered.json()).toMatchObject({ state: 'answered', dueAt: '2025-01-19T15:59:59.999Z' });
    t.clock.set('2025-01-19T20:00:00+08:00'); // the 30th day, late evening: still in time
    expect((await act('county', id, 'request_review', { note: '对处理意见不服' })).json().state).toBe(
      'review_requested',
    );
    t.clock.set('2025-02-10T09:00:00+08:00');
    const reviewed = await act('county', id, 'decide_review', { answer: '维持原处理意见' });
    expect(reviewed.json()).toMatchObject({ state: 'reviewed', dueAt: '2025-03-12T15:59:59.999Z' });
    t.clock.set('2025-03-13T08:00:00+08:00'); // the 31st day: too late for a re-review
    const before = await tables();
    expect((await act('county', id, 'request_rereview')).json().error.code).toBe('PETITION_REQUEST_TOO_LATE');
    expect(await tables()).toEqual(before);
    const d = (await call('county', 'GET', `/petitions/${id}`)).json();
    expect(d.history.map((s: { action: string }) => s.action)).toEqual([
      'register',
      'accept',
      'extend',
      'answer',
      'request_review',
      'decide_review',
    ]);
    expect(d.extendedDays).toBe(30);
  });

  it('a group visit carries its headcount; a single visit is one person; bad input changes nothing', async () => {
    const before = await tables();
    for (const bad of [
      { groupVisit: true, headcount: 1 },
      { groupVisit: false, headcount: 3 },
    ])
      expect((await register('county', bad)).json().error.code).toBe('PETITION_HEADCOUNT');
    for (const bad of [
      { visitor: { ...visitor, idNumber: '２１１２２１１９５００１０１１２３４' } },
      { visitor: { ...visitor, phone: 'abc' } },
      { matter: 'x\u0000y' },
      { regionCode: '211122' },
      { windowId: 99999999 },
    ])
      expect((await register('county', bad)).statusCode).toBeGreaterThanOrEqual(400);
    expect(await tables()).toEqual(before);
    const group = await register('county', { groupVisit: true, headcount: 6 });
    expect(group.statusCode).toBe(201);
    expect((await call('county', 'GET', `/petitions/${group.json().id}`)).json()).toMatchObject({
      groupVisit: true,
      headcount: 6,
    });
  });

  it('a matter turned into a case: the case is made by the cases module, source petition, in the same step', async () => {
    t.clock.set(new Date());
    const id = (await register()).json().id as number;
    const grid = await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const r = await act('county', id, 'to_case', { categoryCode: 'E0102', gridCode: grid.scope_code });
    expect(r.statusCode, r.body).toBe(200);
    const c = await t.db
      .selectFrom('cases')
      .select(['source', 'description', 'tier'])
      .where('id', '=', r.json().caseId)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ source: 'petition', tier: 'county' });
    // a category that does not exist: the step and the case roll back together
    const id2 = (await register()).json().id as number;
    const before = await countRows(t.db, 'cases');
    expect(
      (await act('county', id2, 'to_case', { categoryCode: 'E9999', gridCode: grid.scope_code })).statusCode,
    ).toBe(400);
    expect(await countRows(t.db, 'cases')).toBe(before);
    expect((await call('county', 'GET', `/petitions/${id2}`)).json().state).toBe('registered');
  });

  it('referred to the proper channel (诉访分离) or turned into a dispute', async () => {
    const a = (await register()).json().id as number;
    expect(
      (
        await act('county', a, 'refer', { channel: 'litigation', note: '属于诉讼范围，引导至法院起诉' })
      ).json().state,
    ).toBe('referred');
  });

  it('to_dispute makes the dispute through the disputes module in the same step; each links to the other', async () => {
    t.clock.set(new Date());
    const grid = (
      await t.db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', 'gridworker')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const village = grid.slice(0, 12);
    const b = (await register('county', { regionCode: village })).json().id as number;
    // a grid outside the petition's village: 404, nothing made, the petition unchanged
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'grid')
      .where('code', 'not like', `${village}%`)
      .executeTakeFirstOrThrow();
    const disputes = await countRows(t.db, 'dispute');
    expect((await act('county', b, 'to_dispute', { type: 'labour', gridCode: other.code })).statusCode).toBe(
      404,
    );
    expect(await countRows(t.db, 'dispute')).toBe(disputes);
    expect((await call('county', 'GET', `/petitions/${b}`)).json().state).toBe('registered');
    // an unknown type: 400
    expect((await act('county', b, 'to_dispute', { type: 'weather', gridCode: grid })).statusCode).toBe(400);

    const r = await act('county', b, 'to_dispute', { type: 'labour', gridCode: grid, note: '转村调解' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('to_dispute');
    const disputeId = r.json().disputeId as number;
    expect(disputeId).toBeGreaterThan(0);
    expect(await countRows(t.db, 'dispute')).toBe(disputes + 1);
    const seen = await call('county', 'GET', `/petitions/${b}`);
    expect(seen.json().disputeId, seen.body).toBe(disputeId);
    const d = await call('county', 'GET', `/disputes/${disputeId}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      type: 'labour',
      gridCode: grid,
      tier: 'village',
      riskSigns: ['petition_risk'],
      petitionId: b,
      petitionNumber: seen.json().number,
    });
    expect(d.json().parties).toEqual([
      expect.objectContaining({ side: 'applicant', name: visitor.name, phoneMasked: '139****1234' }),
    ]);
    // the foreign key holds: a petition cannot point at a dispute that does not exist
    await expect(
      t.db.updateTable('petition').set({ dispute_id: 999_999_999 }).where('id', '=', b).execute(),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('windows on public holidays', () => {
  it('on National Day (2024-10-01, a Tuesday) only the permanent windows sit and someone still receives', async () => {
    const hol = (await call('county', 'GET', '/petition-windows?date=2024-10-01')).json();
    expect(hol.holiday).not.toBeNull();
    expect(hol.present.length).toBe(5);
    expect(hol.present.every((w: { schedule: string }) => w.schedule === 'permanent')).toBe(true);
    expect(hol.receiver.names.length).toBeGreaterThan(0);
    // the next Tuesday, a working day: the Tuesday window is back
    const work = (await call('county', 'GET', '/petition-windows?date=2024-10-08')).json();
    expect(work.holiday).toBeNull();
    const tuesday = work.present.filter((w: { schedule: string }) => w.schedule === 'weekly');
    expect(tuesday.length).toBe(1);
    expect(hol.absent.map((w: { id: number }) => w.id)).toContain(tuesday[0].id);
  });
});

describe('petition notices', () => {
  it('carry what they are about, so the inbox opens the petition', async () => {
    t.clock.set(new Date());
    const id = (await register('village')).json().id as number;
    // the township centre over the village decides on an agency registration and is told so
    const inbox = await call('township', 'GET', '/inbox?limit=50');
    expect(inbox.statusCode, inbox.body).toBe(200);
    const n = inbox
      .json()
      .items.find((x: { kind: string; about: { id: number } | null }) => x.about?.id === id);
    expect(n, inbox.body).toMatchObject({ kind: 'petition.registered', about: { type: 'petition', id } });
    // and the township's step tells the village staff who registered it, about the same petition
    expect((await act('township', id, 'accept')).statusCode).toBe(200);
    const back = (await call('village', 'GET', '/inbox?limit=50')).json().items;
    expect(back.find((x: { kind: string }) => x.kind === 'petition.accept')).toMatchObject({
      about: { type: 'petition', id },
    });
    // the constraint admits a petition and still refuses a type nobody shows
    await expect(
      t.db.updateTable('notification').set({ about_type: 'nonsense' }).where('about_id', '=', id).execute(),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('village agency (信访代理), scope and warnings', () => {
  it('village staff register for a villager and follow it; the township decides; others are refused', async () => {
    t.clock.set(new Date());
    const r = await register('village');
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as number;
    const p = (await call('village', 'GET', `/petitions/${id}`)).json();
    expect(p.channel).toBe('agency');
    expect(p.actions).toEqual([]);
    expect((await act('village', id, 'accept')).statusCode).toBe(403);
    expect((await act('gridworker', id, 'accept')).statusCode).toBe(403);
    expect((await act('zhangjia-village', id, 'accept')).statusCode).toBe(404);
    expect((await call('panshan', 'GET', `/petitions/${id}`)).statusCode).toBe(404);
    expect(
      (await call('panshan', 'POST', `/petitions/${id}/reveal`, { reason: '核实身份信息', fields: ['name'] }))
        .statusCode,
    ).toBe(404);
    expect((await act('township', id, 'accept')).statusCode).toBe(200);
    expect((await act('township', id, 'answer', { answer: '已协调解决' })).statusCode).toBe(200);
    // the agent passes on the villager's request for review
    expect((await act('village', id, 'request_review', { note: '村民不满意' })).json().state).toBe(
      'review_requested',
    );
    expect(
      (await call('village', 'POST', '/petitions', { visitor, matter: '某事', windowId: 1 })).json().error
        .code,
    ).toBe('PETITION_WINDOW_NOT_FOUND');
  });

  it('warns before the decision limit once, and once more when it has passed', async () => {
    t.clock.set('2030-03-01T09:00:00+08:00');
    const id = (await register()).json().id as number;
    await warnPetitionLimits(t.db, new Date('2030-03-02T09:00:00+08:00'));
    const number = (await call('county', 'GET', `/petitions/${id}`)).json().number as string;
    const mine = async () =>
      (
        await t.db.selectFrom('notification').select('kind').where('title', 'like', `%${number}%`).execute()
      ).map((n) => n.kind);
    expect(await mine()).not.toContain('petition.due_soon');
    await warnPetitionLimits(t.db, new Date('2030-03-14T09:00:00+08:00'));
    const soon = (await mine()).filter((k) => k === 'petition.due_soon').length;
    expect(soon).toBeGreaterThan(0);
    await warnPetitionLimits(t.db, new Date('2030-03-14T10:00:00+08:00'));
    expect((await mine()).filter((k) => k === 'petition.due_soon').length).toBe(soon);
    await warnPetitionLimits(t.db, new Date('2030-03-17T10:00:00+08:00'));
    expect(await mine()).toContain('petition.overdue');
  });

  it('counts for any scope and period: the demo has 70+ visitors received and 60+ solved', async () => {
    const all = (await call('county', 'GET', '/petitions/stats?to=2029-12-31')).json();
    expect(all.visitors).toBeGreaterThanOrEqual(70);
    expect(all.solved).toBeGreaterThanOrEqual(60);
    const none = (await call('county', 'GET', '/petitions/stats?from=2001-01-01&to=2001-12-31')).json();
    expect(none).toMatchObject({ registrations: 0, visitors: 0, solved: 0 });
    expect((await call('township', 'GET', '/petitions/stats?within=211122')).statusCode).toBe(404);
    expect((await call('gridworker', 'GET', '/petitions/stats')).statusCode).toBe(403);
  });
});
