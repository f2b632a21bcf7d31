/**
 * Four more lists officials work with (issue 11) in real Chromium: in-service party members, the
 * points ledger, teams and the call log. On each the county centre sorts with a column sorter,
 * searches, reads the exact total and exports what is filtered; the downloaded file opens with
 * exceljs and holds exactly the rows of the filtered list, in its order, and the export is audited.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
/** a loaded 2-core machine: a screen and a reload can each take seconds */
const WAIT = { timeout: 30_000 };

/** Opens a centre screen and waits for its list's total. */
async function openList(page: Page, url: string, list: string) {
  await page.goto(`${h.base}${url}`);
  await page.getByTestId(`${list}-total`).filter({ hasText: /\d/ }).waitFor(WAIT);
}

/** Sorts a table ascending by the column headed `header` (the server sorts, the rows follow). */
async function sortBy(page: Page, table: string, header: string) {
  await page.getByTestId(table).locator('th', { hasText: header }).first().click();
  await expect.poll(async () => page.locator('th[aria-sort="ascending"]').count(), WAIT).toBe(1);
}

/** Searches the list's toolbar and waits until its total reads `n`. */
async function searchFor(page: Page, list: string, text: string, n: number) {
  await page.getByTestId(`${list}-search`).locator('input').fill(text);
  await page.getByTestId(`${list}-search`).locator('input').press('Enter');
  await expect
    .poll(async () => page.getByTestId(`${list}-total`).textContent(), WAIT)
    .toMatch(new RegExp(`(^|\\D)${n}(\\D|$)`));
}

