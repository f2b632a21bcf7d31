/**
 * J10 through the UI in real Chromium: a villager makes a micro-wish on the
 * phone; the village's staff publish it at their desk; the county party
 * organiser claims it for a party branch and records it fulfilled with a
 * photo; the villager sees it fulfilled, with the photo, and says thanks.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';
import { jpeg } from '../fixtures.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** Desktop: open the wish's drawer, take an action through its modal. */
async function deskAct(page: Page, id: number, action: string, fill?: () => Promise<void>) {
  await page.goto(`${h.base}/#/wishes/${id}`);
  await page.getByTestId(`wish-action-${action}`).click();
  await page.getByTestId('wish-modal-confirm').waitFor();
  if (fill) await fill();
  await page.getByTestId('wish-modal-confirm').click();
  await page.getByTestId('wish-modal-confirm').waitFor({ state: 'detached', timeout: 15_000 });
}

const statusOf = async (id: number) =>
  (await h.t.db.selectFrom('wish').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

describe.skipIf(!chromium)('J10 micro-wishes in the browser', () => {
  it('villager wishes → village publishes → party organiser claims and fulfils → villager thanks', async () => {
    // the villager, on the phone: 微心愿 → 许个微心愿
    const villager = await (await h.context('phone')).newPage();
    await h.signIn(villager, '/m/', 'resident');
    await villager.getByTestId('home-wishes').click();
    await villager.getByTestId('wishes-make').click();
    await villager.getByTestId('wish-beneficiary').fill('王奶奶');
    await villager.getByTestId('wish-kind-elderly_alone').click();
    await villager.getByTestId('wish-title').fill('想要一台收音机');
    await villager.getByTestId('wish-detail').fill('一个人在家，想听听新闻和评书');
    await villager.getByTestId('wish-submit').click();
    await villager.getByTestId('wish-detail-screen').waitFor();
    await expect
      .poll(() => villager.getByTestId('wish-status').getAttribute('data-status'))
      .toBe('submitted');
    const wish = await h.t.db
      .selectFrom('wish')
      .select(['id', 'number', 'source'])
      .where('title', '=', '想要一台收音机')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(wish.source).toBe('resident');
    // 360 px: nothing wider than the screen
    expect(await villager.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

    // the village's two committees, at the desk: find it on the wall and publish it
    const village = await (await h.context('desk')).newPage();
    await h.signIn(village, '/', 'village');
    await village.getByTestId('menu-wishes').click();
    await village.getByTestId(`wish-row-${wish.number}`).click();
    await village.getByTestId('wish-action-publish').click();
    await village.getByTestId('wish-modal-confirm').click();
    await village.getByTestId('wish-modal-confirm').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => statusOf(wish.id)).toBe('published');

    // the county party organiser: claims it for a party branch, then records it fulfilled with a photo
    const party = await (await h.context('desk')).newPage();
    await h.signIn(party, '/', 'party');
    await deskAct(party, wish.id, 'claim', async () => {
      await party.getByTestId('wish-claimer-name').fill('县委组织部机关党支部');
      await pickOption(party, 'wish-claimer-kind', '党组织');
    });
    await expect.poll(() => statusOf(wish.id)).toBe('claimed');
    await deskAct(party, wish.id, 'fulfil', async () => {
      await party.getByTestId('wish-modal-text').fill('收音机已送到王奶奶家，教会了她使用');
      await party
        .getByTestId('photo-input')
        .setInputFiles({ name: 'radio.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#7a6a5a') });
      await party.getByTestId('uploaded-photo').waitFor({ timeout: 30_000 });
    });
    await expect.poll(() => statusOf(wish.id)).toBe('fulfilled');

    // the villager sees who helped, the photo, and says thanks
    await villager.goto(`${h.base}/m/#/wishes`);
    await villager.getByTestId(`wish-${wish.number}`).click();
    await expect
      .poll(() => villager.getByTestId('wish-status').getAttribute('data-status'))
      .toBe('fulfilled');
    await expect
      .poll(() => villager.getByTestId('wish-claimers').textContent())
      .toContain('县委组织部机关党支部');
    const img = villager.getByTestId('wish-photo').first();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await villager.getByTestId('wish-action-close').click();
    await villager.getByTestId('wish-text').fill('收到了，谢谢党员同志！');
    await villager.getByTestId('wish-text-submit').click();
    await expect.poll(() => villager.getByTestId('wish-status').getAttribute('data-status')).toBe('closed');

    const row = await h.t.db
      .selectFrom('wish')
      .select(['status', 'thanks_note'])
      .where('id', '=', wish.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', thanks_note: '收到了，谢谢党员同志！' });
    const steps = await h.t.db
      .selectFrom('service_history')
      .select('action')
      .where('entity_type', '=', 'wish')
      .where('entity_id', '=', wish.id)
      .orderBy('id')
      .execute();
    expect(steps.map((s) => s.action)).toEqual(['submit', 'publish', 'claim', 'fulfil', 'close']);
    expect(h.pageErrors).toEqual([]);
  });
});
