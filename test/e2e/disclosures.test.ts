/**
 * 阳光三务 (J14) in real Chromium: the village's two committees publish a month's
 * finances with lines on the desktop; a villager reads it on the phone with the
 * totals and asks a question; the village answers; the villager sees the answer.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const TITLE = '本月财务收支公开（浏览器测试）';

describe.skipIf(!chromium)('sunshine three affairs in the browser', () => {
  it('village publishes finances → villager reads the totals and asks → village answers → villager sees it', async () => {
    // the village's two committees, at the desk: a finance draft with two lines, then publish
    const village = await (await h.context('desk')).newPage();
    await h.signIn(village, '/', 'village');
    await village.getByTestId('menu-disclosures').click();
    await village.getByTestId('disclosure-new').click();
    await village.getByTestId('editor-title').fill(TITLE);
    await village.getByTestId('editor-body').fill('本月收支如下，凭证在村部可查。');
    await village.getByTestId('line-item-0').fill('村集体经济收入');
    await village.getByTestId('line-income-0').fill('12000.5');
    await village.getByTestId('line-add').click();
    await village.getByTestId('line-item-1').fill('道路维修');
    await village.getByTestId('line-expense-1').fill('3000.25');
    await village.getByTestId('editor-body').click(); // leave the number field so the form takes its value
    await expect.poll(() => village.getByTestId('live-totals').textContent()).toContain('9,000.25');
    await village.getByTestId('disclosure-save').click();
    await village.waitForURL(/\/disclosures\/\d+/);
    const id = Number(/\/disclosures\/(\d+)/.exec(village.url())![1]);
    await village.getByTestId('disclosure-publish').click();
    await village.getByTestId('disclosure-publish-confirm').click();
    await village.locator('[data-testid="disclosure-drawer-status"][data-status="published"]').waitFor();
    const row = await h.t.db
      .selectFrom('disclosure')
      .select(['status', 'kind', 'title'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'published', kind: 'finance', title: TITLE });

    // the villager, on the phone: 财务 tab, the new notice, the totals, a question
    const resident = await (await h.context('phone')).newPage();
    await h.signIn(resident, '/m/', 'resident');
    await resident.getByTestId('home-disclosures').click();
    await resident.getByTestId('disclosures-tab-finance').click();
    await resident.getByTestId(`disclosure-${id}`).click();
    await expect.poll(() => resident.getByTestId('total-income').textContent()).toBe('12,000.50');
    expect(await resident.getByTestId('total-expense').textContent()).toBe('3,000.25');
    expect(await resident.getByTestId('total-balance').textContent()).toBe('9,000.25');
    expect(await resident.getByTestId('disclosure-read-count').textContent()).toContain('1');
    // nothing wider than the phone
    expect(
      await resident.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(360);
    await resident.getByTestId('ask-text').fill('道路维修修的是哪一段？');
    await resident.getByTestId('ask-send').click();
    await resident.getByText('道路维修修的是哪一段？').waitFor();

    // the village answers from the drawer
    await village.goto(`${h.base}/#/disclosures/${id}`);
    await village.reload();
    await village.getByTestId('answer-text').fill('二组到村部的水泥路，已经验收。');
    await village.getByTestId('answer-send').click();
    await village.getByTestId('answer-text').waitFor({ state: 'detached' });

    // the villager sees the answer
    await resident.reload();
    await expect
      .poll(() => resident.getByTestId('question-answer').textContent(), { timeout: 15_000 })
      .toContain('二组到村部的水泥路，已经验收。');
    expect(h.pageErrors).toEqual([]);
  });
});
