/**
 * Issue 12, the field app at 360 px in real Chromium: every screen no tab leads to has a named way
 * back of at least 44 × 44 px; a tap on a tab (also the active one) returns to its root; deep links
 * work after a reload; tiles follow what the person can use; the unread badge clears when what a
 * message is about is opened; news waits in the inbox while a form is open; larger-text mode.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { notify } from '../../src/modules/notify/index.js';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { pointInGrid } from '../fixtures.js';
import { signIn } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** The way back: a button named 返回, at least 44 × 44 px, that leads to `then`. */
async function backLeadsTo(page: Page, then: string) {
  const back = page.getByRole('button', { name: '返回' });
  await back.waitFor();
  const box = (await back.boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(44);
  expect(box.height).toBeGreaterThanOrEqual(44);
  await back.click();
  await page.getByTestId(then).waitFor();
}

const account = (username: string) =>
  h.t.db
    .selectFrom('account')
    .select(['id', 'county_code', 'scope_code'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();

/** The demo's own notices to the villager (e.g. 三务公开 published) read, so the badge counts only the test's. */
const readInbox = (accountId: number) =>
  h.t.db
    .updateTable('notification')
    .set({ read_at: new Date() })
    .where('account_id', '=', accountId)
    .execute();

/** A report by the demo villager (through the API), in their grid. */
async function villagerReport(description: string) {
  const a = await account('resident');
  const at = await pointInGrid(h.t.db, a.scope_code);
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await signIn(h.t.app, 'resident'),
    payload: {
      source: 'resident_app',
      categoryCode: 'G0401',
      description,
      reporterContact: '13900001111',
      ...at,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; number: string }>();
}

describe.skipIf(!chromium)('field app navigation at 360 px', () => {
  it('a full-time worker: no points tile; a way back everywhere; tabs return to their root; deep links survive a reload', async () => {
    const kase = await villagerReport('村口垃圾没人清');
    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'gridworker');
    // tiles by what the person can use: a full-time worker is paid, earns no points
    await page.getByTestId('home-visits').waitFor();
    expect(await page.getByTestId('home-points').count()).toBe(0);
    expect(await page.getByRole('navigation').count()).toBe(1);

    for (const [tile, screen] of [
      ['home-visits', 'visits-due'],
      ['home-wishes', 'wishes'],
      ['home-errands', 'errands'],
      ['home-disclosures', 'disclosures-screen'],
    ] as const) {
      await page.getByTestId(tile).click();
      await page.getByTestId(screen).waitFor();
      await backLeadsTo(page, 'home-report');
    }

    // 入户走访 → a household → back to the list → back home
    await page.getByTestId('home-visits').click();
    const first = page.locator('[data-testid^="due-"]').first();
    await first.waitFor();
    await first.click();
    await page.getByTestId('household').waitFor();
    await backLeadsTo(page, 'visits-due');
    await backLeadsTo(page, 'home-report');

    // the active 首页 tab: on 入户走访 (no tab of its own) a tap on 首页 goes home
    await page.getByTestId('home-visits').click();
    await page.getByTestId('visits-due').waitFor();
    expect(await page.getByTestId('tab-home').getAttribute('aria-current')).toBe('page');
    await page.getByTestId('tab-home').click();
    await page.getByTestId('home-report').waitFor();

    // the active 待办 tab on a case goes back to the list
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('cases').waitFor();
    await page.getByTestId(`case-${kase.number}`).click();
    await page.getByTestId('detail').waitFor();
    await page.getByTestId('tab-cases').click();
    await page.getByTestId(`case-${kase.number}`).waitFor();

    // deep links after a reload (path-style, history routing): the screen comes back, its way back leads home
    await page.goto(`${h.base}/m/visits`);
    await page.reload();
    await page.getByTestId('visits-due').waitFor();
    await backLeadsTo(page, 'home-report');
    await page.goto(`${h.base}/m/cases/${kase.id}`);
    await page.reload();
    await page.getByTestId('detail-description').waitFor();
    await backLeadsTo(page, 'cases');

    expect(
      await page.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(360);
    expect(h.pageErrors).toEqual([]);
  });

  it('a part-time worker has the points tile, and 我的积分 has its way back', async () => {
    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'parttime');
    await page.getByTestId('home-points').click();
    await page.getByTestId('points-balance').waitFor();
    await backLeadsTo(page, 'home-report');
  });

  it('the unread badge clears when the case a message is about is opened, however it is reached', async () => {
    const me = await account('resident');
    const kase = await villagerReport('路灯坏了');
    await readInbox(me.id);
    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'resident');
    await notify(h.t.db, {
      countyCode: me.county_code,
      accountIds: [me.id],
      caseId: kase.id,
      kind: 'case.file',
      title: '您的诉求已受理',
    });
    await expect.poll(() => page.getByTestId('unread-badge').textContent()).toBe('1');
    // not through the inbox: from 我的诉求
    await page.getByTestId('tab-cases').click();
    await page.getByTestId('cases').waitFor();
    await page.getByTestId(`case-${kase.number}`).click();
    await page.getByTestId('detail').waitFor();
    await expect.poll(() => page.getByTestId('unread-badge').count()).toBe(0);
    const row = await h.t.db
      .selectFrom('notification')
      .select('read_at')
      .where('account_id', '=', me.id)
      .where('case_id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row.read_at).not.toBeNull();

    // and through the inbox: "mark all read" clears it at once
    await notify(h.t.db, {
      countyCode: me.county_code,
      accountIds: [me.id],
      kind: 'case.file',
      title: '通知一',
    });
    await expect.poll(() => page.getByTestId('unread-badge').textContent()).toBe('1');
    await page.getByTestId('tab-messages').click();
    await page.getByTestId('mark-all-read').click();
    await expect.poll(() => page.getByTestId('unread-badge').count()).toBe(0);
  });

  it('news about another case waits in the inbox while a form is open, and is announced after', async () => {
    const me = await account('resident');
    const kase = await villagerReport('河道有垃圾');
    await readInbox(me.id);
    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'resident');
    await page.getByTestId('home-report').click();
    await page.getByTestId('description').fill('正在写一件事');
    await notify(h.t.db, {
      countyCode: me.county_code,
      accountIds: [me.id],
      caseId: kase.id,
      kind: 'case.file',
      title: '另一件诉求已受理',
    });
    await expect.poll(() => page.getByTestId('unread-badge').textContent()).toBe('1');
    await page.waitForTimeout(500);
    expect(await page.locator('.adm-toast-main').count()).toBe(0);
    expect(await page.getByTestId('description').inputValue()).toBe('正在写一件事');
    // the form closes: one line says news came
    await page.getByTestId('tab-home').click();
    await page.locator('.adm-toast-main', { hasText: '1 条新消息' }).waitFor();
  });

  it('larger-text mode: a switch on the home screen, kept after a reload, larger type and tabs', async () => {
    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'resident');
    const size = () => page.evaluate<string>('getComputedStyle(document.body).fontSize');
    const tab = async () => (await page.getByTestId('tab-home').boundingBox())!.height;
    expect(await size()).toBe('17px');
    const before = await tab();
    await page.getByTestId('care-switch').click();
    await expect.poll(size).toBe('21px');
    expect(await tab()).toBeGreaterThan(before);
    await page.reload();
    await page.getByTestId('home-report').waitFor();
    expect(await page.locator('html').getAttribute('class')).toContain('care');
    expect(await size()).toBe('21px');
    expect(
      await page.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(360);
    await page.getByTestId('care-switch').click();
    await expect.poll(size).toBe('17px');
  });
});
