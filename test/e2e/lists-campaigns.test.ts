/**
 * Three lists officials work with (issue 11) in real Chromium: a campaign's targets, an emergency's
 * checks and the city's campaigns. On each the official searches, sorts by a column and exports; the
 * downloaded file opens with exceljs and holds exactly the rows the page lists, in its order.
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

/** The ids (row keys) of the table's rows on the page, top to bottom. */
const rowIds = async (page: Page, table: string) =>
  (await page
    .getByTestId(table)
    .locator('tbody tr[data-row-key]')
    .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-row-key'))))) as number[];

/** Clicks the export button and answers the first column of the file's rows (the header left out). */
async function exported(page: Page, testId: string): Promise<number[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lists-campaigns-'));
  const file = path.join(dir, 'list.xlsx');
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ids: number[] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) ids.push(Number(row.getCell(1).text));
  });
  return ids;
}

/** Three households of the county's demo township get a word in their address (to search for). */
async function markAddresses(
  word: string,
  table: 'campaign_target' | 'emergency_check',
  column: string,
  id: number,
) {
  await sql`UPDATE household SET address = ${word} || '，' || address
    WHERE id IN (SELECT household_id FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id}
                 ORDER BY household_id LIMIT 3)`.execute(h.t.db);
}

async function search(page: Page, testId: string, word: string, n: number) {
  await page.getByTestId(`${testId}-search`).locator('input').fill(word);
  await page.getByTestId(`${testId}-search`).locator('input').press('Enter');
  await expect
    .poll(async () => page.getByTestId(`${testId}-total`).textContent(), { timeout: 15_000 })
    .toContain(`共 ${n} 条`);
}

async function sortBy(page: Page, table: string, header: string, order: 'ascending' | 'descending') {
  const th = page.getByTestId(table).locator('th', { hasText: header }).first();
  await th.click();
  if (order === 'descending') await th.click();
  await expect
    .poll(async () => page.getByTestId(table).locator(`th[aria-sort="${order}"]`).count(), {
      timeout: 15_000,
    })
    .toBe(1);
}

describe.skipIf(!chromium)('the campaign, emergency and city lists exported to Excel from the centre', () => {
  it('the county searches, sorts and exports a campaign’s targets', async () => {
    const c = await h.t.db
      .selectFrom('campaign')
      .select(['id', 'county_code'])
      .where('title', '=', '冬季取暖安全检查')
      .executeTakeFirstOrThrow();
    const id = Number(c.id);
    const all = await h.t.db
      .selectFrom('campaign_target')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('campaign_id', '=', id)
      .executeTakeFirstOrThrow();
    await markAddresses('供暖回访甲', 'campaign_target', 'campaign_id', id);
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.goto(`${h.base}/campaigns/${id}`);
    await desk.getByTestId('camp-list-state').getByText('全部').click();
    await expect
      .poll(async () => desk.getByTestId('camp-targets-total').textContent(), { timeout: 15_000 })
      .toContain(`共 ${all.n} 条`);
    await search(desk, 'camp-targets', '供暖回访甲', 3);
    await sortBy(desk, 'camp-targets', '姓名', 'descending');
    const shown = await rowIds(desk, 'camp-targets');
    expect(shown).toHaveLength(3);
    expect(await exported(desk, 'camp-targets-export')).toEqual(shown);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'campaign_target.export')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      rows: 3,
      filter: { q: '供暖回访甲', sort: '-name', campaignId: id },
    });
    expect(h.pageErrors).toEqual([]);
  }, 180_000);

  it('the township searches, sorts and exports an emergency’s checks', async () => {
    const e = await h.t.db
      .selectFrom('emergency_event')
      .select('id')
      .where('title', 'like', '%强降雨防汛应急')
      .executeTakeFirstOrThrow();
    const id = Number(e.id);
    await markAddresses('防汛核查乙', 'emergency_check', 'event_id', id);
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'township');
    await desk.goto(`${h.base}/emergency/${id}`);
    await desk.getByTestId('emg-checks-total').filter({ hasText: /\d/ }).waitFor();
    await search(desk, 'emg-checks', '防汛核查乙', 3);
    await sortBy(desk, 'emg-checks-table', '上报时间', 'ascending');
    const shown = await rowIds(desk, 'emg-checks-table');
    expect(shown).toHaveLength(3);
    expect(await exported(desk, 'emg-checks-export')).toEqual(shown);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'emergency_check.export')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      rows: 3,
      filter: { q: '防汛核查乙', sort: 'reportedAt', eventId: id },
    });
    expect(h.pageErrors).toEqual([]);
  }, 180_000);

  it('the city sorts and exports its campaigns (its own city’s only)', async () => {
    const mine = await h.t.db
      .selectFrom('city_campaign')
      .select('id')
      .where('city_code', '=', '2112')
      .execute();
    const desk = await (await h.context('desk')).newPage();
    await h.typeLogin(desk, '/', 'city');
    await desk.getByTestId('city-table').waitFor();
    await expect
      .poll(async () => desk.getByTestId('city-total').textContent(), { timeout: 15_000 })
      .toContain(`共 ${mine.length} 条`);
    await sortBy(desk, 'city-table', '完成率', 'descending');
    const shown = await rowIds(desk, 'city-table');
    expect([...shown].sort()).toEqual(mine.map((m) => Number(m.id)).sort());
    expect(await exported(desk, 'city-export')).toEqual(shown);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['after', 'county_code'])
      .where('action', '=', 'city_campaign.export')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      county_code: '2112',
      after: { rows: mine.length, filter: { sort: '-coverage' } },
    });
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
});
