import { execFileSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findChromium, launchBrowser } from './browser.js';
import { createTestApp, TEST_DEMO_PASSWORD, type TestApp } from './helpers.js';

/** The Chromium the browser tests use; CI (WANGGE_REQUIRE_BROWSER=1) fails rather than skips without one. */
export async function requireChromium(): Promise<string | null> {
  const chromium = await findChromium();
  if (!chromium && process.env.WANGGE_REQUIRE_BROWSER === '1')
    throw new Error('browser tests required but no Chromium was found');
  return chromium;
}

export type Geo = { latitude: number; longitude: number };

/** A test app listening on a port, a browser, and the steps every browser test takes. */
export class BrowserApp {
  t!: TestApp;
  base!: string;
  browser!: Browser;
  /**
   * uncaught errors and Content Security Policy violations of any page opened through
   * context(); a journey asserts there were none
   */
  readonly pageErrors: string[] = [];

  /** A phone (360 × 740, touch, optional position) or a desk (1440 × 900), zh-CN in Beijing time. */
  async context(kind: 'phone' | 'desk', geo?: Geo): Promise<BrowserContext> {
    const ctx = await this.browser.newContext(
      kind === 'phone'
        ? {
            viewport: { width: 360, height: 740 },
            isMobile: true,
            hasTouch: true,
            locale: 'zh-CN',
            timezoneId: 'Asia/Shanghai',
            ...(geo ? { geolocation: { ...geo, accuracy: 10 }, permissions: ['geolocation'] } : {}),
          }
        : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
    );
    ctx.on('page', (p) => {
      // the message and where it was thrown (a rare error under load is found by its frames)
      p.on('pageerror', (e) =>
        this.pageErrors.push([e.message, ...(e.stack ?? '').split('\n').slice(1, 4)].join(' | ').trim()),
      );
      p.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) this.pageErrors.push(m.text());
      });
    });
    return ctx;
  }

  /** Types the demo password for `user` on the app's sign-in form, without waiting for the result. */
  async typeLogin(page: Page, path: '/m/' | '/', user: string): Promise<void> {
    await page.goto(`${this.base}${path}`);
    await page.getByTestId('login-username').fill(user);
    await page.getByTestId('login-password').fill(TEST_DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
  }

  /** Signs in and waits for the app's first screen. */
  async signIn(page: Page, path: '/m/' | '/', user: string): Promise<void> {
    await this.typeLogin(page, path, user);
    await page.getByTestId(path === '/m/' ? 'home-report' : 'menu-workbench').waitFor();
  }
}

/**
 * Chooses `text` in the Ant Design select `testId`. A click that lands while the
 * dropdown still animates open is lost, and one on an option that animates away
 * times out, so check the select shows the choice and try again rather than trust
 * one click (seen on a loaded 2-core machine).
 */
export async function pickOption(page: Page, testId: string, text: string): Promise<void> {
  const select = page.getByTestId(testId);
  for (let i = 0; i < 5; i++) {
    await select.click();
    // the open dropdown only: another select's dropdown may still be fading out
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .filter({ visible: true })
      .locator('.ant-select-item-option', { hasText: text })
      .first();
    await option.waitFor();
    // a click on an option that is re-rendered or animating away is tried again from the start
    const clicked = await option.click({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (clicked && ((await select.textContent()) ?? '').includes(text)) return;
  }
  throw new Error(`could not choose ${text} in ${testId}`);
}

/**
 * Chooses `text` in the searchable Ant Design select `testId` by typing `typed` (default `text`) into
 * its search box first: a long list renders only the options in view, so an option further down is
 * found only by searching, as a person would. Retried like pickOption.
 */
export async function searchOption(page: Page, testId: string, text: string, typed = text): Promise<void> {
  const select = page.getByTestId(testId);
  for (let i = 0; i < 5; i++) {
    await select.click();
    // fill replaces what an earlier attempt typed
    await select.locator('input').first().fill(typed);
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .filter({ visible: true })
      .locator('.ant-select-item-option', { hasText: text })
      .first();
    const clicked = await option.click({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (clicked && ((await select.textContent()) ?? '').includes(text)) return;
  }
  throw new Error(`could not choose ${text} in ${testId}`);
}

/**
 * Builds the web (once, under a lock), starts a test app on a free port and a
 * browser before the file's tests, and closes both after them.
 */
export function useBrowserApp(): BrowserApp {
  const h = new BrowserApp();
  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/ensure-web.mjs'], { stdio: 'inherit' });
    h.t = await createTestApp();
    await h.t.app.listen({ port: 0, host: '127.0.0.1' });
    h.base = `http://127.0.0.1:${(h.t.app.server.address() as { port: number }).port}`;
    h.browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await h.browser?.close();
    await h.t?.close();
  });
  return h;
}
