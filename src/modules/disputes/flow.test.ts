/**
 * J2 and J6 on the real app: a village's daily screening finds disputes; the village must settle
 * the same day or the sweep passes the dispute to the township; the township centre assigns a lead
 * office with an assisting one, mediates with a record sheet, the lead office settles it, the
 * village follows up; another dispute goes on to the county, which assigns a county department.
 * The day's report, the rhythm board and the refusals are checked on this fixed data (2023, a
 * year the demo history does not reach).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { jpeg, upload } from '../../../test/fixtures.js';
import { sweepDisputes } from './sweep.js';

let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
let village: string;
let township: string;
let grid: string;
beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'village',
    'gridworker',
    'township',
    'county',
    'department',
    'township-cgb',
    'zhangjia-village',
  ])
    h[u] = await signIn(t.app, u);
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h.gridworker })).json();
  grid = me.scope.code;
  village = grid.slice(0, 12);
  township = grid.slice(0, 9);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, ...(payload ? { payload } : {}) });
const must = async (status: number, who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const r = await call(who, method, url, payload);
  expect(r.statusCode, `${who} ${method} ${url}: ${r.body}`).toBe(status);
  return r.json();
};
const code = async (who: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const r = await call(who, method, url, payload);
  return [r.statusCode, r.json().error?.code];
};
const sweep = () => sweepDisputes({ db: t.db, calendar: t.ctx.calendar, now: t.clock.now });
const dispute = (id: number) => must(200, 'village', 'GET', `/disputes/${id}`);

const REQ = '5f2c1a8e-4b1d-4c2a-9e61-0d3b7a2f9c11';

describe('daily screening, same-day limit, lead and assisting offices, mediation, follow-up', () => {
  let first: number;
  let second: number;

  it('files the day’s screening once per village, idempotently', async () => {
    // Wednesday 2023-03-15 09:30 Beijing
    t.clock.set('2023-03-15T09:30:00+08:00');
    const resident = await t.db
      .selectFrom('resident')
      .select('id')
      .where('grid_code', '=', grid)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const body = {
      nothingFound: false,
      clientRequestId: REQ,
      disputes: [
        {
          type: 'land_homestead',
          summary: '宅基地边界争议，邻居翻建院墙占地',
          amountYuan: 5000,
          riskLevel: 'medium',
          riskSigns: ['petition_risk'],
          gridCode: grid,
          parties: [
            { side: 'applicant', residentId: resident.id },
            { side: 'respondent', name: '外村人老赵', phone: '13912345678' },
          ],
        },
        {
          type: 'labour',
          summary: '务工人员被拖欠工资',
          riskLevel: 'high',
          riskSigns: ['crowd_gathering'],
          gridCode: grid,
          parties: [{ side: 'applicant', name: '李师傅' }],
        },
      ],
    };
    const made = await must(201, 'village', 'POST', '/disputes/screenings', body);
    expect(made).toMatchObject({ day: '2023-03-15', villageCode: village, found: 2 });
    [first, second] = made.disputeIds;
    // the same request again: the same screening, nothing new
    const disputes = await countRows(t.db, 'dispute');
    expect(await must(200, 'village', 'POST', '/disputes/screenings', body)).toEqual(made);
    expect(await countRows(t.db, 'dispute')).toBe(disputes);
    // another report of the same village today (the grid worker's too) is refused
    expect(await code('gridworker', 'POST', '/disputes/screenings', { nothingFound: true })).toEqual([
      409,
      'DISPUTE_SCREENING_EXISTS',
    ]);
    // "nothing found" with disputes listed is bad input
    expect(
      await code('village', 'POST', '/disputes/screenings', { nothingFound: true, disputes: body.disputes }),
    ).toEqual([400, 'DISPUTE_SCREENING_EMPTY']);
    const d = await dispute(first!);
    expect(d).toMatchObject({ tier: 'village', state: 'open', riskLevel: 'medium', amountYuan: 5000 });
    expect(d.parties[1]).toMatchObject({ name: '外村人老赵', phoneMasked: '139****5678' });
    expect(JSON.stringify(d)).not.toContain('13912345678');
    expect(new Date(d.deadlineAt).toISOString()).toBe('2023-03-15T09:30:00.000Z'); // 17:30 Beijing
  });

  it('the village settles the same day or the sweep passes it to the township', async () => {
    t.clock.set('2023-03-15T17:00:00+08:00');
    expect(await sweep()).toEqual({ escalated: 0, markedOverdue: 0 });
    t.clock.set('2023-03-15T17:31:00+08:00');
    expect(await sweep()).toEqual({ escalated: 2, markedOverdue: 0 });
    const d = await dispute(first);
    expect(d).toMatchObject({ tier: 'township', state: 'open', holderCode: township });
    expect(d.history.map((s: { action: string }) => s.action)).toEqual(['report', 'auto_escalate']);
    // township deadline: 3 working days (the three-tier rules)
    expect(new Date(d.deadlineAt) > new Date('2023-03-20T00:00:00+08:00')).toBe(true);
    // the village no longer holds it
    expect(
      await code('village', 'POST', `/disputes/${first}/actions/settle`, { agreement: '双方和解' }),
    ).toEqual([403, 'DISPUTE_NOT_YOUR_TIER']);
  });

  it('the township centre assigns a lead office and an assisting one; the lead office settles after mediation', async () => {
    t.clock.set('2023-03-16T09:00:00+08:00');
    const lead = await t.db
      .selectFrom('account')
      .select('department_id')
      .where('username', '=', 'township-cgb')
      .executeTakeFirstOrThrow();
    const other = await t.db
      .selectFrom('department')
      .select('id')
      .where('region_code', '=', township)
      .where('id', '<>', lead.department_id!)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const countyDept = await t.db
      .selectFrom('account')
      .select('department_id')
      .where('username', '=', 'department')
      .executeTakeFirstOrThrow();
    const url = `/disputes/${first}/actions/assign`;
    // a county bureau is not a township office
    expect(await code('township', 'POST', url, { leadDepartmentId: countyDept.department_id })).toEqual([
      400,
      'DISPUTE_DEPARTMENT_INVALID',
    ]);
    expect(await code('village', 'POST', url, { leadDepartmentId: lead.department_id })).toEqual([
      403,
      'FORBIDDEN',
    ]);
    await must(200, 'township', 'POST', url, {
      leadDepartmentId: lead.department_id,
      assistingDepartmentIds: [other.id],
    });
    const d = await dispute(first);
    expect(d.state).toBe('assigned');
    expect(d.leadDepartment.id).toBe(lead.department_id);
    expect(d.assistingDepartments.map((x: { id: number }) => x.id)).toEqual([other.id]);
    // the lead office sees it and may settle; a county bureau does not see it
    expect((await must(200, 'township-cgb', 'GET', `/disputes/${first}`)).actions).toEqual(
      expect.arrayContaining(['settle', 'fail']),
    );
    expect(await code('department', 'GET', `/disputes/${first}`)).toEqual([404, 'NOT_FOUND']);

    // the mediation: a record sheet at the township centre, with the signed paper
    const place = await t.db
      .selectFrom('mediation_place')
      .select('id')
      .where('region_code', '=', township)
      .where('kind', '=', 'township_centre')
      .executeTakeFirstOrThrow();
    const mediator = await t.db
      .selectFrom('mediator')
      .select('id')
      .where('region_code', '=', township)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const photo = await upload(t.app, h.township!, await jpeg());
    const sheet = {
      heldOn: '2023-03-16',
      placeId: place.id,
      partiesPresent: '申请人、被申请人',
      mediatorIds: [mediator.id],
      facts: '被申请人翻建院墙，越过原界址约半米。',
      applicantClaim: '恢复原界址',
      respondentClaim: '愿意退让，但要求对方分担拆墙费用',
      outcome: 'agreed',
      photoIds: [photo],
    };
    expect(
      await code('township', 'POST', `/disputes/${first}/sessions`, { ...sheet, agreement: undefined }),
    ).toEqual([400, 'MEDIATION_OUTCOME_TEXT']);
    const s = await must(201, 'township', 'POST', `/disputes/${first}/sessions`, {
      ...sheet,
      agreement: '按确权图恢复界址，拆墙费用双方各半',
    });
    const printed = await must(200, 'village', 'GET', `/mediation/sessions/${s.id}`);
    expect(printed).toMatchObject({ outcome: 'agreed', place: { kind: 'township_centre' }, remote: false });
    expect(printed.photos).toHaveLength(1);
    // the village sees the photo of the signed paper; another county does not
    expect(
      (await t.app.inject({ method: 'GET', url: printed.photos[0].url, headers: h.village })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: printed.photos[0].url, headers: h['zhangjia-village'] }))
        .statusCode,
    ).toBe(404);

    t.clock.set('2023-03-16T15:00:00+08:00');
    await must(200, 'township-cgb', 'POST', `/disputes/${first}/actions/settle`, {
      agreement: '按确权图恢复界址，拆墙费用双方各半',
      sessionId: s.id,
    });
    const settled = await dispute(first);
    expect(settled).toMatchObject({ state: 'settled', followUpDue: '2023-03-31' });
  });

  it('the village follows up: the agreement held, the dispute is closed', async () => {
    t.clock.set('2023-03-30T10:00:00+08:00');
    expect(
      await code('department', 'POST', `/disputes/${first}/actions/follow_up`, {
        held: true,
        note: '已履行',
      }),
    ).toEqual([404, 'NOT_FOUND']);
    await must(200, 'village', 'POST', `/disputes/${first}/actions/follow_up`, {
      held: true,
      note: '回访，院墙已退回原界址',
    });
    const d = await dispute(first);
    expect(d.state).toBe('closed');
    expect(d.history.map((s: { action: string }) => s.action)).toEqual([
      'report',
      'auto_escalate',
      'assign',
      'settle',
      'follow_up',
    ]);
  });

  it('a matter needing a county department: the township reports it up, the county assigns the department', async () => {
    t.clock.set('2023-03-16T10:00:00+08:00');
    await must(200, 'township', 'POST', `/disputes/${second}/actions/escalate`, {
      reason: '涉及劳动保障监察，需县直部门',
    });
    const dept = await t.db
      .selectFrom('account')
      .select('department_id')
      .where('username', '=', 'department')
      .executeTakeFirstOrThrow();
    expect(
      await code('county', 'POST', `/disputes/${second}/actions/escalate`, { reason: '再上报' }),
    ).toEqual([409, 'DISPUTE_TOP_TIER']);
    await must(200, 'county', 'POST', `/disputes/${second}/actions/assign`, {
      leadDepartmentId: dept.department_id,
    });
    await must(200, 'department', 'POST', `/disputes/${second}/actions/settle`, {
      agreement: '责令包工头三日内付清工资',
    });
    expect((await dispute(second)).state).toBe('settled');
  });

  it('another village’s dispute is out of sight (404), as is another county’s', async () => {
    const otherVillage = await t.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', township)
      .where('code', '<>', village)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const admin = await signIn(t.app, 'admin');
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: admin,
      payload: {
        username: 'other-village',
        displayName: '邻村干部',
        password: 'other-village-1',
        role: 'village_staff',
        scopeCode: otherVillage.code,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    h['other-village'] = await signIn(t.app, 'other-village', 'other-village-1');
    expect(await code('other-village', 'GET', `/disputes/${first}`)).toEqual([404, 'NOT_FOUND']);
    expect(await code('zhangjia-village', 'GET', `/disputes/${first}`)).toEqual([404, 'NOT_FOUND']);
    expect(
      await code('other-village', 'POST', `/disputes/${first}/actions/follow_up`, {
        held: true,
        note: '看看',
      }),
    ).toEqual([404, 'NOT_FOUND']);
  });
});

describe('reports and the rhythm board on the fixed data set', () => {
  it('the day’s report of the village counts found, escalated, overdue, open', async () => {
    const r = await must(
      200,
      'township',
      'GET',
      `/disputes/reports?within=${village}&period=day&date=2023-03-15`,
    );
    expect(r).toMatchObject({
      start: '2023-03-15',
      end: '2023-03-16',
      screeningsFiled: 1,
      nothingFound: 0,
      issuedAt: null,
    });
    expect([r.found.count, r.settled.count, r.escalated.count, r.overdue.count, r.open.count]).toEqual([
      2, 0, 2, 2, 2,
    ]);
    const w = await must(
      200,
      'township',
      'GET',
      `/disputes/reports?within=${township}&period=week&date=2023-03-15`,
    );
    // week of Monday 13 March: both found, both settled (16 March), one escalated by hand too
    expect([w.found.count, w.settled.count, w.escalated.count, w.overdue.count, w.open.count]).toEqual([
      2, 2, 2, 2, 0,
    ]);
  });

  it('a village without the day’s screening is flagged for the township; a township without its weekly report for the county', async () => {
    const board = await must(200, 'county', 'GET', `/disputes/rhythm?within=${township}&date=2023-03-15`);
    const mine = board.villages.find((v: { code: string }) => v.code === village);
    expect(mine).toMatchObject({ reported: true, found: 2 });
    const missing = board.villages.filter((v: { reported: boolean }) => !v.reported);
    expect(missing.length).toBe(board.villages.length - 1);
    expect(board.townships).toEqual([
      expect.objectContaining({ code: township, weekReported: false, villagesMissing: missing.length }),
    ]);
    // the township issues its weekly report (figures computed), once
    t.clock.set('2023-03-17T16:00:00+08:00');
    const issued = await must(201, 'township', 'POST', '/disputes/reports', { period: 'week' });
    expect(issued).toMatchObject({ start: '2023-03-13', figures: { found: 2, settled: 2 } });
    expect(await code('township', 'POST', '/disputes/reports', { period: 'week' })).toEqual([
      409,
      'DISPUTE_REPORT_EXISTS',
    ]);
    expect(await code('township', 'POST', '/disputes/reports', { period: 'month' })).toEqual([
      400,
      'DISPUTE_PERIOD_INVALID',
    ]);
    const after = await must(200, 'county', 'GET', `/disputes/rhythm?within=${township}&date=2023-03-15`);
    expect(after.townships[0].weekReported).toBe(true);
  });

  it('bad input changes nothing', async () => {
    const before = await countRows(t.db, 'dispute');
    for (const [url, body] of [
      [
        '/disputes/screenings',
        { nothingFound: false, disputes: [{ type: 'x', summary: '吵架', riskLevel: 'low', parties: [] }] },
      ],
      [
        '/disputes',
        {
          type: 'neighbour',
          summary: '吵架\u0000',
          riskLevel: 'low',
          parties: [{ side: 'applicant', name: '甲' }],
        },
      ],
      [
        '/disputes',
        {
          type: 'neighbour',
          summary: '吵架',
          riskLevel: 'low',
          gridCode: '２１１２２１',
          parties: [{ side: 'applicant', name: '甲' }],
        },
      ],
    ] as const)
      expect((await call('gridworker', 'POST', url, body)).statusCode).toBe(400);
    // a grid of another county, a household out of scope: 404, nothing made
    expect(
      await code('gridworker', 'POST', '/disputes', {
        type: 'neighbour',
        summary: '吵架',
        riskLevel: 'low',
        gridCode: '211122001001001',
        parties: [{ side: 'applicant', name: '甲' }],
      }),
    ).toEqual([404, 'NOT_FOUND']);
    expect(await code('gridworker', 'GET', '/disputes?within=211122')).toEqual([404, 'NOT_FOUND']);
    expect(await countRows(t.db, 'dispute')).toBe(before);
  });
});
