/**
 * 日报/周报/月报 (issue 11): the figures of a kept report against hand counts on a fixed data set,
 * the lists behind them, scope, on-demand generation (audited), the Excel download, and the schedule
 * making each report once however many passes run at the same time.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { generateDueReports } from './schedule.js';

type H = { authorization: string };
type Report = {
  id: number;
  kind: string;
  regionCode: string;
  periodFrom: string;
  periodTo: string;
  values: Array<{ code: string; value: number | null }>;
  byRegion: Array<{ code: string; values: Record<string, number | null> }>;
  lists: Record<string, { total: number; items: Array<{ number: string; category?: string }> }>;
};
let t: TestApp;
let county: H, village: H, township: H, gridworker: H;
let countyCode: string, villageCode: string, townshipCode: string, otherVillageGrid: string, grid: string;
const numbers: Record<string, string> = {};

/** A case and its history written straight into the tables (the rollup trigger sees them as from the workflow). */
async function writeCase(
  key: string,
  gridCode: string,
  steps: Array<[string, string, string | null, string, boolean?]>,
) {
  const reported = new Date(`${steps[0]![0]}+08:00`);
  const last = steps[steps.length - 1]!;
  const { rows } = await sql<{ id: number; number: string }>`
    INSERT INTO cases (county_code, number, source, category_code, state, tier, holder_code, description,
                       grid_code, grid_path, tier_entered_at, reported_at)
    VALUES (${countyCode}, ${`R-${key}-`} || nextval('case_number_seq'), 'patrol', 'G0401', ${last[3]}, 'village',
            ${gridCode.slice(0, 12)}, 'fixed data set', ${gridCode},
            (SELECT path FROM region WHERE code = ${gridCode}), ${reported}, ${reported})
    RETURNING id, number`.execute(t.db);
  for (const [at, action, from, to, onTime] of steps)
    await sql`INSERT INTO case_history (county_code, case_id, at, action, from_state, to_state, tier, on_time)
      VALUES (${countyCode}, ${rows[0]!.id}, ${new Date(`${at}+08:00`)}, ${action}, ${from}, ${to}, 'village',
              ${onTime ?? null})`.execute(t.db);
  numbers[key] = rows[0]!.number;
}
const value = (r: Report, code: string) => r.values.find((v) => v.code === code)?.value;
const generate = (h: H, payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/reports', headers: h, payload });

beforeAll(async () => {
  t = await createTestApp();
  county = await signIn(t.app, 'county');
  township = await signIn(t.app, 'township');
  village = await signIn(t.app, 'village');
  gridworker = await signIn(t.app, 'gridworker');
  const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
  countyCode = me.countyCode;
  villageCode = me.scope.code;
  townshipCode = villageCode.slice(0, 9);
  const grids = await t.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'grid')
    .where('county_code', '=', countyCode)
    .orderBy('code')
    .execute();
  grid = grids.find((g) => g.code.startsWith(villageCode))!.code;
  otherVillageGrid = grids.find(
    (g) => g.code.startsWith(townshipCode) && !g.code.startsWith(villageCode),
  )!.code;
  // Tuesday 12 March 2024, long before any demo history
  await writeCase('A', grid, [
    ['2024-03-12T09:00:00', 'report', null, 'reported'],
    ['2024-03-12T09:30:00', 'file', 'reported', 'filed'],
    ['2024-03-12T15:00:00', 'close', 'filed', 'closed', true],
  ]);
  await writeCase('B', grid, [
    ['2024-03-12T10:00:00', 'report', null, 'reported'],
    ['2024-03-12T16:00:00', 'close', 'reported', 'closed', false],
  ]);
  await writeCase('C', grid, [['2024-03-12T11:00:00', 'report', null, 'reported']]);
  await writeCase('D', otherVillageGrid, [['2024-03-12T12:00:00', 'report', null, 'reported']]);
  await writeCase('E', grid, [['2024-03-13T08:00:00', 'report', null, 'reported']]);
  await writeCase('F', grid, [['2024-02-29T23:30:00', 'report', null, 'reported']]); // February, the month before
  t.clock.set('2024-04-02T10:00:00+08:00');
});
afterAll(() => t.close());

