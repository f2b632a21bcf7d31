/**
 * Issue 14's party organisation, alive, in real Chromium: the county's party organiser ('party')
 * creates a grid branch under a village branch, moves a member into it, and assigns two households
 * no member looks after to that member in bulk; the page's figures change with each step.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, requireChromium, searchOption, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
const COUNTY = '211221';
/** a loaded 2-core machine: a screen, a save and a reload can each take seconds */
const WAIT = { timeout: 30_000 };

const card = (page: Page, key: string) =>
  page.getByTestId(`party-sum-${key}`).locator('.ant-statistic-content-value').textContent();
const okButton = (page: Page) => page.locator('.ant-modal-footer .ant-btn-primary').filter({ visible: true });
const openOrg = (page: Page, id: number, region: string) =>
  page.goto(`${h.base}/party?org=${id}&region=${region}`);

describe.skipIf(!chromium)('editing the party organisation in the browser', () => {
  it("'party' creates a branch, moves a member into it and links unlinked households to them", async () => {
    // a village branch with a grid holding households no member looks after, and one of its members living there
    const { rows } = await sql<{
      org: number;
      village: string;
      grid: string;
      grid_name: string;
      member: number;
      name: string;
    }>`
      SELECT o.id::int AS org, o.region_code AS village, g.code AS grid, g.name AS grid_name,
             m.id::int AS member, r.name
        FROM party_org o
        JOIN region g ON g.parent_code = o.region_code AND g.level = 'grid'
        JOIN party_member m ON m.county_code = o.county_code AND m.org_id IN
             (SELECT id FROM party_org c WHERE c.county_code = o.county_code AND (c.id = o.id OR c.parent_id = o.id))
        JOIN resident r ON r.county_code = m.county_code AND r.id = m.resident_id
       WHERE o.county_code = ${COUNTY} AND o.kind = 'branch' AND m.left_on IS NULL
         -- the member lives on that grid: a grid branch lists the members of its own grid
         AND r.grid_code = g.code
         AND (SELECT count(*) FROM household hh WHERE hh.county_code = o.county_code AND hh.grid_code = g.code
               AND NOT EXISTS (SELECT 1 FROM party_member_household l
                                WHERE l.county_code = hh.county_code AND l.household_id = hh.id)) >= 2
       ORDER BY o.id, g.code, m.id LIMIT 1`.execute(h.t.db);
    const at = rows[0]!;
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'party');
    await page.getByTestId('menu-party').click();
    await openOrg(page, at.org, at.village);
    await expect.poll(() => page.getByTestId('party-org-panel').count(), WAIT).toBe(1);
    await expect.poll(() => card(page, 'gridBranches'), WAIT).toMatch(/^\d+$/);
    const branchesBefore = Number(await card(page, 'gridBranches'));

    // 1. a new grid branch on the grid, under the village branch
    await page.getByTestId('party-org-create').click();
    await pickOption(page, 'party-edit-kind', '网格(小区、楼栋)党支部');
    await page.getByTestId('party-edit-name').fill('浏览器测试网格党支部');
    await page.getByTestId('party-edit-region').fill(at.grid);
    await okButton(page).click();
    const created = async () =>
      h.t.db
        .selectFrom('party_org')
        .select(['id', 'parent_id'])
        .where('county_code', '=', COUNTY)
        .where('name', '=', '浏览器测试网格党支部')
        .executeTakeFirst();
    await expect.poll(async () => Number((await created())?.parent_id), WAIT).toBe(at.org);
    await expect.poll(() => card(page, 'gridBranches'), WAIT).toBe(String(branchesBefore + 1));
    const branch = Number((await created())!.id);

    // 2. the member moves into it from a day
    await openMemberFrom(page, at.org, at.village, at.member);
    await page.getByTestId('party-member-move').click();
    await searchOption(page, 'party-edit-org', '浏览器测试网格党支部');
    await page.locator('.ant-modal .ant-picker input').filter({ visible: true }).fill('2026-12-01');
    await page.locator('.ant-modal .ant-picker input').filter({ visible: true }).press('Enter');
    await okButton(page).click();
    const orgOfMember = async () =>
      Number(
        (
          await h.t.db
            .selectFrom('party_member')
            .select('org_id')
            .where('county_code', '=', COUNTY)
            .where('id', '=', at.member)
            .executeTakeFirstOrThrow()
        ).org_id,
      );
    await expect.poll(orgOfMember, WAIT).toBe(branch);
    await page.keyboard.press('Escape');

    const linked = async () =>
      (
        await h.t.db
          .selectFrom('party_member_household')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('county_code', '=', COUNTY)
          .where('member_id', '=', at.member)
          .executeTakeFirstOrThrow()
      ).n;

    // 3. two households of the grid with no linked member → that member, in one go
    await openOrg(page, branch, at.grid);
    await expect
      .poll(() => page.getByTestId('party-org-panel').textContent(), WAIT)
      .toContain('浏览器测试网格党支部');
    const links = page.getByTestId('party-links');
    await expect
      .poll(
        () => links.getByTestId('party-links-unlinked').locator('.ant-statistic-content-value').textContent(),
        WAIT,
      )
      .toMatch(/^\d+$/);
    const unlinkedBefore = Number(
      await links.getByTestId('party-links-unlinked').locator('.ant-statistic-content-value').textContent(),
    );
    await links.getByTestId('party-links-grids').locator('tr', { hasText: at.grid_name }).first().click();
    const boxes = links
      .getByTestId('party-links-households')
      .locator('tbody .ant-table-selection-column label');
    await expect.poll(() => boxes.count(), WAIT).toBeGreaterThanOrEqual(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await searchOption(page, 'party-links-member', at.name);
    const linkedBefore = await linked();
    await links.getByTestId('party-links-assign').click();
    await expect.poll(linked, WAIT).toBe(linkedBefore + 2);
    await expect
      .poll(
        () => links.getByTestId('party-links-unlinked').locator('.ant-statistic-content-value').textContent(),
        WAIT,
      )
      .toBe(String(unlinkedBefore - 2));
    expect(h.pageErrors).toEqual([]);
  });
});

/** Opens the member's drawer from the organisation's list of all its members. */
async function openMemberFrom(page: Page, org: number, region: string, member: number) {
  await openOrg(page, org, region);
  const panel = page.getByTestId('party-org-panel');
  const row = panel.getByTestId(`party-member-${member}`);
  if (!(await row.count())) await panel.locator('.ant-radio-button-wrapper').nth(1).click();
  await row.click();
  await page.getByTestId('party-member-move').waitFor();
}
