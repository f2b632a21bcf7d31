/**
 * Account administration and the party organisation in real Chromium:
 * 'admin' disables the account 'department' on the desktop, after which
 * 'department' cannot sign in; 'party' (县委组织部) opens the party page, walks
 * the tree down to a grid party group and sees its members and the
 * households one of them is linked to.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const desk = async (): Promise<Page> => (await h.context('desk')).newPage();
const typeLogin = (page: Page, user: string) => h.typeLogin(page, '/', user);

/** The tree row of an organisation: its switcher opens it, its title selects it. */
const treeNode = (page: Page, id: number) =>
  page.locator('.ant-tree-treenode', { has: page.getByTestId(`party-org-${id}`) });

/**
 * Opens a tree node until its child shows. A click that lands while the tree still
 * animates the previous expansion is lost (the rows are motion placeholders then),
 * so look at the node's state and click again rather than trust one click.
 */
async function expand(page: Page, id: number, child: number): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if (await page.getByTestId(`party-org-${child}`).isVisible()) return;
    const node = treeNode(page, id);
    if (!/switcher-open/.test((await node.getAttribute('class')) ?? ''))
      await node.locator('.ant-tree-switcher').click();
    await page
      .getByTestId(`party-org-${child}`)
      .waitFor({ timeout: 1000 })
      .catch(() => undefined);
  }
  throw new Error(`tree node ${id} did not open to show ${child}`);
}

describe.skipIf(!chromium)('administration and party organisation in the browser', () => {
  it("admin disables 'department'; 'department' can then not sign in", async () => {
    const page = await desk();
    await typeLogin(page, 'admin');
    await page.getByTestId('menu-workbench').waitFor();
    await page.goto(`${h.base}/#/admin`);
    await page.getByTestId('account-toggle-department').click();
    await page.getByTestId('account-toggle-confirm').click();
    await page.getByTestId('account-disabled-department').waitFor();
    const row = await h.t.db
      .selectFrom('account')
      .select('disabled')
      .where('username', '=', 'department')
      .executeTakeFirstOrThrow();
    expect(row.disabled).toBe(true);
    // my own row offers no disable button
    await expect(page.getByTestId('account-toggle-admin').count()).resolves.toBe(0);

    const dept = await desk();
    await typeLogin(dept, 'department');
    // a disabled account is told what a wrong password is told: the right password is not confirmed
    await expect(dept.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
    await expect(dept.getByTestId('menu-workbench').count()).resolves.toBe(0);
  });

  it("'party' opens the party page, expands the tree and sees the members of a grid party group", async () => {
    // a grid party group with members, and its branch and township committee
    const group = await h.t.db
      .selectFrom('party_org as g')
      .innerJoin('party_member as m', (j) =>
        j.onRef('m.county_code', '=', 'g.county_code').onRef('m.org_id', '=', 'g.id'),
      )
      .innerJoin('party_org as b', (j) =>
        j.onRef('b.county_code', '=', 'g.county_code').onRef('b.id', '=', 'g.parent_id'),
      )
      .select(['g.id', 'g.name', 'b.id as branch', 'b.parent_id as township'])
      .where('g.county_code', '=', '211221')
      .where('g.kind', '=', 'grid_group')
      .orderBy('g.region_code')
      .executeTakeFirstOrThrow();
    const members = await h.t.db
      .selectFrom('party_member')
      .select('id')
      .where('county_code', '=', '211221')
      .where('org_id', '=', group.id)
      .orderBy('id')
      .execute();

    const page = await desk();
    await typeLogin(page, 'party');
    await page.getByTestId('menu-party').click();
    await page.getByTestId('party-tree').waitFor();
    await expect(page.getByTestId('party-sum-members').textContent()).resolves.toMatch(/\d/);
    await expand(page, group.township as number, group.branch);
    await expand(page, group.branch, group.id);
    await page.getByTestId(`party-org-${group.id}`).click();

    const panel = page.getByTestId('party-org-panel');
    await panel.getByText(group.name).first().waitFor();
    await expect(page.getByTestId('party-sum-scope').textContent()).resolves.toContain('网格');
    for (const m of members.slice(0, 20)) await page.getByTestId(`party-member-${m.id}`).waitFor();
    expect(await page.locator('[data-testid^="party-member-"]').count()).toBe(Math.min(20, members.length));

    const first = members[0]?.id as number;
    const linked = await h.t.db
      .selectFrom('party_member_household')
      .select('household_id')
      .where('county_code', '=', '211221')
      .where('member_id', '=', first)
      .execute();
    await page.getByTestId(`party-member-${first}`).click();
    const drawer = page.getByTestId('party-member-households');
    await drawer.waitFor();
    await expect(drawer.locator('tbody tr.ant-table-row').count()).resolves.toBe(linked.length);
    expect(h.pageErrors).toEqual([]);
  });
});
