/**
 * J16 in real Chromium: 'party' (县委组织部) opens 干部队伍, reads the organisation department's
 * figures (seed 004's: average age 40.8, 72.7 % college, 一肩挑 96.7 % / 100 %, 895 reserve cadres,
 * 147 first secretaries), narrows the registry by name, opens a secretary and reveals the phone
 * with a reason (audited); then the first secretaries in post. 'township' opens 两新组织, sees the
 * coverage of 岫岩's figures and records how an open problem of the help ledger was solved.
 */
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const desk = async (): Promise<Page> => (await h.context('desk')).newPage();
const statText = (page: Page, key: string) =>
  page.getByTestId(key).locator('.ant-statistic-content').textContent();

describe.skipIf(!chromium)('cadres and enterprises in the browser', () => {
  it("'party' reads the cadre statistics, finds a secretary and reveals the phone with a reason", async () => {
    const page = await desk();
    await h.signIn(page, '/', 'party');
    await page.getByTestId('menu-cadres').click();
    await expect.poll(() => statText(page, 'cadres-stat-averageAge'), { timeout: 20_000 }).toContain('40.8');
    await expect(statText(page, 'cadres-stat-college')).resolves.toContain('72.7%');
    await expect(statText(page, 'cadres-stat-oneVillages')).resolves.toContain('96.7%');
    await expect(statText(page, 'cadres-stat-oneCommunities')).resolves.toContain('100%');
    await expect(statText(page, 'cadres-stat-reserve')).resolves.toContain('895');
    await expect(statText(page, 'cadres-stat-firstSecretaries')).resolves.toContain('147');

    // a secretary who also chairs the committee, found by name in the registry
    const secretary = await h.t.db
      .selectFrom('cadre')
      .select(['id', 'name', 'phone_masked'])
      .where('county_code', '=', '211221')
      .where(sql<boolean>`posts @> ARRAY['secretary', 'director']::text[]`)
      .orderBy('region_code')
      .executeTakeFirstOrThrow();
    await page.getByTestId('cadres-committee-search').locator('input').fill(secretary.name);
    await page.getByTestId('cadres-committee-search').locator('input').press('Enter');
    const table = page.getByTestId('cadres-table-committee');
    await table.locator('tr', { hasText: secretary.phone_masked! }).first().click();
    const drawer = page.getByTestId('cadre-drawer');
    await expect.poll(() => drawer.getByTestId('cadre-phone').textContent()).toContain('****');
    await drawer.getByTestId('cadre-reveal').click();
    await page.getByTestId('cadre-reveal-reason').fill('核实联系方式');
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => drawer.getByTestId('cadre-phone').textContent()).toMatch(/^1\d{10}$/);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['reason', 'entity_id'])
      .where('action', '=', 'cadre.reveal')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('核实联系方式');
    await page.keyboard.press('Escape');

    await page.getByTestId('cadres-tab-first').click();
    await expect
      .poll(() => page.getByTestId('cadres-first-secretaries').locator('tbody tr').count())
      .toBeGreaterThan(5);
    expect(h.pageErrors).toEqual([]);
  });

  it("'township' sees the coverage and records how an open problem was solved", async () => {
    const page = await desk();
    await h.signIn(page, '/', 'township');
    await page.getByTestId('menu-enterprises').click();
    await expect
      .poll(() => page.getByTestId('ent-table').locator('tbody tr').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('ent-tab-ledger').click();
    const open = page.locator('[data-testid^="ent-solve-"]').first();
    await open.waitFor();
    const id = Number((await open.getAttribute('data-testid'))!.replace('ent-solve-', ''));
    await open.click();
    await page.getByTestId('ent-solve-text').fill('对接银行，发放贴息贷款');
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect
      .poll(
        async () =>
          (
            await h.t.db
              .selectFrom('enterprise_help')
              .select('state')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).state,
      )
      .toBe('solved');
    expect(h.pageErrors).toEqual([]);
  });
});
