/**
 * Issue 12: path-style deep links (`/cases/42`, `/m/cases/42`) open their screen after a reload in
 * both apps; old hash links (`/#/cases/42`, `/m/#/cases/42`) move to the path; in-app links and the
 * browser's Back work without reloading the page; the field app's service worker serves the page
 * for a deep link without a network.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { pointInGrid } from '../fixtures.js';
import { signIn } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** A report by the demo villager (through the API), in their grid. */
async function villagerReport() {
  const a = await h.t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'resident')
    .executeTakeFirstOrThrow();
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await signIn(h.t.app, 'resident'),
    payload: {
      source: 'resident_app',
      categoryCode: 'G0401',
      description: '村口路灯不亮',
      ...(await pointInGrid(h.t.db, a.scope_code)),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; number: string }>();
}

describe.skipIf(!chromium)('deep links', () => {
  it('the centre: /cases/ID after a reload, an old hash link, the list link, Back', async () => {
    const kase = await villagerReport();
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'county');
    await page.goto(`${h.base}/cases/${kase.id}`);
    await page.reload();
    await page.getByTestId('case-detail').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${kase.id}`);

    await page.goto(`${h.base}/#/cases/${kase.id}`);
    await page.getByTestId('case-detail').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/cases/${kase.id}`);
    expect(new URL(page.url()).hash).toBe('');

    // the menu and a link in the table change the path in the page (no reload): a marker survives
    await page.evaluate('window.marker = 1');
    await page.getByTestId('menu-cases').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/cases');
    await page.locator(`a[href="/cases/${kase.id}"]`).first().click();
    await page.getByTestId('case-detail').waitFor();
    expect(await page.evaluate('window.marker')).toBe(1);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/cases');
    expect(h.pageErrors).toEqual([]);
  });

  it('the field app: /m/cases/ID after a reload, an old hash link, and offline through the service worker', async () => {
    const kase = await villagerReport();
    const ctx = await h.context('phone');
    const page = await ctx.newPage();
    await h.signIn(page, '/m/', 'resident');
    await page.goto(`${h.base}/m/cases/${kase.id}`);
    await page.reload();
    await page.getByTestId('detail-description').waitFor();

    await page.goto(`${h.base}/m/#/cases/${kase.id}`);
    await page.getByTestId('detail-description').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/m/cases/${kase.id}`);

    // the service worker has kept the page: a deep link opens the app without a network
    const registered = await page.evaluate(
      `navigator.serviceWorker.register('/m/sw.js', { scope: '/m/' }).then(() => 'ok', (e) => String(e))`,
    );
    expect(registered).toBe('ok');
    await expect
      .poll(() => page.evaluate(`navigator.serviceWorker.getRegistration('/m/').then((r) => !!r?.active)`), {
        timeout: 30_000,
      })
      .toBe(true);
    await expect
      .poll(
        () => page.evaluate(`caches.keys().then((ks) => ks.some((k) => k.startsWith('wangge-field-')))`),
        { timeout: 30_000 },
      )
      .toBe(true);
    await ctx.setOffline(true);
    await page.goto(`${h.base}/m/visits`).catch(() => undefined);
    await page.reload().catch(() => undefined);
    await page.getByTestId('tab-home').waitFor();
    await ctx.setOffline(false);
    expect(h.pageErrors).toEqual([]);
  });
});
