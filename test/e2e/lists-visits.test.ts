/**
 * Lists that officials can work with (issue 11) in real Chromium, on the lists of this round: the
 * village's staff sort the visit list by its column, search words in the notes and export what is
 * filtered; then the same on the whistle list by number. Each downloaded file opens with exceljs and
 * holds exactly the rows of the filtered list, in its order; each export is audited with its filter.
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

/** Sorts by the column headed `title` (one click: ascending), searches `word`, waits for the total. */
async function sortAndSearch(desk: Page, testId: string, title: string, word: string, total: number) {
  await desk.locator('th', { hasText: title }).first().click();
  await expect
    .poll(async () => desk.locator('th[aria-sort="ascending"]').count(), { timeout: 15_000 })
    .toBe(1);
  await desk.getByTestId(`${testId}-search`).locator('input').fill(word);
  await desk.getByTestId(`${testId}-search`).locator('input').press('Enter');
  await expect
    .poll(async () => desk.getByTestId(`${testId}-total`).textContent(), { timeout: 15_000 })
    .toMatch(new RegExp(`\\b${total}\\b`));
}

/** Clicks the list's export and answers the first column of the downloaded sheet (header dropped). */
async function download(desk: Page, testId: string): Promise<string[]> {
  const [file] = await Promise.all([
    desk.waitForEvent('download'),
    desk.getByTestId(`${testId}-export`).click(),
  ]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lists-'));
  const saved = path.join(dir, `${testId}.xlsx`);
  await file.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const first: string[] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) first.push(row.getCell(1).text);
  });
  return first;
}

const auditOf = (action: string) =>
  h.t.db.selectFrom('audit_log').select('after').where('action', '=', action).executeTakeFirstOrThrow();

describe.skipIf(!chromium)('the visit and whistle lists exported to Excel from the centre', () => {
  it('village staff sort, search and export the visit list, then the whistle list', async () => {
    const village = await h.t.db
      .selectFrom('account')
      .select(['scope_code', 'county_code', 'id'])
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const inVillage = sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${village.scope_code})`;
    // visits over the last weeks, one in two noting a care follow-up; distinct times (no ties)
    await sql`
      INSERT INTO visit (county_code, household_id, grid_code, grid_path, worker_account_id, visited_at,
                         kind, outcome, notes)
      SELECT h.county_code, h.id, h.grid_code, h.grid_path, ${village.id}, now() - h.id * interval '7 hours',
             'routine', 'all_well', CASE WHEN h.id % 2 = 0 THEN '关爱回访 老人身体好' ELSE '日常走访' END
      FROM household h WHERE ${inVillage} ORDER BY h.id LIMIT 30`.execute(h.t.db);
    const visits = await h.t.db
      .selectFrom('visit')
      .select('id')
      .where(inVillage)
      .where('notes', 'like', '%关爱回访%')
      .orderBy('visited_at')
      .orderBy('id', 'desc')
      .execute();
    expect(visits.length).toBeGreaterThan(2);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.goto(`${h.base}/visits`);
    await desk.getByRole('tab', { name: /最近走访/ }).click();
    await desk.getByTestId('visits-total').filter({ hasText: /\d/ }).waitFor();
    await sortAndSearch(desk, 'visits', '走访时间', '关爱回访', visits.length);
    expect(await download(desk, 'visits')).toEqual(visits.map((v) => String(v.id)));
    expect((await auditOf('visit.export')).after).toMatchObject({
      rows: visits.length,
      filter: { q: '关爱回访', sort: 'visitedAt' },
    });

    // the whistle list: a word of the village's first request, sorted by number
    const first = await h.t.db
      .selectFrom('whistle')
      .select('subject')
      .where(sql<boolean>`region_path <@ (SELECT path FROM region WHERE code = ${village.scope_code})`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const word = first.subject.slice(0, 2);
    const whistles = await h.t.db
      .selectFrom('whistle as w')
      .innerJoin('region as r', 'r.code', 'w.region_code')
      .select('w.number')
      .where(sql<boolean>`w.region_path <@ (SELECT path FROM region WHERE code = ${village.scope_code})`)
      .where((eb) =>
        eb.or(['w.subject', 'w.description', 'r.name'].map((c) => eb(c as 'w.subject', 'like', `%${word}%`))),
      )
      .orderBy('w.number')
      .execute();
    await desk.goto(`${h.base}/whistles`);
    await desk.getByTestId('whistles-total').filter({ hasText: /\d/ }).waitFor();
    await sortAndSearch(desk, 'whistles', '编号', word, whistles.length);
    expect(await download(desk, 'whistles')).toEqual(whistles.map((w) => w.number));
    expect((await auditOf('whistle.export')).after).toMatchObject({
      rows: whistles.length,
      filter: { q: word, sort: 'number' },
    });
    expect(h.pageErrors).toEqual([]);
  }, 240_000);
});
