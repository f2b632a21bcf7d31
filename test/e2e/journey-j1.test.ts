/**
 * J1 through the UI in real Chromium: a villager reports broken paving with a
 * photo on the phone layout; grid worker 孟倩 forwards it; the township centre
 * dispatches it to the urban-management office; the office completes it with a
 * photo; the villager sees "repaired" with the photo and rates it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { J1 } from '../../src/modules/demo/accounts.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';
import { jpeg, pointInGrid } from '../fixtures.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** Desktop: open the case, take an action through its modal. */
async function deskAct(page: Page, id: number, action: string, fill?: () => Promise<void>) {
  await page.goto(`${h.base}/#/cases/${id}`);
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('modal-confirm').waitFor();
  if (fill) await fill();
  await page.getByTestId('modal-confirm').click();
  await page.getByTestId('modal-confirm').waitFor({ state: 'detached', timeout: 15_000 });
}

describe.skipIf(!chromium)('J1 in the browser', () => {
  it('villager → grid worker → township centre → office → villager rates', async () => {
    const at = await pointInGrid(h.t.db, J1.grid);
    const photo = await jpeg('#6b5b4b');

    // the villager, on the phone: 随手拍 with a photo and the phone's location
    const villager = await (await h.context('phone', { latitude: at.lat, longitude: at.lng })).newPage();
    await h.signIn(villager, '/m/', 'zhangjia');
    await villager.getByTestId('home-report').click();
    await villager
      .getByTestId('photo-input')
      .setInputFiles({ name: 'road.jpg', mimeType: 'image/jpeg', buffer: photo });
    await villager.getByTestId('category-search').fill('路面');
    await villager.getByTestId('category-P0201').click();
    for (const attr of await villager.locator('[data-testid^="attr-"]').all()) {
      const option = attr.locator('.adm-selector-item').first();
      if (await option.count()) await option.click();
    }
    await villager.getByTestId('description').fill('路边铺装破损，行人容易绊倒');
    await villager.getByTestId('location-text').waitFor();
    await villager.getByTestId('submit').click();
    await villager.getByTestId('report-sent').waitFor({ timeout: 30_000 });
    const number = (await villager.getByTestId('sent-number').textContent())!.match(/\d{6}-\d{8}-\d{6}/)![0];
    const c = await h.t.db
      .selectFrom('cases')
      .select(['id', 'grid_code'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(c.grid_code).toBe(J1.grid);

    // 孟倩, on her phone: forwards it to the street command centre
    const worker = await (await h.context('phone')).newPage();
    await h.signIn(worker, '/m/', 'mengqian');
    await worker.getByTestId('home-cases').click();
    await worker.getByTestId(`case-${number}`).click();
    await worker.getByTestId('action-escalate').click();
    await worker.getByTestId('note').fill('路面破损需街道城管办维修');
    await worker.getByTestId('confirm').click();
    await worker.getByTestId('timeline-escalate').waitFor();

    // the township centre, at its desk: dispatches to 太平街道城市管理办公室
    const centre = await (await h.context('desk')).newPage();
    await h.signIn(centre, '/', 'taiping');
    await centre.getByTestId('menu-cases').click();
    await centre.getByTestId(`case-row-${number}`).waitFor();
    await deskAct(centre, c.id, 'dispatch', async () => {
      await pickOption(centre, 'dept-select', '太平街道城市管理办公室');
      await centre.getByTestId('action-note').fill('请城管办维修');
    });

    // the office: accepts, repairs, posts the photo of the finished work
    const office = await (await h.context('desk')).newPage();
    await h.signIn(office, '/', 'taiping-cgb');
    await deskAct(office, c.id, 'accept');
    await deskAct(office, c.id, 'handle', async () => {
      await office
        .getByTestId('photo-input')
        .setInputFiles({ name: 'done.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#a0a0a0') });
      await office.getByTestId('uploaded-photo').waitFor({ timeout: 30_000 });
      await office.getByTestId('action-note').fill('已修复');
    });
    await deskAct(centre, c.id, 'close', async () => centre.getByTestId('action-note').fill('核查属实'));

    // the villager sees "repaired" with the photo, and rates it
    await villager.goto(`${h.base}/m/#/cases`);
    await villager.getByTestId(`case-${number}`).click();
    await villager.getByTestId('timeline-handle').waitFor();
    await expect.poll(() => villager.getByTestId('photo-after').count()).toBeGreaterThan(0);
    const img = villager.getByTestId('photo-after').locator('img').first();
    await expect
      .poll(() => img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await villager.getByTestId('action-evaluate').click();
    await villager.getByTestId('rate-satisfied').click();
    await villager.getByTestId('note').fill('修得很快，谢谢');
    await villager.getByTestId('confirm').click();
    await expect
      .poll(
        async () =>
          (
            await h.t.db
              .selectFrom('cases')
              .select('evaluation')
              .where('id', '=', c.id)
              .executeTakeFirstOrThrow()
          ).evaluation,
      )
      .toBe('satisfied');

    const history = await h.t.db
      .selectFrom('case_history')
      .select('action')
      .where('case_id', '=', c.id)
      .orderBy('id')
      .execute();
    expect(history.map((step) => step.action)).toEqual([
      'report',
      'escalate',
      'dispatch',
      'accept',
      'handle',
      'close',
      'evaluate',
    ]);
    expect(h.pageErrors).toEqual([]);
  });
});
