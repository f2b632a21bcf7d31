/**
 * The toolbar of the registers' lists (issue 11) in real Chromium: on the households page (village
 * staff) and the cadres page (the organisation department) an official searches, sorts by a column,
 * sees the total change, exports, and the downloaded file opens with exceljs and holds exactly the
 * filtered rows in the list's order.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { signIn } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** The number shown in `<id>-total` ("共 N 条"), or NaN before it is shown. */
async function totalOf(page: Page, id: string): Promise<number> {
  const text = (await page.getByTestId(`${id}-total`).textContent()) ?? '';
  return Number(/\d+/.exec(text)?.[0] ?? NaN);
}

async function search(page: Page, id: string, word: string) {
  const box = page.getByTestId(`${id}-search`).locator('input');
  await box.fill(word);
  await box.press('Enter');
}

/** Clicks Export and reads the downloaded file's first column (header dropped) with exceljs. */
async function exported(page: Page, id: string): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`${id}-export`).click(),
  ]);
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'lists-')), `${id}.xlsx`);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const first: string[] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) first.push(row.getCell(1).text);
  });
  return first;
}

describe.skipIf(!chromium)('the registers’ lists in the centre: search, sort, total, export', () => {
  it('village staff search and sort the households and export exactly the filtered rows', async () => {
    const village = await h.t.db
      .selectFrom('account as a')
      .innerJoin('region as r', 'r.code', 'a.scope_code')
      .select(['r.path', 'a.county_code'])
      .where('a.username', '=', 'village')
      .executeTakeFirstOrThrow();
    // the households of a keyword (address or a member's name), as the list's own rule, by hand
    const byHand = (word: string) =>
      h.t.db
        .selectFrom('household as h')
        .select(['h.id', 'h.member_count'])
        .where('h.county_code', '=', village.county_code)
        .where(sql<boolean>`h.grid_path <@ ${village.path}::ltree`)
        .where(
          sql<boolean>`(h.address ILIKE ${`%${word}%`} OR EXISTS (SELECT 1 FROM resident m WHERE m.county_code = h.county_code AND m.household_id = h.id AND m.status <> 'merged' AND m.name ILIKE ${`%${word}%`}))`,
        )
        .orderBy('h.member_count', 'asc')
        .orderBy('h.id', 'desc')
        .execute();
    const all = (await byHand('')).length;
    // a word of an address that picks some households but not all
    const addresses = await h.t.db
      .selectFrom('household')
      .select('address')
      .where(sql<boolean>`grid_path <@ ${village.path}::ltree`)
      .orderBy('id')
      .limit(20)
      .execute();
    let word = '';
    let hand: Awaited<ReturnType<typeof byHand>> = [];
    for (const { address } of addresses)
      for (let i = 0; i + 2 <= address.length && !word; i++) {
        const w = address.slice(i, i + 2);
        if (/^\d+$/.test(w) || /[%_\\\s]/.test(w)) continue;
        const rows = await byHand(w);
        if (rows.length >= 2 && rows.length < all) [word, hand] = [w, rows];
      }
    expect(word, 'a demo address word picks some households').not.toBe('');

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.getByTestId('menu-people').click();
    await desk.getByTestId('tab-households').click();
    await expect.poll(() => totalOf(desk, 'households'), { timeout: 20_000 }).toBe(all);

    await search(desk, 'households', word);
    await expect.poll(() => totalOf(desk, 'households'), { timeout: 15_000 }).toBe(hand.length);
    // sort by members ascending through the column sorter: the server sorts, the rows follow
    await desk.locator('th', { hasText: '人数' }).first().click();
    await expect
      .poll(async () => desk.locator('th[aria-sort="ascending"]').count(), { timeout: 15_000 })
      .toBe(1);
    await expect
      .poll(async () => desk.locator('tr[data-testid^="household-row-"]').first().getAttribute('data-testid'))
      .toBe(`household-row-${hand[0]!.id}`);

    expect(await exported(desk, 'households')).toEqual(hand.map((r) => String(r.id)));
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'household.export_list')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: hand.length, filter: { q: word, sort: 'members' } });
  });

  it('the organisation department searches and sorts the committee members and exports them', async () => {
    const party = await signIn(h.t.app, 'party');
    const list = async (query: string) => {
      const res = await h.t.app.inject({ method: 'GET', url: `/api/v1/cadres?${query}`, headers: party });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Array<{ id: number; name: string }>; total: number }>();
    };
    const all = await list('kind=committee&limit=200');
    // a family name some committee members share, but not all
    const names = [...new Set(all.items.map((c) => c.name[0]!))];
    let word = '';
    for (const n of names) {
      const c = all.items.filter((x) => x.name.startsWith(n)).length;
      if (c >= 2 && c < all.total) {
        word = n;
        break;
      }
    }
    expect(word, 'two committee members share a family name').not.toBe('');
    const want = await list(`kind=committee&q=${encodeURIComponent(word)}&sort=-birthYear&limit=200`);
    expect(want.total).toBeLessThan(all.total);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'party');
    await desk.getByTestId('menu-cadres').click();
    await expect.poll(() => totalOf(desk, 'cadres-committee'), { timeout: 20_000 }).toBe(all.total);
    await search(desk, 'cadres-committee', word);
    await expect.poll(() => totalOf(desk, 'cadres-committee'), { timeout: 15_000 }).toBe(want.total);
    // birth year: ascending, then descending
    const th = desk.locator('th', { hasText: '出生年份' }).first();
    await th.click();
    await expect.poll(async () => th.getAttribute('aria-sort'), { timeout: 15_000 }).toBe('ascending');
    await th.click();
    await expect.poll(async () => th.getAttribute('aria-sort'), { timeout: 15_000 }).toBe('descending');
    await expect
      .poll(async () => desk.getByTestId('cadres-table-committee').locator('tbody tr').first().textContent())
      .toContain(want.items[0]!.name);

    expect(await exported(desk, 'cadres-committee')).toEqual(want.items.map((c) => String(c.id)));
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'cadre.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      rows: want.total,
      filter: { kind: 'committee', q: word, sort: '-birthYear' },
    });
  });
});
