/**
 * The case list's map in real Chromium (issue 11 "Maps"): cases clustered with counts that split
 * when a cluster is clicked (the map zooms to it), a heat layer switched on and off, and a case's
 * popup naming its place from the territory — township, village, villagers' group, grid.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { TEST_DEMO_PASSWORD } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('case clusters, heat and places on the centre’s case map', () => {
  it('clusters show counts and split on zoom; heat toggles; a popup names village, group and grid', async () => {
    const { db, app } = h.t;
    const grid = (
      await db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', 'resident')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const unit = await db
      .selectFrom('grid_unit')
      .select(['id', 'name', 'lng', 'lat'])
      .where('grid_code', '=', grid)
      .where('parent_id', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // four reports within about 15 m of the unit's point: one cluster at the village's zoom
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'resident', password: TEST_DEMO_PASSWORD },
    });
    const headers = { authorization: `Bearer ${login.json<{ token: string }>().token}` };
    const ids: number[] = [];
    for (const [dx, dy] of [
      [0, 0],
      [0.0001, 0],
      [0, 0.0001],
      [0.0001, 0.0001],
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers,
        payload: {
          categoryCode: 'E0102',
          description: '垃圾堆放',
          lng: unit.lng! + dx!,
          lat: unit.lat! + dy!,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<{ id: number }>().id);
    }
    const names = await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [grid.slice(0, 9), grid.slice(0, 12), grid])
      .orderBy('code')
      .execute();
    const [township, village, gridName] = names.map((n) => n.name);

    const page = await (await h.context('desk')).newPage();
    await h.signIn(page, '/', 'gridworker');
    await page.goto(`${h.base}/#/cases`);
    const map = page.getByTestId('case-map');
    await map.waitFor({ timeout: 30_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\npage errors: ${h.pageErrors.join('\n')}`);
    });

    // clusters with counts: the four reports (and any demo case beside them) under one badge
    const badges = map.getByTestId('map-case-cluster');
    await expect
      .poll(async () => Math.max(0, ...(await badges.allTextContents()).map(Number)), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(4);
    const counts = (await badges.allTextContents()).map(Number);
    const biggest = badges.nth(counts.indexOf(Math.max(...counts)));
    const single = map.locator(`[data-testid="map-case"][data-id="${ids[0]}"]`);
    expect(await single.count()).toBe(0); // inside the cluster, not drawn alone
    // a click on the badge zooms to its cases: the cluster splits into markers
    await biggest.click();
    await expect.poll(async () => single.count(), { timeout: 20_000 }).toBe(1);

    // the heat layer: one canvas, on and off
    const heat = map.locator('canvas.leaflet-heatmap-layer');
    expect(await heat.count()).toBe(0);
    await map.getByTestId('case-map-heat').check();
    await expect.poll(async () => heat.count(), { timeout: 10_000 }).toBe(1);
    await map.getByTestId('case-map-heat').uncheck();
    await expect.poll(async () => heat.count(), { timeout: 10_000 }).toBe(0);

    // a case's popup: its place from the territory, with the group it was linked to at intake
    await single.click();
    const place = map.getByTestId('map-case-place');
    await expect
      .poll(async () => place.textContent(), { timeout: 20_000 })
      .toBe(`${township} ${village} ${unit.name} ${gridName}`);
    await map.getByTestId('map-case-open').click();
    await expect.poll(() => page.url(), { timeout: 20_000 }).toContain(`/cases/${ids[0]}`);
    await expect
      .poll(async () => page.getByTestId('case-place').textContent(), { timeout: 20_000 })
      .toContain(`${village} ${unit.name} ${gridName}`);
    expect(h.pageErrors).toEqual([]);
  });
});
