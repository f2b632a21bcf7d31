import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { writeCase } from './fixture.js';

/**
 * The case indicators against values worked out by hand on a fixed data set (March 2025, one
 * grid): a case returned, reworked, closed late, reopened and closed again; one escalated twice
 * (once by hand, once by the sweep) with a delay granted and marked overdue; a duplicate merged;
 * one not filed; one reported on the last evening of March and filed in April. June and July 2025
 * hold the closure rate's edge cases: closures of cases filed the month before, a case closed and
 * reopened, one still awaiting filing.
 */
let t: TestApp;
let county: { authorization: string };
let grid: string;
const C = '211221';

beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  const g = await t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'gridworker')
    .executeTakeFirstOrThrow();
  grid = g.scope_code;
  const cat = 'E0101';
  await writeCase(t.db, {
    county: C,
    grid,
    category: cat,
    evaluation: 'satisfied',
    steps: [
      ['2025-03-03T09:00', 'report', null, 'reported'],
      ['2025-03-03T10:00', 'file', 'reported', 'filed', true],
      ['2025-03-03T12:00', 'dispatch', 'filed', 'dispatched', true],
      ['2025-03-04T09:00', 'accept', 'dispatched', 'accepted', true],
      ['2025-03-04T10:00', 'return', 'accepted', 'filed', true],
      ['2025-03-05T09:00', 'dispatch', 'filed', 'dispatched', true],
      ['2025-03-05T10:00', 'accept', 'dispatched', 'accepted', true],
      ['2025-03-06T09:00', 'handle', 'accepted', 'handled', true],
      ['2025-03-06T12:00', 'rework', 'handled', 'accepted', true],
      ['2025-03-07T09:00', 'handle', 'accepted', 'handled', false],
      ['2025-03-08T09:00', 'close', 'handled', 'closed', false],
      ['2025-03-08T12:00', 'evaluate', 'closed', 'closed'],
      ['2025-03-09T09:00', 'reopen', 'closed', 'filed'],
      ['2025-03-09T15:00', 'handle_on_spot', 'filed', 'handled', true],
      ['2025-03-10T09:00', 'close', 'handled', 'closed', true],
    ],
  });
  await writeCase(t.db, {
    county: C,
    grid,
    category: cat,
    source: 'resident_app',
    evaluation: 'dissatisfied',
    steps: [
      ['2025-03-10T08:00', 'report', null, 'reported'],
      ['2025-03-10T09:00', 'escalate', 'reported', 'filed', true],
      ['2025-03-12T08:00', 'auto_escalate', 'filed', 'filed', false],
      ['2025-03-12T10:00', 'dispatch', 'filed', 'dispatched', true],
      ['2025-03-12T11:00', 'request_delay', 'dispatched', 'dispatched'],
      ['2025-03-12T12:00', 'approve_delay', 'dispatched', 'dispatched'],
      ['2025-03-12T14:00', 'accept', 'dispatched', 'accepted', true],
      ['2025-03-13T08:00', 'overdue', 'accepted', 'accepted', false],
      ['2025-03-14T08:00', 'handle', 'accepted', 'handled', true],
      ['2025-03-14T20:00', 'close', 'handled', 'closed', true],
      ['2025-03-15T09:00', 'evaluate', 'closed', 'closed'],
    ],
  });
  await writeCase(t.db, {
    county: C,
    grid,
    category: cat,
    steps: [
      ['2025-03-12T09:00', 'report', null, 'reported'],
      ['2025-03-12T09:30', 'merge', 'reported', 'merged'],
    ],
  });
  await writeCase(t.db, {
    county: C,
    grid,
    category: cat,
    steps: [
      ['2025-03-20T09:00', 'report', null, 'reported'],
      ['2025-03-20T10:00', 'reject', 'reported', 'not_filed'],
    ],
  });
  await writeCase(t.db, {
    county: C,
    grid,
    category: cat,
    steps: [
      ['2025-03-31T23:30', 'report', null, 'reported'],
      ['2025-04-01T00:30', 'file', 'reported', 'filed', true],
    ],
  });
});
afterAll(() => t.close());

