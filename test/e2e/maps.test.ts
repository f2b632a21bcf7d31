/**
 * Maps in real Chromium (issue 11): the base map's attribution carries no flag; the county
 * official switches the dashboard map to clusters (counts by township) and heat; the public map
 * of reports opens without signing in once the county publishes it, and says so when it does not.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { TEST_DEMO_PASSWORD } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('maps in the browser', () => {
  it('dashboard clusters and heat, and the public map of reports', async () => {
    const page = await (await h.context('desk')).newPage();
    const density: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/v1/map/cases')) density.push(`${r.status()} ${r.url()}`);
    });
    page.on('console', (m) => density.push(`[${m.type()}] ${m.text()}`));
    await h.signIn(page, '/', 'county');
    // the demo's cases lie months back: a year holds them
    await page.goto(`${h.base}/#/dashboard?period=year`);
    await page.getByTestId('dash-map').waitFor({ timeout: 30_000 });
    // Leaflet's link stays, its flag does not
    const attribution = page.locator('[data-testid="dash-map"] .leaflet-control-attribution');
    await expect.poll(async () => attribution.innerHTML(), { timeout: 20_000 }).toContain('Leaflet');
    expect(await attribution.locator('svg').count()).toBe(0);

    // antd puts the test id on the radio's hidden input: click its label
    const mode = (k: string) => page.locator('label', { has: page.getByTestId(`dash-map-${k}`) });
    // a report of today, so that the year holds at least one case
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'resident', password: TEST_DEMO_PASSWORD },
    });
    const grid = (
      await h.t.db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', 'resident')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const made = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${res.json<{ token: string }>().token}` },
      payload: { categoryCode: 'P0102', description: '路灯不亮了', gridCode: grid },
    });
    expect(made.statusCode, made.body).toBe(201);
    await mode('clusters').click();
    const clusters = page.getByTestId('map-cluster');
    await expect
      .poll(async () => clusters.count(), {
        timeout: 20_000,
        message: `${density.join(', ')} ${h.pageErrors.join(', ')} ${await page.getByTestId('dash-map-mode').innerHTML()}`,
      })
      .toBeGreaterThan(0);
    density.length = 0;
    const first = await clusters.first().getAttribute('data-code');
    expect(first).toHaveLength(9); // the county's clusters are its townships
    await mode('heat').click();
    await expect.poll(async () => clusters.count(), { timeout: 20_000 }).toBe(0);

    // not published: the page says so
    const anon = await (await h.context('desk')).newPage();
    await anon.goto(`${h.base}/#/public-map/211221`);
    await anon.getByTestId('public-map-off').waitFor({ timeout: 30_000 });

    // the administrator publishes it; anyone sees the reports, without signing in
    const login = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: TEST_DEMO_PASSWORD },
    });
    const put = await h.t.app.inject({
      method: 'PUT',
      url: '/api/v1/map/settings',
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
      payload: { tiles: 'none', publicMap: true },
    });
    expect(put.statusCode, put.body).toBe(200);
    await anon.reload();
    await anon.getByTestId('public-map').waitFor({ timeout: 30_000 });
    // the list itself is checked in the db tier (maps.test.ts): the demo has no filed, located case in 30 days
    await anon.getByTestId('public-map-count').waitFor({ timeout: 20_000 });
    expect(h.pageErrors).toEqual([]);
  });
});
