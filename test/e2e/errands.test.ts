/**
 * J12 through the UI in real Chromium, on phones: a villager asks for help paying
 * the electricity bill (代缴电费); the grid's full-time worker takes it and marks
 * it done; the villager sees who did it and confirms with a rating.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const phone = () => h.context('phone');
const signIn = (page: Page, user: string) => h.signIn(page, '/m/', user);

/** Presses an action on the open errand and confirms its sheet. */
async function act(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`errand-action-${action}`).click();
  await page.getByTestId(`errand-sheet-${action}`).waitFor();
  if (fill) await fill();
  await page.getByTestId('errand-sheet-ok').click();
  await page.getByTestId(`errand-sheet-${action}`).waitFor({ state: 'detached', timeout: 15_000 });
}

describe.skipIf(!chromium)('J12 micro-errand in the browser', () => {
  it('villager asks → grid worker takes it and finishes → villager confirms with a rating', async () => {
    const villager = await (await phone()).newPage();
    await signIn(villager, 'resident');
    await villager.getByTestId('home-errands').click();
    await villager.getByTestId('errands-ask').click();
    await villager.getByTestId('item-pay_power').click();
    await expect.poll(() => villager.getByTestId('service-guide').innerText()).toContain('电费户号');
    await villager.getByTestId('errand-detail').fill('帮我交100元电费，户号 0123456789');
    await villager.getByTestId('errand-contact-phone').fill('13812345678');
    await villager.getByTestId('errand-submit').click();
    await villager.getByTestId('errand-detail-screen').waitFor();
    await expect
      .poll(() => villager.getByTestId('errand-status').getAttribute('data-status'))
      .toBe('requested');
    expect(await villager.locator('body').innerText()).not.toContain('13812345678');
    const id = Number(new URL(villager.url()).pathname.split('/').pop());
    const { number } = await h.t.db
      .selectFrom('errand')
      .select('number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

    // the grid worker, on the phone: finds it among the errands waiting, takes it, finishes it
    const worker = await (await phone()).newPage();
    await signIn(worker, 'gridworker');
    await worker.getByTestId('home-errands').click();
    await worker.getByTestId(`errand-${number}`).click();
    await act(worker, 'accept');
    await expect.poll(() => worker.getByTestId('errand-status').getAttribute('data-status')).toBe('accepted');
    await worker.getByTestId('errand-reveal').click();
    await expect.poll(() => worker.locator('a[href="tel:13812345678"]').count()).toBe(1);
    await act(worker, 'done', () => worker.getByTestId('errand-note').fill('已缴电费100元，凭证交给本人'));
    await expect.poll(() => worker.getByTestId('errand-status').getAttribute('data-status')).toBe('done');

    // the villager sees who did it and what was done, and confirms
    await villager.reload();
    await expect.poll(() => villager.getByTestId('errand-status').getAttribute('data-status')).toBe('done');
    expect(await villager.getByTestId('errand-doer').innerText()).toContain('网格员');
    expect(await villager.getByTestId('errand-result').innerText()).toContain('已缴电费100元');
    await act(villager, 'confirm', async () => {
      await villager.getByTestId('rate-satisfied').click();
      await villager.getByTestId('errand-note').fill('谢谢');
    });
    await expect
      .poll(() => villager.getByTestId('errand-status').getAttribute('data-status'))
      .toBe('confirmed');
    expect(await villager.getByTestId('errand-rating').innerText()).toContain('满意');
    expect(await villager.getByTestId('errand-steps').innerText()).toMatch(
      /提出申请[\s\S]*接单[\s\S]*办好了[\s\S]*确认完成/,
    );

    const row = await h.t.db
      .selectFrom('errand')
      .select(['status', 'rating'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'confirmed', rating: 'satisfied' });
    expect(h.pageErrors).toEqual([]);
  });
});
