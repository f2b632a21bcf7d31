/**
 * The dashboard in real Chromium (issue 11): the county official opens 驾驶舱, drills from the
 * county to a township and a village, and sees a report made meanwhile appear in the village's
 * "reported today" without reloading; the big screen opens dark at 1920×1080.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { TEST_DEMO_PASSWORD } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('dashboard in the browser', () => {
  it('county → township → village, and a new report shows live', async () => {
    const home = await h.t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const grid = home.scope_code;
    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'county');
    await page.goto(`${h.base}/#/dashboard`);
    await expect(page.getByTestId('dash-region').textContent({ timeout: 30_000 })).resolves.toContain(
      '铁岭县',
    );
    await page.getByTestId(`drill-${grid.slice(0, 9)}`).click();
    await page.getByTestId(`drill-${grid.slice(0, 12)}`).click();
    const village = await h.t.db
      .selectFrom('region')
      .select('name')
      .where('code', '=', grid.slice(0, 12))
      .executeTakeFirstOrThrow();
    // the drill loads the village's figures: wait for its name rather than read the label at once
    await expect
      .poll(async () => page.getByTestId('dash-region').textContent(), { timeout: 20_000 })
      .toContain(village.name);
    const before = Number(await page.getByTestId('dash-today-reported').textContent());

    const login = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'resident', password: TEST_DEMO_PASSWORD },
    });
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { authorization: `Bearer ${login.json<{ token: string }>().token}` },
      payload: { categoryCode: 'P0102', description: '路灯不亮了，晚上很黑', gridCode: grid },
    });
    expect(res.statusCode, res.body).toBe(201);
    // no reload and no poll: the county-wide event (area.case.reported) reaches the county official
    await expect
      .poll(async () => Number(await page.getByTestId('dash-today-reported').textContent()), {
        timeout: 20_000,
      })
      .toBe(before + 1);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('dash-big').click();
    await page.getByTestId('big-screen').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: 'docs/screenshots/big-screen.png' });
  });
});
