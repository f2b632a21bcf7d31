/**
 * J3 through the field app in real Chromium: the grid worker opens the
 * households due a visit on the phone, records a visit with no network (kept
 * on the phone, shown in the queue), the network returns and the visit is
 * sent — the household is no longer due; then a report started from the
 * household opens pre-filled with its address.
 */
import { execFileSync } from 'node:child_process';
import type { Browser } from 'playwright-core';
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

describe.skipIf(!chromium)('visits in the browser', () => {
  it('grid worker visits a household offline, the visit is sent when online, then reports from the household', async () => {
    // a household of the grid worker's grid, never visited (so due now)
    const worker = await t.db.selectFrom('account').select(['id', 'scope_code']).where('username', '=', 'gridworker').executeTakeFirstOrThrow();
    const grid = await t.db.selectFrom('region').select('path').where('code', '=', worker.scope_code).executeTakeFirstOrThrow();
    const address = '走访测试巷8号';
    const { id } = await t.db
      .insertInto('household')
      .values({ county_code: '211221', grid_code: worker.scope_code, grid_path: grid.path, address, member_count: 1, care_tags: ['elderly-alone'] })
      .returning('id')
      .executeTakeFirstOrThrow();

    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    ctx.on('page', (p) => p.on('pageerror', (e) => pageErrors.push(e.message)));
    const phone = await ctx.newPage();
    await phone.goto(`${base}/m/`);
    await phone.getByTestId('login-username').fill('gridworker');
    await phone.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await phone.getByTestId('login-submit').click();
    await phone.getByTestId('home-visits').click();

    // the due list: the household with its care tag in words and "never visited"
    const card = phone.getByTestId(`due-${id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('孤寡老人');
    await card.getByTestId('due-never').waitFor();
    await card.click();
    await phone.getByTestId('household-address').filter({ hasText: address }).waitFor();
    // the household is loaded: now the network goes
    await phone.getByTestId('visit-form').waitFor();
    await ctx.setOffline(true);
    await phone.getByTestId('outcome-needs_help').click();
    await phone.getByTestId('need-medical').click();
    await phone.getByTestId('visit-notes').fill('老人腿脚不便，需要陪同就医');
    await phone.getByTestId('visit-save').click();

    // kept on the phone and shown in the queue; nothing reached the server
    const queue = phone.getByTestId('queue');
    await queue.waitFor();
    expect(await phone.getByTestId('queue-count').getAttribute('data-count')).toBe('1');
    expect(await queue.textContent()).toContain(address);
    expect(await t.db.selectFrom('visit').select('id').where('household_id', '=', id).execute()).toHaveLength(0);

    // the network comes back: the queue sends it
    await ctx.setOffline(false);
    await queue.waitFor({ state: 'detached', timeout: 30_000 });
    const visits = await t.db.selectFrom('visit').select(['outcome', 'needs', 'notes', 'worker_account_id', 'client_request_id']).where('household_id', '=', id).execute();
    expect(visits).toEqual([{ outcome: 'needs_help', needs: ['medical'], notes: '老人腿脚不便，需要陪同就医', worker_account_id: worker.id, client_request_id: expect.any(String) }]);
    await phone.getByTestId('visit-entry').filter({ hasText: '老人腿脚不便' }).waitFor();
    const h = await t.db.selectFrom('household').select('visit_due_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(h.visit_due_at!.getTime()).toBeGreaterThan(Date.now());

    // no longer due
    await phone.goto(`${base}/m/#/visits`);
    await phone.getByTestId('due-list').waitFor();
    await phone.getByTestId('refresh').click();
    await phone.waitForLoadState('networkidle');
    expect(await phone.getByTestId(`due-${id}`).count()).toBe(0);

    // a problem seen on the visit: the report starts from the household
    await phone.goto(`${base}/m/#/households/${id}`);
    await phone.getByTestId('visit-report').click();
    await phone.getByTestId('report-household').filter({ hasText: address }).waitFor();
    expect(await phone.getByTestId('description').inputValue()).toContain('入户走访发现');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
