/**
 * The apps and the API browser work under the Content Security Policy: both apps sign
 * in and show their first screen, the API browser renders its operations, and Chromium
 * reports no CSP violation (a console error) or uncaught error on any of them.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('content security policy in the browser', () => {
  it('command centre, field app and API browser run without violations', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.getByTestId('menu-cases').click();
    await desk.locator('.leaflet-container').first().waitFor();

    const phone = await (await h.context('phone')).newPage();
    await h.signIn(phone, '/m/', 'resident');

    const docs = await (await h.context('desk')).newPage();
    await docs.goto(`${h.base}/docs/`);
    await docs.locator('.opblock').first().waitFor();
    await docs.waitForTimeout(500);

    expect(h.pageErrors).toEqual([]);
  });
});