describe('a report’s figures match the hand counts', () => {
  it('village daily: three reported, two closed, one of them late; the lists name the cases', async () => {
    const res = await generate(village, { kind: 'daily', at: '2024-03-12' });
    expect(res.statusCode).toBe(201);
    const r = res.json<Report>();
    expect(r).toMatchObject({
      kind: 'daily',
      regionCode: villageCode,
      periodFrom: '2024-03-12',
      periodTo: '2024-03-13',
    });
    expect(value(r, 'case.reported')).toBe(3);
    expect(value(r, 'case.filed')).toBe(1);
    expect(value(r, 'case.closed')).toBe(2);
    expect(value(r, 'case.closed_late')).toBe(1);
    expect(r.lists['case.reported']!.items.map((i) => i.number).sort()).toEqual(
      [numbers.A, numbers.B, numbers.C].sort(),
    );
    expect(r.lists['case.closed_late']!.items.map((i) => i.number)).toEqual([numbers.B]);
    expect(r.lists['case.reported']!.items[0]!.category).toBeTruthy();
  });

  it('township weekly and county monthly: every village of the period, none outside it', async () => {
    const week = (await generate(township, { kind: 'weekly', at: '2024-03-12' })).json<Report>();
    expect(week).toMatchObject({ periodFrom: '2024-03-11', periodTo: '2024-03-18' });
    expect(value(week, 'case.reported')).toBe(5); // A B C D E (Tuesday and Wednesday)
    const mine = week.byRegion.find((x) => x.code === villageCode)!;
    expect(mine.values['case.reported']).toBe(4);
    const month = (await generate(county, { kind: 'monthly', at: '2024-03' })).json<Report>();
    expect(month).toMatchObject({ periodFrom: '2024-03-01', periodTo: '2024-04-01' });
    expect(value(month, 'case.reported')).toBe(5);
    expect(value(month, 'case.closed')).toBe(2);
    expect(month.lists['case.reported']!.total).toBe(5);
    const feb = (await generate(county, { kind: 'monthly', at: '2024-02' })).json<Report>();
    expect(value(feb, 'case.reported')).toBe(1);
  });

  it('downloads as Excel with the figures and the lists', async () => {
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/v1/reports?kind=monthly', headers: county })
    ).json();
    const id = list.items[0].id;
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${id}/export.xlsx`,
      headers: county,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.length).toBeGreaterThan(2);
    expect(JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))).toContain(numbers.A);
  });
});

describe('scope and rights', () => {
  it('a report is of the level its kind names, in the caller’s subtree; audited when made', async () => {
    expect((await generate(village, { kind: 'monthly' })).statusCode).toBe(400);
    expect(
      (await generate(village, { kind: 'daily', region: otherVillageGrid.slice(0, 12) })).statusCode,
    ).toBe(404);
    expect((await generate(gridworker, { kind: 'daily' })).statusCode).toBe(403);
    const audits = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'case_report.generate')
      .execute();
    expect(audits.length).toBe(4);
    // the village sees its own reports, not the township's or county's
    const seen = (await t.app.inject({ method: 'GET', url: '/api/v1/reports', headers: village })).json();
    expect(seen.total).toBe(1);
    const all = (await t.app.inject({ method: 'GET', url: '/api/v1/reports', headers: county })).json();
    expect(all.total).toBe(4);
    const monthly = all.items.find((i: { kind: string }) => i.kind === 'monthly').id;
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/reports/${monthly}`, headers: village })).statusCode,
    ).toBe(404);
  });

  it('filters by region (and the regions under it) and period; the print header names the trail', async () => {
    const list = async (qs: string) =>
      (await t.app.inject({ method: 'GET', url: `/api/v1/reports?${qs}`, headers: county })).json<{
        total: number;
        items: Array<{ kind: string; regionCode: string; periodFrom: string }>;
      }>();
    const underTownship = await list(`region=${townshipCode}`);
    expect(underTownship.items.map((i) => i.kind).sort()).toEqual(['daily', 'weekly']);
    expect((await list(`region=${villageCode}`)).items.map((i) => i.regionCode)).toEqual([villageCode]);
    // February's monthly report only; March's monthly, weekly and daily begin after the 29th
    const feb = await list('from=2024-02-01&to=2024-02-29');
    expect(feb.items.map((i) => i.periodFrom)).toEqual(['2024-02-01']);
    const midMarch = await list('from=2024-03-12&to=2024-03-12');
    expect(midMarch.total).toBe(3);
    // a region of another scope answers nothing for the village, not its reports
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports?region=${townshipCode}`,
      headers: village,
    });
    expect(other.json().items.map((i: { regionCode: string }) => i.regionCode)).toEqual([villageCode]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/reports?from=2024-3-1', headers: county }))
        .statusCode,
    ).toBe(400);
    const daily = underTownship.items.find((i) => i.kind === 'daily')!;
    const full = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/reports/${(daily as unknown as { id: number }).id}`,
        headers: county,
      })
    ).json<{ trail: string[]; regionName: string }>();
    expect(full.trail).toHaveLength(3);
    expect(full.trail[2]).toBe(full.regionName);
    expect(full.trail[0]).toBe('铁岭县');
  });
});

describe('the schedule', () => {
  it('makes each village’s daily, township’s weekly and county’s monthly report once, across parallel passes', async () => {
    t.clock.set('2024-03-13T01:00:00+08:00'); // the day after the fixed Tuesday
    // the report's figures are all case indicators: the modules' own sources are not needed
    const deps = { db: t.db, now: t.clock.now, indicatorSources: [] };
    const within = (
      await t.db
        .selectFrom('region')
        .select(sql<string>`path::text`.as('p'))
        .where('code', '=', townshipCode)
        .executeTakeFirstOrThrow()
    ).p;
    const levels = await t.db
      .selectFrom('region')
      .select(sql<number>`count(*)::int`.as('n'))
      .where(sql<boolean>`path <@ ${within}::ltree`)
      .where('level', 'in', ['village', 'township'])
      .executeTakeFirstOrThrow();
    const expected = levels.n; // the township's villages' daily reports and its weekly one
    let made = 0;
    for (;;) {
      const [a, b] = await Promise.all([generateDueReports(deps, within), generateDueReports(deps, within)]);
      expect(Math.min(a, b)).toBe(0); // one pass holds the lock, the other skips
      if (a + b === 0) break;
      made += a + b;
    }
    expect(made).toBe(expected);
    expect(await generateDueReports(deps, within)).toBe(0);
    const kept = await t.db
      .selectFrom('case_report')
      .select(['kind', 'region_code', 'period_from', 'figures'])
      .where('scheduled', '=', true)
      .execute();
    expect(kept).toHaveLength(expected);
    const daily = kept.find((k) => k.kind === 'daily' && k.region_code === villageCode)!;
    expect(String(daily.period_from)).toContain('2024-03-12');
    const figures = daily.figures as { values: Array<{ code: string; value: number }> };
    expect(figures.values.find((v) => v.code === 'case.reported')!.value).toBe(3);
  });
});
