/**
 * Excel and paper in real Chromium (issue 11): the county official exports the case list (the file
 * opens with exceljs and has every row of the list), makes this month's county report on the
 * reports page, opens its A4 print layout, prints it to PDF under print media, and prints a case's
 * file (案卷) with its timeline and photo. (Opening the dashboard, drilling county → village and a
 * new report appearing live are in dashboard.test.ts.)
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { jpeg, upload } from '../fixtures.js';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { signIn } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** The page's PDF on A4 (595 × 842 points): its bytes and page count. */
async function printA4(page: Page): Promise<{ pages: number }> {
  await page.emulateMedia({ media: 'print' });
  const pdf = Buffer.from(await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
  expect(boxes.length).toBeGreaterThan(0);
  for (const [, w, hgt] of boxes) {
    expect(Math.round(Number(w))).toBe(595);
    expect(Math.round(Number(hgt))).toBe(842);
  }
  return { pages: boxes.length };
}

describe.skipIf(!chromium)('Excel export and A4 print in the browser', () => {
  it('exports the case list to Excel with all its rows', async () => {
    const county = await signIn(h.t.app, 'county');
    const total = (
      await h.t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: county })
    ).json<{ total: number }>().total;
    expect(total).toBeGreaterThan(0);
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'county');
    await page.getByTestId('menu-cases').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('case-list-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('案件编号');
    expect(ws.actualRowCount - 1).toBe(total);
    const first = (
      await h.t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: county })
    ).json<{ items: Array<{ number: string }> }>().items[0]!;
    expect(String(ws.getRow(2).getCell(1).value)).toBe(first.number);
  }, 240_000);

  it('makes the monthly report, opens it, and prints it on A4 with its figures', async () => {
    const ctx = await h.context('desk');
    const page = await ctx.newPage();
    await h.signIn(page, '/', 'county');
    await page.getByTestId('menu-reports').click();
    await page.getByTestId('reports-page').waitFor();
    await page.getByTestId('report-new').click();
    await page.getByTestId('report-make').click();
    await page.getByTestId('report-detail').waitFor({ timeout: 30_000 });
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const county = await signIn(h.t.app, 'county');
    const report = (
      await h.t.app.inject({ method: 'GET', url: `/api/v1/reports/${id}`, headers: county })
    ).json<{ kind: string; regionName: string; values: Array<{ code: string; value: number | null }> }>();
    expect(report.kind).toBe('monthly');
    const reported = report.values.find((v) => v.code === 'case.reported')!.value;
    await expect
      .poll(() => page.getByTestId('figure-case.reported').textContent(), { timeout: 15_000 })
      .toBe(String(reported));

    // the list shows it, filtered by kind
    await page.goto(`${h.base}/reports?kind=monthly`);
    await page.getByTestId('report-row-monthly').first().waitFor();

    await page.goto(`${h.base}/reports/${id}`);
    const [sheet] = await Promise.all([ctx.waitForEvent('page'), page.getByTestId('report-print').click()]);
    await sheet.getByTestId('print-figures').waitFor({ timeout: 30_000 });
    expect(await sheet.getByTestId('print-title').textContent()).toBe(`${report.regionName}月报`);
    expect(await sheet.getByTestId('print-figure-case.reported').textContent()).toBe(String(reported));
    await expect(sheet.getByTestId('print-signatures').textContent()).resolves.toContain('审核人');
    const { pages } = await printA4(sheet);
    expect(pages).toBeGreaterThanOrEqual(1);
    // on paper: the toolbar is gone, the figures are there
    expect(await sheet.getByTestId('print-now').isVisible()).toBe(false);
    expect(await sheet.getByTestId('print-figures').isVisible()).toBe(true);
    expect(h.pageErrors).toEqual([]);
  }, 240_000);

  it('prints a case’s file (案卷): facts, the whole timeline, the photo, signature lines', async () => {
    const resident = await signIn(h.t.app, 'resident');
    const grid = (
      await h.t.db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', 'resident')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const photo = await upload(h.t.app, resident, await jpeg());
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: resident,
      payload: {
        categoryCode: 'P0102',
        description: '村口路灯不亮，晚上很黑',
        gridCode: grid,
        photoIds: [photo],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: number }>().id;
    const county = await signIn(h.t.app, 'county');
    const detail = (
      await h.t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: county })
    ).json<{ number: string; history: unknown[] }>();

    const ctx = await h.context('desk');
    const page = await ctx.newPage();
    await h.signIn(page, '/', 'county');
    await page.goto(`${h.base}/cases/${id}`);
    await page.getByTestId('case-detail').waitFor();
    const [sheet] = await Promise.all([ctx.waitForEvent('page'), page.getByTestId('case-print').click()]);
    await sheet.getByTestId('print-timeline').waitFor({ timeout: 30_000 });
    expect(await sheet.getByTestId('print-case-number').textContent()).toBe(detail.number);
    expect(await sheet.getByTestId('print-case-description').textContent()).toContain('路灯不亮');
    expect(await sheet.locator('[data-testid="print-timeline"] tbody tr').count()).toBe(
      detail.history.length,
    );
    const img = sheet.getByTestId('print-photo').first();
    await expect
      .poll(
        () =>
          img.evaluate((i) => {
            const el = i as unknown as { complete: boolean; naturalWidth: number };
            return el.complete ? el.naturalWidth : 0;
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^/api/v1/photos/${photo}/`));
    await expect(sheet.getByTestId('print-signatures').textContent()).resolves.toContain('承办人');
    await printA4(sheet);
    expect(h.pageErrors).toEqual([]);
  }, 240_000);
});
