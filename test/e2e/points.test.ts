/**
 * J4 through the UI in real Chromium: the part-time worker 'parttime' sees their
 * balance on the phone and exchanges points for goods; the village committee
 * hands them over at its desk; the phone shows them collected, and balance and
 * stock are right.
 */
import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchBrowser } from '../browser.js';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from '../helpers.js';

const chromium = await findChromium();
if (!chromium && process.env.WANGGE_REQUIRE_BROWSER === '1') throw new Error('browser tests required but no Chromium was found');

let t: TestApp;
let browser: Browser;
let base: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function context(kind: 'phone' | 'desk'): Promise<BrowserContext> {
  const ctx = await browser.newContext(
    kind === 'phone'
      ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }
      : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  );
  ctx.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
  return ctx;
}

async function signIn(page: Page, path: '/m/' | '/', user: string) {
  await page.goto(`${base}${path}`);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(path === '/m/' ? 'home-report' : 'menu-workbench').waitFor();
}

const workerRow = () =>
  t.db
    .selectFrom('grid_worker as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['w.id', 'w.points_balance', 'w.grid_code'])
    .where('a.username', '=', 'parttime')
    .executeTakeFirstOrThrow();

describe.skipIf(!chromium)('J4 points in the browser', () => {
  it('a part-time worker exchanges points on the phone; the village hands the goods over', async () => {
    const before = await workerRow();
    const soap = await t.db
      .selectFrom('goods')
      .select(['id', 'points_cost', 'stock'])
      .where('region_code', '=', before.grid_code.slice(0, 9))
      .where('name', '=', '香皂')
      .executeTakeFirstOrThrow();
    expect(before.points_balance).toBeGreaterThanOrEqual(soap.points_cost * 2);

    // the worker, on the phone: the balance, then two bars of soap
    const phone = await (await context('phone')).newPage();
    await signIn(phone, '/m/', 'parttime');
    await phone.getByTestId('home-points').click();
    await expect.poll(() => phone.getByTestId('points-balance').textContent()).toBe(String(before.points_balance));
    await phone.getByTestId(`exchange-${soap.id}`).click();
    await phone.getByTestId('exchange-dialog').waitFor();
    await phone.getByTestId('exchange-quantity').locator('.adm-stepper-plus').click();
    await phone.getByTestId('exchange-confirm').click();
    const left = before.points_balance - soap.points_cost * 2;
    await expect.poll(() => phone.getByTestId('points-balance').textContent()).toBe(String(left));
    const x = await t.db.selectFrom('redemption').select(['id', 'quantity', 'status']).where('worker_id', '=', before.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(x).toMatchObject({ quantity: 2, status: 'requested' });
    await expect.poll(() => phone.getByTestId(`my-exchange-status-${x.id}`).getAttribute('data-status')).toBe('requested');
    // nothing is cut off at 360 px
    expect(await phone.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth)).toBeLessThanOrEqual(360);

    // the village committee, at its desk: the exchange waits to be handed over
    const desk = await (await context('desk')).newPage();
    await signIn(desk, '/', 'village');
    await desk.goto(`${base}/#/workers?tab=redemptions`);
    await desk.getByTestId(`redemption-row-${x.id}`).waitFor();
    await desk.getByTestId(`hand-over-${x.id}`).click();
    await desk.getByTestId('hand-over-confirm').click();
    await expect.poll(async () => (await t.db.selectFrom('redemption').select('status').where('id', '=', x.id).executeTakeFirstOrThrow()).status).toBe('handed_over');

    // the worker's ledger on the desk shows the exchange
    await desk.goto(`${base}/#/workers?tab=roster`);
    await desk.getByTestId(`worker-row-${before.id}`).click();
    await expect.poll(() => desk.getByTestId('worker-balance').textContent()).toBe(String(left));

    // the phone hears of it and shows the goods collected; balance and stock are right
    await phone.getByTestId('points-refresh').click();
    await expect.poll(() => phone.getByTestId(`my-exchange-status-${x.id}`).getAttribute('data-status')).toBe('handed_over');
    expect(await phone.getByTestId('points-balance').textContent()).toBe(String(left));
    expect((await workerRow()).points_balance).toBe(left);
    expect((await t.db.selectFrom('goods').select('stock').where('id', '=', soap.id).executeTakeFirstOrThrow()).stock).toBe(soap.stock - 2);
    expect(pageErrors).toEqual([]);
  });
});
