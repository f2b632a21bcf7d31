/**
 * Departments and account ties in real Chromium: 'admin' adds a county bureau in the
 * departments tab, creates a department account tied to it (the department select
 * searches the county's departments), then deactivates the bureau.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const desk = async (): Promise<Page> => (await h.context('desk')).newPage();

describe.skipIf(!chromium)('departments in the browser', () => {
  it('admin adds a bureau, ties a new account to it, then deactivates it', async () => {
    const page = await desk();
    await h.signIn(page, '/', 'admin');
    await page.goto(`${h.base}/#/admin`);
    await page.getByTestId('tab-departments').click();
    await page.getByTestId('dept-add').click();
    await page.getByTestId('dept-code').fill('e2e_bureau');
    await page.getByTestId('dept-name').fill('铁岭县测试服务局');
    await page.getByTestId('dept-save').click();
    await page.getByTestId('dept-row-e2e_bureau').waitFor();
    const dept = await h.t.db
      .selectFrom('department')
      .select(['id', 'tier', 'region_code', 'active'])
      .where('code', '=', 'e2e_bureau')
      .executeTakeFirstOrThrow();
    expect(dept).toMatchObject({ tier: 'county', region_code: '211221', active: true });

    await page.getByTestId('tab-accounts').click();
    await page.getByTestId('account-create').click();
    await page.getByTestId('account-username').fill('e2e-bureau');
    await page.getByTestId('account-name').fill('测试服务局');
    await page.getByTestId('account-password').fill('a-long-password');
    await pickOption(page, 'account-role', '职能部门');
    // the select searches the county's departments on the server
    await page.getByTestId('account-department').click();
    await page.keyboard.type('测试服务局');
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '铁岭县测试服务局',
      })
      .first();
    await option.waitFor();
    await option.click();
    await page.getByTestId('modal-confirm').click();
    await page.getByTestId('account-row-e2e-bureau').waitFor();
    const acct = await h.t.db
      .selectFrom('account')
      .select(['role', 'scope_code', 'department_id'])
      .where('username', '=', 'e2e-bureau')
      .executeTakeFirstOrThrow();
    expect(acct).toEqual({ role: 'department_staff', scope_code: '211221', department_id: dept.id });

    await page.getByTestId('tab-departments').click();
    await page.getByTestId(`dept-deactivate-${dept.id}`).click();
    await page.getByTestId('dept-deactivate-confirm').click();
    await expect
      .poll(
        async () =>
          (
            await h.t.db
              .selectFrom('department')
              .select('active')
              .where('id', '=', dept.id)
              .executeTakeFirstOrThrow()
          ).active,
      )
      .toBe(false);
    expect(h.pageErrors).toEqual([]);
  });
});
