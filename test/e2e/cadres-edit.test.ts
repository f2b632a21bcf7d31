/**
 * Issue 15's cadre edit form in real Chromium: 'party' opens a two-committee member, records the
 * cadre's ID number in 修改干部信息 (kept encrypted, shown masked) and reveals it with a reason (audited).
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('editing a cadre in the browser', () => {
  it("'party' records a cadre's ID number, sees it masked and reveals it with a reason", async () => {
    const cadre = await h.t.db
      .selectFrom('cadre')
      .select(['id', 'name', 'phone_masked'])
      .where('county_code', '=', '211221')
      .where('phone_masked', 'is not', null)
      .where('id_number_masked', 'is', null)
      .where(sql<boolean>`posts @> ARRAY['secretary']::text[]`)
      .orderBy('region_code')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const idNumber = `990000${1970 + randomInt(20)}0101${String(randomInt(1000)).padStart(3, '0')}X`;
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'party');
    await page.getByTestId('menu-cadres').click();
    await page.getByTestId('cadres-committee-search').locator('input').fill(cadre.name);
    await page.getByTestId('cadres-committee-search').locator('input').press('Enter');
    await page
      .getByTestId('cadres-table-committee')
      .locator('tr', { hasText: cadre.phone_masked! })
      .first()
      .click();
    const drawer = page.getByTestId('cadre-drawer');
    await drawer.getByTestId('cadre-edit-open').click();
    await page.getByTestId('cadre-edit-id').fill(idNumber);
    await page.getByTestId('cadre-edit-save').click();

    await expect
      .poll(
        async () =>
          (
            await h.t.db
              .selectFrom('cadre')
              .select('id_number_masked')
              .where('id', '=', cadre.id)
              .executeTakeFirstOrThrow()
          ).id_number_masked,
      )
      .not.toBeNull();
    await expect.poll(() => drawer.getByTestId('cadre-id-number').textContent()).toContain('*');
    expect(await drawer.textContent()).not.toContain(idNumber);

    await drawer.getByTestId('cadre-reveal-id').click();
    await page.getByTestId('cadre-reveal-reason').fill('核对任职资格');
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await expect.poll(() => drawer.getByTestId('cadre-id-number').textContent()).toBe(idNumber);
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['reason', 'after'])
      .where('action', '=', 'cadre.reveal')
      .where('entity_id', '=', String(cadre.id))
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ reason: '核对任职资格', after: { fields: ['idNumber'] } });
    expect(h.pageErrors).toEqual([]);
  });
});
