/**
 * Paging the petition register, the dispute list and the recent visits in real Chromium (each on the
 * shared `common/useListTable.ts`): page 2 shows the server's second page and stays there after it
 * has loaded (antd reports a page change through the Table's onChange too, which once reset the page),
 * and a column sort goes back to page 1 with the server's first rows of that sort.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
/** a loaded 2-core machine: a screen and a reload can each take seconds */
const WAIT = { timeout: 30_000 };
/** the page size of the three lists */
const PAGE = 20;

type Item = { id: number; number?: string };
type List = {
  /** the Table's test id */
  table: string;
  /** the row test id of an item of the list's API */
  row: (i: Item) => string;
  /** the list's API path, e.g. /api/v1/petitions */
  api: string;
  /** the title of the sorted column and its server key */
  column: string;
  sort: string;
};

const accountOf = (username: string) =>
  h.t.db
    .selectFrom('account')
    .select(['id', 'county_code', 'scope_code'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();

/**
 * `n` copies of one of the county's rows of `table`, each with its own number: more than one page,
 * whatever the demo holds. Every column is copied but the identity, the number and the client request id.
 */
async function copies(table: 'petition' | 'dispute', county: string, n: number): Promise<void> {
  const { rows } = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = ${table}
      AND is_identity = 'NO' AND is_generated = 'NEVER'
    ORDER BY ordinal_position`.execute(h.t.db);
  const names = rows.map((r) => r.column_name);
  const values = names.map((c) =>
    c === 'number'
      ? sql`t.number || '-P' || lpad(g::text, 3, '0')`
      : c === 'client_request_id'
        ? sql`NULL`
        : sql.ref(`t.${c}`),
  );
  await sql`
    INSERT INTO ${sql.table(table)} (${sql.join(names.map((c) => sql.ref(c)))})
    SELECT ${sql.join(values)}
    FROM (SELECT * FROM ${sql.table(table)} WHERE county_code = ${county} ORDER BY id LIMIT 1) t,
         generate_series(1, ${n}) g`.execute(h.t.db);
}

/** The list's rows of the API as the signed-in page sees them (its own session cookie). */
async function served(page: Page, list: List, query: string): Promise<{ items: Item[]; total: number }> {
  return page.evaluate(async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as { items: Item[]; total: number };
  }, `${list.api}?limit=${PAGE}&${query}`);
}

const rowIds = async (page: Page, list: List) =>
  page
    .getByTestId(list.table)
    .locator('tbody tr[data-testid]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));

/** The list's pager (antd puts the test id on the table, the pager beside it). */
const pager = (page: Page, list: List) =>
  page.locator(`.ant-table-wrapper:has([data-testid="${list.table}"]) .ant-pagination`);
const activePage = (page: Page, list: List) =>
  pager(page, list).locator('.ant-pagination-item-active').textContent();
/** No load in flight: antd's spinner over the table is gone. */
const settled = (page: Page, list: List) =>
  expect
    .poll(
      () => page.locator(`.ant-table-wrapper:has([data-testid="${list.table}"]) .ant-spin-spinning`).count(),
      WAIT,
    )
    .toBe(0);

/** On the open list: page 2 and stay there, then a sort back to page 1. */
async function pageThenSort(page: Page, list: List): Promise<void> {
  const first = await served(page, list, 'offset=0');
  expect(first.total).toBeGreaterThan(PAGE);
  await expect.poll(async () => rowIds(page, list), WAIT).toEqual(first.items.map(list.row));

  const second = await served(page, list, `offset=${PAGE}`);
  await pager(page, list).locator('.ant-pagination-item-2').click();
  await expect.poll(async () => rowIds(page, list), WAIT).toEqual(second.items.map(list.row));
  await settled(page, list);
  // still page 2 once the page's load is done (the old onChange went back to page 1 here)
  expect(await activePage(page, list)).toBe('2');
  expect(await rowIds(page, list)).toEqual(second.items.map(list.row));

  // a sort starts again at page 1: the server's first rows of that sort
  const sorted = await served(page, list, `offset=0&sort=${list.sort}`);
  await page.getByTestId(list.table).locator('th', { hasText: list.column }).first().click();
  await expect.poll(async () => activePage(page, list), WAIT).toBe('1');
  await expect.poll(async () => rowIds(page, list), WAIT).toEqual(sorted.items.map(list.row));
  expect(await page.getByTestId(list.table).locator('th[aria-sort="ascending"]').textContent()).toContain(
    list.column,
  );
}

describe.skipIf(!chromium)('paging the petition, dispute and visit lists', () => {
  it('the county centre pages the petition register and sorts it', async () => {
    const county = await accountOf('county');
    await copies('petition', county.county_code, 30);
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.goto(`${h.base}/petitions/register`);
    await desk.getByTestId('pet-total').filter({ hasText: /\d/ }).waitFor(WAIT);
    await pageThenSort(desk, {
      table: 'pet-table',
      row: (i) => `pet-row-${i.number}`,
      api: '/api/v1/petitions',
      column: '编号',
      sort: 'number',
    });
    expect(h.pageErrors).toEqual([]);
  }, 240_000);

  it('the county centre pages the dispute list and sorts it', async () => {
    const county = await accountOf('county');
    await copies('dispute', county.county_code, 30);
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.goto(`${h.base}/disputes?tab=list`);
    await desk.getByTestId('disputes-total').filter({ hasText: /\d/ }).waitFor(WAIT);
    const disputes: List = {
      table: 'disputes-table',
      row: (i) => `dispute-row-${i.id}`,
      api: '/api/v1/disputes',
      column: '编号',
      sort: 'number',
    };
    await pageThenSort(desk, disputes);

    // a search from page 2 starts at page 1 (the copies share a summary: more than a page again)
    const copied = await h.t.db
      .selectFrom('dispute')
      .select('summary')
      .where('number', 'like', '%-P001')
      .executeTakeFirstOrThrow();
    const word = copied.summary.slice(0, 4);
    const found = await served(desk, disputes, `offset=0&sort=number&q=${encodeURIComponent(word)}`);
    expect(found.total).toBeGreaterThan(PAGE);
    await pager(desk, disputes).locator('.ant-pagination-item-2').click();
    await expect.poll(async () => activePage(desk, disputes), WAIT).toBe('2');
    await settled(desk, disputes);
    await desk.getByTestId('disputes-search').locator('input').fill(word);
    await desk.getByTestId('disputes-search').locator('input').press('Enter');
    await expect.poll(async () => rowIds(desk, disputes), WAIT).toEqual(found.items.map(disputes.row));
    expect(await activePage(desk, disputes)).toBe('1');
    expect(h.pageErrors).toEqual([]);
  }, 240_000);

  it('village staff page the recent visits and sort them', async () => {
    const village = await accountOf('village');
    // visits to the village's (few) households over the last weeks, at distinct times (no ties)
    await sql`
      INSERT INTO visit (county_code, household_id, grid_code, grid_path, worker_account_id, visited_at,
                         kind, outcome, notes)
      SELECT h.county_code, h.id, h.grid_code, h.grid_path, ${village.id},
             now() - (h.id * 10 + s) * interval '1 hour', 'routine', 'all_well', '分页测试走访'
      FROM household h, generate_series(1, 9) s
      WHERE h.grid_path <@ (SELECT path FROM region WHERE code = ${village.scope_code})
      ORDER BY h.id, s LIMIT 45`.execute(h.t.db);
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.goto(`${h.base}/visits`);
    await desk.getByRole('tab', { name: /最近走访/ }).click();
    await desk.getByTestId('visits-total').filter({ hasText: /\d/ }).waitFor(WAIT);
    const visits: List = {
      table: 'visit-table',
      row: (i) => `visit-row-${i.id}`,
      api: '/api/v1/visits',
      column: '走访时间',
      sort: 'visitedAt',
    };
    await pageThenSort(desk, visits);

    // another region (a row of the coverage table, the URL's `within`) starts the list at page 1 again
    const { rows } = await sql<{ code: string }>`
      SELECT r.code FROM region r, household h
      WHERE r.parent_code = ${village.scope_code} AND h.grid_path <@ r.path
      ORDER BY h.id LIMIT 1`.execute(h.t.db);
    const grid = rows[0]!.code;
    await pager(desk, visits).locator('.ant-pagination-item-2').click();
    await expect.poll(async () => activePage(desk, visits), WAIT).toBe('2');
    await settled(desk, visits);
    const inGrid = await served(desk, visits, `offset=0&sort=visitedAt&within=${grid}`);
    await desk.getByTestId(`summary-${grid}`).click();
    await expect.poll(async () => rowIds(desk, visits), WAIT).toEqual(inGrid.items.map(visits.row));
    expect(await activePage(desk, visits)).toBe('1');
    expect(h.pageErrors).toEqual([]);
  }, 240_000);
});
