/**
 * Paging a server list in real Chromium (the shared `common/useListTable.ts`, here on the points
 * ledger): a click on page 2 shows page 2 and stays there (antd reports a page change through the
 * Table's onChange too, which must not reset the page), and a column sort goes back to page 1.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
/** a loaded 2-core machine: a screen and a reload can each take seconds */
const WAIT = { timeout: 30_000 };

/** The test ids of the rows the ledger shows. */
const rowIds = async (page: Page) =>
  page
    .getByTestId('ledger-table')
    .locator('tbody tr[data-testid^="ledger-row-"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));

/** The ledger's pager (antd puts the test id on the table, the pager beside it). */
const pager = (page: Page) =>
  page.locator('.ant-table-wrapper:has([data-testid="ledger-table"]) .ant-pagination');

const activePage = (page: Page) => pager(page).locator('.ant-pagination-item-active').textContent();

describe.skipIf(!chromium)('a paged server list', () => {
  it('goes to page 2 and stays there; a sort goes back to page 1', async () => {
    const county = await h.t.db
      .selectFrom('account')
      .select('county_code')
      .where('username', '=', 'county')
      .executeTakeFirstOrThrow();
    // more than one page (50) of entries: copies of one of the county's entries
    await sql`
      insert into points_entry
        (actor_account_id, balance_after, county_code, delta, grid_path, note, reason, ref_id, ref_type, worker_id)
      select actor_account_id, balance_after, county_code, delta, grid_path, 'paging', reason, null, null, worker_id
      from (select * from points_entry where county_code = ${county.county_code} order by id limit 1) e,
           generate_series(1, 60)
    `.execute(h.t.db);
    const total = await h.t.db
      .selectFrom('points_entry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('county_code', '=', county.county_code)
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBeGreaterThan(50);

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.goto(`${h.base}/workers?tab=ledger`);
    await desk.getByTestId('ledger-total').filter({ hasText: /\d/ }).waitFor(WAIT);
    await expect.poll(async () => (await rowIds(desk)).length, WAIT).toBe(50);
    const first = await rowIds(desk);

    await pager(desk).locator('.ant-pagination-item-2').click();
    await expect.poll(async () => (await rowIds(desk))[0], WAIT).not.toBe(first[0]);
    const second = await rowIds(desk);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    expect(await activePage(desk)).toBe('2');

    // a sort starts again at page 1
    await desk.getByTestId('ledger-table').locator('th', { hasText: '变动' }).first().click();
    await expect.poll(async () => activePage(desk), WAIT).toBe('1');
    expect(h.pageErrors).toEqual([]);
  }, 180_000);
});