const EXPECTED_MARCH: Record<string, number | null> = {
  'case.reported': 5,
  'case.filed': 2,
  'case.dispatched': 3,
  'case.handled': 4,
  'case.closed': 3,
  'case.filing_rate': 40,
  // 2 of the 3 cases reported and taken into handling in March are closed (the flow formula said 150)
  'case.closure_rate': 66.7,
  'case.on_time_closure_rate': 66.7,
  'case.handling_rate': 200,
  'case.on_time_handling_rate': 75,
  'case.rework_rate': 25,
  'case.return_rate': 33.3,
  'case.delay_rate': 50,
  'case.escalated': 2,
  'case.overdue_ever': 1,
  'case.closed_late': 1,
  'case.reopened': 1,
  'case.merged': 1,
  'case.not_filed': 1,
  'case.avg_hours_file': 1,
  'case.avg_hours_dispatch': 33.7,
  'case.avg_hours_close': 132,
  'case.p90_hours_close': 218.4,
  'case.satisfied': 1,
  'case.basically_satisfied': 0,
  'case.dissatisfied': 1,
  'case.satisfaction_rate': 50,
};

const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: county });

describe('case indicators on a fixed data set', () => {
  it('match the hand-computed values at the grid, its village and the month', async () => {
    const codes = Object.keys(EXPECTED_MARCH).join(',');
    for (const region of [grid, grid.slice(0, 12)]) {
      const res = await get(`/indicators/values?codes=${codes}&region=${region}&period=month&at=2025-03`);
      expect(res.statusCode, res.body).toBe(200);
      const got = Object.fromEntries(
        res.json<{ items: { code: string; value: number | null }[] }>().items.map((i) => [i.code, i.value]),
      );
      expect(got).toEqual(EXPECTED_MARCH);
    }
  });

  it('counts a step on its local day: the report of 31 March 23:30 in March, its filing in April', async () => {
    const res = await get(
      `/indicators/values?codes=case.reported,case.filed&region=${grid}&period=month&at=2025-04`,
    );
    const items = res.json<{
      items: { code: string; value: number; previous: number; changePrevious: number }[];
    }>().items;
    expect(items.find((i) => i.code === 'case.reported')).toMatchObject({ value: 0, previous: 5 });
    expect(items.find((i) => i.code === 'case.filed')).toMatchObject({
      value: 1,
      previous: 2,
      changePrevious: -50,
    });
    const day = await get(`/indicators/values?codes=case.reported&region=${grid}&period=day&at=2025-03-31`);
    expect(day.json().items[0].value).toBe(1);
  });

  it('drills down to the steps behind a figure, and compares by category', async () => {
    const res = await get(`/indicators/records?code=case.closed_late&region=${grid}&period=month&at=2025-03`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].kind).toBe('case.closed_late');
    const esc = await get(`/indicators/records?code=case.escalated&region=${grid}&period=month&at=2025-03`);
    expect(esc.json().total).toBe(2);
    const by = await get(
      `/indicators/breakdown?code=case.reported&by=category&region=${grid}&period=month&at=2025-03`,
    );
    expect(by.json().items).toEqual([{ key: 'E0101', name: expect.any(String), value: 5 }]);
    const src = await get(
      `/indicators/breakdown?code=case.reported&by=source&region=${grid.slice(0, 9)}&period=month&at=2025-03`,
    );
    expect(src.json().items.map((i: { key: string; value: number }) => [i.key, i.value])).toEqual([
      ['patrol', 4],
      ['resident_app', 1],
    ]);
  });

  it('answers the trend and 同比 over a year', async () => {
    const res = await get(
      `/indicators/series?codes=case.reported,case.p90_hours_close&region=${grid}&period=month&at=2025-04&points=3`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const pts = res.json().points;
    expect(pts.map((p: { from: string }) => p.from)).toEqual(['2025-02-01', '2025-03-01', '2025-04-01']);
    expect(pts[1].values).toEqual({ 'case.reported': 5, 'case.p90_hours_close': 218.4 });
    const y = await get(`/indicators/values?codes=case.reported&region=${grid}&period=month&at=2026-03`);
    expect(y.json().items[0]).toMatchObject({ value: 0, yearBefore: 5, changeYear: -100 });
  });
});