/** Clicks the list's Export button and answers the first column (the numbers) of the file's rows. */
async function exportedIds(page: Page, list: string): Promise<number[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`${list}-export`).click(),
  ]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `lists-${list}-`));
  const file = path.join(dir, `${list}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ids: number[] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) ids.push(Number(row.getCell(1).text));
  });
  return ids;
}

/** The last audit row of an export. */
const lastAudit = (action: string) =>
  h.t.db
    .selectFrom('audit_log')
    .select('after')
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

const scopeOf = async (username: string) =>
  h.t.db
    .selectFrom('account')
    .select(['scope_code', 'county_code'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();

describe.skipIf(!chromium)('four more lists sorted, searched and exported from the centre', () => {
  it('in-service party members: the county finds the pending sign-ups of a unit, sorts by name, exports them', async () => {
    const { scope_code: home } = await scopeOf('village');
    for (const [username, name, phone] of [
      ['zaizhi-jia', '列表 甲', '13700002221'],
      ['zaizhi-yi', '列表 乙', '13700002222'],
    ]) {
      const res = await h.t.app.inject({
        method: 'POST',
        url: '/api/v1/in-service/sign-up',
        payload: {
          username,
          displayName: name,
          password: 'a-long-password-1',
          phone,
          homeCode: home,
          employerUnit: '县列表测试局',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const hand = await h.t.db
      .selectFrom('in_service_member as m')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .select('m.id')
      .where('m.status', '=', 'pending')
      .where('m.employer_unit', 'like', '%列表测试%')
      .orderBy('a.display_name')
      .orderBy('m.id', 'desc')
      .execute();
    expect(hand).toHaveLength(2);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await openList(desk, '/inservice', 'inservice');
    await sortBy(desk, 'inservice-table', '姓名');
    await searchFor(desk, 'inservice', '列表测试', hand.length);
    expect(await exportedIds(desk, 'inservice')).toEqual(hand.map((r) => Number(r.id)));
    expect((await lastAudit('in_service.export')).after).toMatchObject({
      rows: hand.length,
      filter: { q: '列表测试', sort: 'name', status: 'pending' },
    });
    // the phone stays masked on the screen
    await expect
      .poll(async () => desk.getByTestId('inservice-table').textContent(), WAIT)
      .toContain('137****2221');
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
  it('the points ledger: the county finds a village’s entries earned, sorts by change, exports them', async () => {
    const { scope_code: code, county_code: county } = await scopeOf('village');
    const village = await h.t.db
      .selectFrom('region')
      .select(['name', 'path'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const hand = await h.t.db
      .selectFrom('points_entry')
      .select('id')
      .where('county_code', '=', county)
      .where('delta', '>', 0)
      .where(sql<boolean>`grid_path <@ ${village.path}::ltree`)
      .orderBy('delta')
      .orderBy('id', 'desc')
      .execute();
    expect(hand.length).toBeGreaterThan(1);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await openList(desk, '/workers?tab=ledger', 'ledger');
    await desk.getByTestId('ledger-direction').click();
    await desk.locator('.ant-select-item-option', { hasText: '获得' }).click();
    await sortBy(desk, 'ledger-table', '变动');
    await searchFor(desk, 'ledger', village.name, hand.length);
    expect(await exportedIds(desk, 'ledger')).toEqual(hand.map((r) => Number(r.id)));
    expect((await lastAudit('points.export')).after).toMatchObject({
      rows: hand.length,
      filter: { q: village.name, sort: 'delta', direction: 'earned' },
    });
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
  it('teams: the county finds the mediation teams by a word, sorts by name, exports them', async () => {
    const { county_code: county } = await scopeOf('county');
    const word = '调解';
    const hand = await h.t.db
      .selectFrom('team as t')
      .innerJoin('region as v', 'v.code', 't.village_code')
      .select('t.id')
      .where('t.county_code', '=', county)
      .where((eb) =>
        eb.or([
          eb('t.name', 'like', `%${word}%`),
          eb('t.duty', 'like', `%${word}%`),
          eb('v.name', 'like', `%${word}%`),
          eb.exists(
            eb
              .selectFrom('team_member as m')
              .select('m.id')
              .whereRef('m.county_code', '=', 't.county_code')
              .whereRef('m.team_id', '=', 't.id')
              .where('m.active', '=', true)
              .where('m.name', 'like', `%${word}%`),
          ),
        ]),
      )
      .orderBy('t.name')
      .orderBy('t.id', 'desc')
      .execute();
    expect(hand.length).toBeGreaterThan(1);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await openList(desk, '/teams', 'teams');
    await sortBy(desk, 'team-table', '名称');
    await searchFor(desk, 'teams', word, hand.length);
    expect(await exportedIds(desk, 'teams')).toEqual(hand.map((r) => Number(r.id)));
    expect((await lastAudit('team.export')).after).toMatchObject({
      rows: hand.length,
      filter: { q: word, sort: 'name' },
    });
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
  it('the call log: the county finds a worker’s calls by name, sorts by time, exports them, phones masked', async () => {
    const { county_code: county } = await scopeOf('county');
    const worker = await h.t.db
      .selectFrom('account')
      .select(['id', 'display_name'])
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const word = worker.display_name;
    const hand = await h.t.db
      .selectFrom('call as c')
      .innerJoin('account as ca', 'ca.id', 'c.caller_id')
      .innerJoin('account as ce', 'ce.id', 'c.callee_id')
      .select('c.id')
      .where('c.county_code', '=', county)
      .where((eb) =>
        eb.or([eb('ca.display_name', 'like', `%${word}%`), eb('ce.display_name', 'like', `%${word}%`)]),
      )
      .orderBy('c.started_at')
      .orderBy('c.id', 'desc')
      .execute();
    expect(hand.length).toBeGreaterThan(1);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await openList(desk, '/calls', 'calls');
    await sortBy(desk, 'call-log', '时间');
    await searchFor(desk, 'calls', word, hand.length);
    expect(await exportedIds(desk, 'calls')).toEqual(hand.map((r) => Number(r.id)));
    expect((await lastAudit('call.export')).after).toMatchObject({
      rows: hand.length,
      filter: { q: word, sort: 'startedAt' },
    });
    // a phone on the screen is masked (a grid worker's, from the archive)
    const text = (await desk.getByTestId('call-log').textContent()) ?? '';
    expect(text).toMatch(/1\d{2}\*{4}\d{4}/);
    expect(text).not.toMatch(/(^|\D)1[3-9]\d{9}(\D|$)/);
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
});
