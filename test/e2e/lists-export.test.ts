/**
 * Lists that officials can work with (issue 11) in real Chromium: the village's staff open the wish
 * list, sort it by number with the column sorter, search a keyword, and export what is filtered; the
 * downloaded file opens with exceljs and holds exactly the rows of the filtered list, in its order.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('a list exported to Excel from the centre', () => {
  it('village staff sort and search the wish list and download it as .xlsx', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.getByTestId('menu-wishes').click();
    await desk.getByTestId('wishes-total').filter({ hasText: /\d/ }).waitFor();

    // sort by number (ascending) through the column sorter: the server sorts, the rows follow
    await desk.locator('th', { hasText: '编号' }).first().click();
    await expect
      .poll(async () => desk.locator('th[aria-sort="ascending"]').count(), { timeout: 15_000 })
      .toBe(1);

    // a keyword: only wishes whose text holds it
    const word = '一';
    const hand = await h.t.db
      .selectFrom('wish')
      .select('number')
      .where((eb) =>
        eb.or(['title', 'detail', 'beneficiary'].map((c) => eb(c as 'title', 'like', `%${word}%`))),
      )
      .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${await villageCode()})`)
      .orderBy('number')
      .execute();
    await desk.getByTestId('wishes-search').locator('input').fill(word);
    await desk.getByTestId('wishes-search').locator('input').press('Enter');
    await expect
      .poll(async () => desk.getByTestId('wishes-total').textContent(), { timeout: 15_000 })
      .toContain(String(hand.length));

    expect(hand.length).toBeGreaterThan(2);
    const [download] = await Promise.all([
      desk.waitForEvent('download'),
      desk.getByTestId('wishes-export').click(),
    ]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lists-'));
    const file = path.join(dir, 'wishes.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const numbers: string[] = [];
    ws.eachRow((row, i) => {
      if (i > 1) numbers.push(row.getCell(1).text);
    });
    expect(numbers).toEqual(hand.map((r) => r.number));
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select('after')
      .where('action', '=', 'wish.export')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ rows: hand.length, filter: { q: word, sort: 'number' } });
  });
});

async function villageCode(): Promise<string> {
  const a = await h.t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  return a.scope_code;
}