describe('the closure rate (结案数 ÷ 应结案数) never exceeds 100%', () => {
  beforeAll(async () => {
    const cat = 'E0101';
    const kase = (steps: Parameters<typeof writeCase>[1]['steps']) =>
      writeCase(t.db, { county: C, grid, category: cat, steps });
    // A: reported, filed and closed in June
    await kase([
      ['2025-06-02T09:00', 'report', null, 'reported'],
      ['2025-06-02T10:00', 'file', 'reported', 'filed', true],
      ['2025-06-05T09:00', 'handle_on_spot', 'filed', 'handled', true],
      ['2025-06-05T10:00', 'close', 'handled', 'closed', true],
    ]);
    // B and C: reported and filed in June, closed in July
    for (const [d, c] of [
      ['20', '03'],
      ['25', '04'],
    ] as const)
      await kase([
        [`2025-06-${d}T09:00`, 'report', null, 'reported'],
        [`2025-06-${d}T10:00`, 'file', 'reported', 'filed', true],
        [`2025-07-${c}T09:00`, 'handle_on_spot', 'filed', 'handled', true],
        [`2025-07-${c}T10:00`, 'close', 'handled', 'closed', true],
      ]);
    // D: closed in June, reopened in July and open since
    await kase([
      ['2025-06-10T09:00', 'report', null, 'reported'],
      ['2025-06-10T10:00', 'file', 'reported', 'filed', true],
      ['2025-06-12T09:00', 'handle_on_spot', 'filed', 'handled', true],
      ['2025-06-12T10:00', 'close', 'handled', 'closed', true],
      ['2025-07-01T09:00', 'reopen', 'closed', 'filed'],
    ]);
    // E: reported and filed in July, open; F: reported in July, not yet filed
    await kase([
      ['2025-07-10T09:00', 'report', null, 'reported'],
      ['2025-07-10T10:00', 'file', 'reported', 'filed', true],
    ]);
    await kase([['2025-07-15T09:00', 'report', null, 'reported']]);
  });

  const value = async (at: string, region = grid) => {
    const res = await get(
      `/indicators/values?codes=case.closed,case.filed,case.closure_rate&region=${region}&period=month&at=${at}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      res.json<{ items: { code: string; value: number | null }[] }>().items.map((i) => [i.code, i.value]),
    );
  };

  it('July closes two cases but files one (the flow formula: 200%); its own cases: 0 of 1 closed', async () => {
    for (const region of [grid, grid.slice(0, 12), grid.slice(0, 9)]) {
      const v = await value('2025-07', region);
      expect(v['case.closed']).toBe(2);
      expect(v['case.filed']).toBe(1);
      expect(v['case.closure_rate']).toBe(0);
    }
  });

  it('June: of 4 cases due, 1 closed before the month’s end (2 closed in July, 1 reopened)', async () => {
    expect((await value('2025-06'))['case.closure_rate']).toBe(25);
    const rec = await get(
      `/indicators/records?code=case.closure_rate&region=${grid}&period=month&at=2025-06`,
    );
    expect(rec.statusCode).toBe(200);
    const kinds = rec.json<{ items: { kind: string }[] }>().items.map((i) => i.kind);
    expect(rec.json().total).toBe(4);
    expect(kinds.sort()).toEqual(['case.closed', 'case.due', 'case.due', 'case.due']);
    const by = await get(
      `/indicators/breakdown?code=case.closure_rate&by=category&region=${grid}&period=month&at=2025-06`,
    );
    expect(by.json().items).toEqual([{ key: 'E0101', name: expect.any(String), value: 25 }]);
    const q = await get(
      `/indicators/values?codes=case.closure_rate&region=${grid}&period=quarter&at=2025-Q3`,
    );
    expect(q.json().items[0]).toMatchObject({ value: 0, previous: 25 });
  });

  it('stays within 0–100% in every month of the trend and every region of the county', async () => {
    const res = await get(
      `/indicators/series?codes=case.closure_rate&region=${grid}&period=month&at=2025-08&points=8`,
    );
    const vals = res
      .json<{ points: { values: Record<string, number | null> }[] }>()
      .points.map((p) => p.values['case.closure_rate']);
    expect(vals.filter((v) => v !== null).length).toBeGreaterThanOrEqual(3);
    for (const v of vals.filter((x) => x !== null)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
    const regions = await get('/indicators/breakdown?code=case.closure_rate&by=region&period=year');
    expect(regions.statusCode).toBe(200);
    for (const r of regions.json<{ items: { value: number | null }[] }>().items)
      if (r.value !== null) expect(r.value).toBeLessThanOrEqual(100);
  });
});

describe('scope', () => {
  it('a village official sees their village, 404 for another village, another county or a made-up code', async () => {
    const village = await signIn(t.app, 'village');
    const own = await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const other = await t.db
      .selectFrom('region')
      .select('code')
      .where('county_code', '=', C)
      .where('level', '=', 'village')
      .where('code', '<>', own.scope_code)
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const ask = (region: string, path = 'values?codes=case.reported&') =>
      t.app.inject({ url: `/api/v1/indicators/${path}region=${region}`, headers: village });
    expect((await ask(own.scope_code)).statusCode).toBe(200);
    for (const region of [other.code, own.scope_code.slice(0, 9), '211122', '211221999999'])
      for (const path of ['values?codes=case.reported&', 'records?code=case.reported&', 'dashboard?'])
        expect((await ask(region, path)).statusCode, `${path} ${region}`).toBe(404);
    // no region: the caller's own scope
    const mine = await t.app.inject({ url: '/api/v1/indicators/dashboard', headers: village });
    expect(mine.json().region.code).toBe(own.scope_code);
  });

  it('refuses grid workers and residents (no one is ranked), unknown codes and bad periods', async () => {
    const worker = await signIn(t.app, 'gridworker');
    expect((await t.app.inject({ url: '/api/v1/indicators', headers: worker })).statusCode).toBe(403);
    expect((await get('/indicators/values?codes=case.nothing')).json().error.code).toBe('INDICATOR_UNKNOWN');
    expect((await get('/indicators/values?codes=case.reported&period=month&at=2026-13')).statusCode).toBe(
      400,
    );
    expect((await get('/indicators/breakdown?code=visits.made&by=category')).json().error.code).toBe(
      'INDICATOR_BREAKDOWN_UNSUPPORTED',
    );
    const cat = await get('/indicators');
    expect(cat.json().items.length).toBeGreaterThanOrEqual(40);
  });

  it('answers every governance indicator for the county, with its records', async () => {
    const cat = (await get('/indicators')).json<{ items: { code: string; group: string }[] }>().items;
    const gov = cat.filter((i) => !i.code.startsWith('case.')).map((i) => i.code);
    const res = await get(`/indicators/values?codes=${gov.join(',')}&period=year`);
    expect(res.statusCode, res.body).toBe(200);
    const byCode = Object.fromEntries(
      res.json<{ items: { code: string; value: number }[] }>().items.map((i) => [i.code, i.value]),
    );
    const workers = await t.db
      .selectFrom('grid_worker')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('county_code', '=', C)
      .where('active', '=', true)
      .where('employment', '=', 'fullTime')
      .executeTakeFirstOrThrow();
    expect(byCode['grid_workers.full_time']).toBe(Number(workers.n));
    const rec = await get('/indicators/records?code=grid_workers.part_time&limit=5');
    expect(rec.json().items.length).toBeLessThanOrEqual(5);
    expect(rec.json().total).toBe(byCode['grid_workers.part_time']);
  });
});
