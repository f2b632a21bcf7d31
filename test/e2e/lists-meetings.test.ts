/**
 * The meeting list officials work with (issue 11) in real Chromium: the county centre sorts the
 * 议事厅 list by date with the column sorter, searches a word, and exports what is filtered; the
 * downloaded file opens with exceljs and holds exactly the rows of the filtered list, in its order.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('the meeting list exported to Excel from the centre', () => {
  it('the county sorts and searches the meetings and downloads them as .xlsx', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.goto(`${h.base}/meetings`);
    await desk.getByTestId('meetings-total').filter({ hasText: /\d/ }).waitFor();

    // sort by date (ascending) through the column sorter: the server sorts, the rows follow
    await desk.getByTestId('meeting-table').locator('th', { hasText: '日期' }).first().click();
    await expect
      .poll(async () => desk.locator('th[aria-sort="ascending"]').count(), { timeout: 15_000 })
      .toBe(1);

    // a word of the demo meetings' titles: only meetings whose text holds it
    const any = await h.t.db.selectFrom('meeting').select('title').orderBy('id').executeTakeFirstOrThrow();
    const word = any.title.slice(0, 2);
    const county = await h.t.db
      .selectFrom('account')
      .select('county_code')
      .where('username', '=', 'county')
      .executeTakeFirstOrThrow();
    const hand = await h.t.db
      .selectFrom('meeting as m')
      .innerJoin('region as g', 'g.code', 'm.region_code')
      .select(['m.id', 'm.held_on'])
      .where('m.county_code', '=', county.county_code)
      .where((eb) =>
        eb.or([
          eb('m.title', 'like', `%${word}%`),
          eb('m.place', 'like', `%${word}%`),
          eb('m.convener_name', 'like', `%${word}%`),
          eb('g.name', 'like', `%${word}%`),
        ]),
      )
      .orderBy('m.held_on')
      .orderBy('m.id', 'desc')
      .execute();
    expect(hand.length).toBeGreaterThan(0);
    await desk.getByTestId('meetings-search').locator('input').fill(word);
    await desk.getByTestId('meetings-search').locator('input').press('Enter');
    await expect
      .poll(async () => desk.getByTestId('meetings-total').textContent(), { timeout: 15_000 })
      .toContain(String(hand.length));

    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByTestId('meetings-export').click(),
    ]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lists-meetings-'));
    const file = path.join(dir, 'meetings.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ids: number[] = [];
    wb.worksheets[0]!.eachRow((row, i) => {
      if (i > 1) ids.push(Number(row.getCell(1).text));
    });
    expect(ids).toEqual(hand.map((r) => Number(r.id)));
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'meeting.export')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: hand.length, filter: { q: word, sort: 'heldOn' } });
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
