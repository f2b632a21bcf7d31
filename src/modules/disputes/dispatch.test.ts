/**
 * 周调度 / 月调度 on the real app: the township centre records its weekly dispatch meeting with the
 * disputes dispatched and their decisions, the county its monthly one; one per period; the rhythm
 * board flags the tiers whose meeting is missing; the list ties each meeting to the report of the
 * same period; refusals (tier, future date, out-of-scope dispute, bad input) change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, signIn, type TestApp } from '../../../test/helpers.js';

let t: TestApp;
type H = { authorization: string };
const h: Record<string, H> = {};
let grid: string;
let township: string;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
beforeAll(async () => {
  t = await createTestApp();
  for (const u of [
    'village',
    'gridworker',
    'township',
    'county',
    'department',
    'zhangjia-village',
    'taiping',
  ])
    h[u] = await signIn(t.app, u);
  grid = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h.gridworker })).json().scope.code;
  township = grid.slice(0, 9);
});
afterAll(() => t.close());

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: h[who]!, ...(payload ? { payload } : {}) });

const dispute = async (who: string, gridCode: string) => {
  const r = await call(who, 'POST', '/disputes', {
    type: 'land_homestead',
    summary: '承包地边界争议',
    riskLevel: 'medium',
    gridCode,
    parties: [{ side: 'applicant', name: '甲' }],
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
};

describe('dispatch meetings (周调度 / 月调度)', () => {
  it('the township records its weekly meeting once; the board and the list show it', async () => {
    t.clock.set(new Date());
    const id = await dispute('village', grid);
    const board0 = (await call('county', 'GET', '/disputes/rhythm')).json();
    expect(board0.townships.find((x: { code: string }) => x.code === township).weekDispatched).toBe(false);

    const body = {
      period: 'week',
      heldOn: today(),
      chair: '党委副书记 王某',
      attendees: '综治中心、司法所、派出所、信访办、村书记',
      notes: '本周纠纷逐件过堂',
      items: [
        { disputeId: id, assignee: '司法所牵头，派出所配合', decision: '三日内入户调解', dueOn: today() },
      ],
    };
    const audits = await countRows(t.db, 'audit_log');
    const made = await call('township', 'POST', '/disputes/dispatches', body);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().period).toBe('week');
    expect(await countRows(t.db, 'audit_log')).toBe(audits + 1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'dispute.dispatch_recorded', entity_id: String(made.json().id) });

    // once per period
    const again = await call('township', 'POST', '/disputes/dispatches', { ...body, items: [] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DISPUTE_DISPATCH_EXISTS');

    // flagged no more on the county's board; the other townships still are
    const board = (await call('county', 'GET', '/disputes/rhythm')).json();
    const mine = board.townships.find((x: { code: string }) => x.code === township);
    expect(mine.weekDispatched).toBe(true);
    expect(board.townships.some((x: { weekDispatched: boolean }) => !x.weekDispatched)).toBe(true);
    expect(board.counties[0].monthDispatched).toBe(false);

    // the list: tied to the week's report once issued
    const list = (await call('township', 'GET', '/disputes/dispatches?period=week')).json().items;
    const m = list.find((x: { id: number }) => x.id === made.json().id);
    expect(m).toMatchObject({ regionCode: township, chair: '党委副书记 王某', heldOn: today() });
    expect(m.items).toEqual([
      expect.objectContaining({
        disputeId: id,
        decision: '三日内入户调解',
        assignee: '司法所牵头，派出所配合',
      }),
    ]);
    const issued = await call('township', 'POST', '/disputes/reports', { period: 'week' });
    expect([201, 409]).toContain(issued.statusCode);
    const tied = (await call('township', 'GET', '/disputes/dispatches?period=week')).json().items;
    expect(tied.find((x: { id: number }) => x.id === made.json().id).reportIssuedAt).not.toBeNull();

    // the county sees it; a department sees the meeting but not a dispute it neither leads nor assists;
    // another county sees nothing
    const county = (await call('county', 'GET', `/disputes/dispatches?within=${township}`)).json().items;
    expect(county.map((x: { id: number }) => x.id)).toContain(made.json().id);
    const dep = (await call('department', 'GET', '/disputes/dispatches')).json().items;
    expect(dep.find((x: { id: number }) => x.id === made.json().id)?.items ?? []).toEqual([]);
    expect((await call('taiping', 'GET', '/disputes/dispatches')).json().items).toEqual([]);
    expect((await call('taiping', 'GET', `/disputes/dispatches?within=${township}`)).statusCode).toBe(404);
  });

  it('the county records its monthly meeting; refusals change nothing', async () => {
    t.clock.set(new Date());
    const id = await dispute('village', grid);
    // a dispute of another county (盘山县's 张家村)
    const theirs = (await call('zhangjia-village', 'GET', '/me')).json().scope.code as string;
    const theirGrid = await t.db
      .selectFrom('region')
      .select('code')
      .where('parent_code', '=', theirs)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const other = await dispute('zhangjia-village', theirGrid.code);
    const rows = await countRows(t.db, 'dispute_dispatch');
    const base = { heldOn: today(), chair: '县委政法委副书记', attendees: '县直部门' };
    const refused: Array<[string, object, number]> = [
      ['county', { ...base, period: 'week' }, 400], // the county holds a monthly one
      ['township', { ...base, period: 'month' }, 400],
      ['village', { ...base, period: 'week' }, 403],
      ['gridworker', { ...base, period: 'week' }, 403],
      ['county', { ...base, period: 'month', heldOn: '2999-01-01' }, 400],
      ['county', { ...base, period: 'month', heldOn: '2026-02-30' }, 400],
      ['county', { ...base, period: 'month', chair: 'a\u0000b' }, 400],
      ['county', { ...base, period: 'month', chair: '' }, 400],
      [
        'county',
        {
          ...base,
          period: 'month',
          items: [
            { disputeId: id, decision: 'x' },
            { disputeId: id, decision: 'y' },
          ],
        },
        400,
      ],
      ['county', { ...base, period: 'month', items: [{ disputeId: 999_999_999, decision: 'x' }] }, 404],
      ['county', { ...base, period: 'month', items: [{ disputeId: other, decision: 'x' }] }, 404],
    ];
    for (const [who, body, code] of refused) {
      const r = await call(who, 'POST', '/disputes/dispatches', body);
      expect(r.statusCode, `${who} ${JSON.stringify(body)} ${r.body}`).toBe(code);
    }
    expect(await countRows(t.db, 'dispute_dispatch')).toBe(rows);

    const made = await call('county', 'POST', '/disputes/dispatches', {
      ...base,
      period: 'month',
      items: [{ disputeId: id, assignee: '县自然资源局', decision: '直接交办，五日内答复' }],
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await call('county', 'GET', '/disputes/rhythm')).json().counties[0].monthDispatched).toBe(true);
    expect(await countRows(t.db, 'dispute_dispatch_item')).toBeGreaterThanOrEqual(2);
  });

  it('the demo holds a meeting for every issued weekly and monthly report, with disputes dispatched', async () => {
    const n = async (table: 'dispute_dispatch' | 'dispute_report' | 'dispute_dispatch_item') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('county_code', '=', (await call('county', 'GET', '/me')).json().scope.code)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const reports = await n('dispute_report');
    expect(reports).toBeGreaterThan(10);
    // the tests above added one weekly and one monthly meeting of the current period (no report for the month)
    expect(await n('dispute_dispatch')).toBeGreaterThanOrEqual(reports);
    expect(await n('dispute_dispatch_item')).toBeGreaterThan(reports / 2);
    const past = (await call('county', 'GET', '/disputes/dispatches?limit=100')).json().items as Array<{
      reportIssuedAt: string | null;
      heldOn: string;
    }>;
    expect(past.filter((m) => m.reportIssuedAt !== null).length).toBeGreaterThan(10);
  });
});
