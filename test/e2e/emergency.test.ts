/**
 * 应急 in real Chromium (issue 13, J15's emergency and J8): a township declares a flood emergency
 * over a village → the grid worker's phone shows the alert → the worker shares their location and
 * reports households in one tap, one of them offline and sent later → the centre's map fills in
 * live (server-sent events, no reload) → the centre video-calls the worker from the emergency map
 * and media flows both ways → the event is closed and the phone's location sharing stops.
 */
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pointInGrid } from '../fixtures.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const phase = (page: Page, id: string) => page.getByTestId(id).getAttribute('data-phase');
const bytesIn = async (page: Page) =>
  Number((await page.getByTestId('call-bytes-in').getAttribute('data-bytes')) ?? 0);
/** How many points of a status the centre's map drew (a canvas: the map element tells). */
const drawn = async (page: Page, status: string) =>
  Number(
    (
      JSON.parse((await page.getByTestId('emg-map').getAttribute('data-points')) ?? '{}') as Record<
        string,
        number
      >
    )[status] ?? 0,
  );
const count = async (page: Page, status: string) =>
  Number(((await page.getByTestId(`emg-count-${status}`).textContent()) ?? '').replace(/\D/g, '') || 0);

describe.skipIf(!chromium)('an emergency in the browser', () => {
  it('declared → phone alerted → one-tap reports (one offline) → the map fills in live → video call from the map → closed, sharing stops', async () => {
    const db = h.t.db;
    const grid = (
      await db
        .selectFrom('account')
        .select('scope_code')
        .where('username', '=', 'gridworker')
        .executeTakeFirstOrThrow()
    ).scope_code;
    const village = await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', '=', grid.slice(0, 12))
      .executeTakeFirstOrThrow();
    // households of the village not yet vulnerable get a bedridden member: at least two to check.
    // The phone is the village staff's, who checks every grid of the village; the test archive
    // holds only one or two households a grid, so one grid alone cannot give two.
    await sql`UPDATE resident SET care_tags = array_append(care_tags, 'bedridden')
      WHERE id IN (SELECT min(r.id) FROM resident r JOIN household x ON x.county_code = r.county_code
          AND x.id = r.household_id
        WHERE r.grid_code LIKE ${`${village.code}%`} AND r.status = 'present'
          AND NOT x.care_tags && ARRAY['elderly-alone','disabled','bedridden','left-behind-child']
          AND NOT r.care_tags && ARRAY['elderly-alone','disabled','bedridden','left-behind-child']
        GROUP BY r.household_id ORDER BY r.household_id LIMIT 3)`.execute(db);

    const at = await pointInGrid(db, grid);
    const phoneCtx = await h.context('phone', { latitude: at.lat, longitude: at.lng });
    const phone = await phoneCtx.newPage();
    await h.signIn(phone, '/m/', 'village');
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'township');

    // the township declares a flood over the village
    await desk.goto(`${h.base}/emergency`);
    await desk.getByTestId('emg-declare').click();
    await pickOption(desk, 'emg-template', '防汛应急');
    await desk.getByTestId('emg-title').fill('强降雨防汛应急演练');
    await pickOption(desk, 'emg-area', village.name);
    // a multiple select stays open after a choice
    await desk.keyboard.press('Escape');
    await desk.getByTestId('emg-submit').click();
    await desk.getByTestId('emg-detail').waitFor();
    const event = await db
      .selectFrom('emergency_event')
      .select(['id'])
      .where('title', '=', '强降雨防汛应急演练')
      .executeTakeFirstOrThrow();
    const checks = await db
      .selectFrom('emergency_check')
      .select('id')
      .where('event_id', '=', event.id)
      .where('grid_code', 'like', `${village.code}%`)
      .orderBy('id')
      .execute();
    expect(checks.length).toBeGreaterThanOrEqual(2);
    const [a, b] = checks.map((c) => Number(c.id)) as [number, number];

    // the phone, open on its home screen, shows the alert without a reload
    await phone.getByTestId('emg-banner').click({ timeout: 20_000 });
    await phone.getByTestId('emergency-checks').waitFor();
    // location sharing, with consent, and its visible indicator
    await phone.getByTestId('emg-share').click();
    await phone.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await phone.getByTestId('emg-sharing').waitFor();

    // one tap: safe
    await phone.getByTestId(`check-${a}-safe`).click();
    // the tap's request is on the server before the network goes: a request still in flight when
    // the phone goes offline would be queued too, and the centre would see nothing until online
    await expect
      .poll(
        async () =>
          (await db.selectFrom('emergency_report').select('id').where('check_id', '=', a).execute()).length,
        { timeout: 20_000 },
      )
      .toBe(1);
    // the next one offline: kept on the phone, sent when the network is back
    await phone.getByTestId(`check-${b}`).waitFor();
    await phoneCtx.setOffline(true);
    await phone.getByTestId(`check-${b}-evacuated`).click();
    await phone.getByTestId('queue').waitFor();
    await phone.getByTestId(`check-queued-${b}`).waitFor();
    expect(
      await db.selectFrom('emergency_report').select('id').where('check_id', '=', b).execute(),
    ).toHaveLength(0);

    // the centre's map fills in live: the first report, and the worker's position
    await expect.poll(() => count(desk, 'safe'), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => drawn(desk, 'safe'), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => desk.locator('.emg-worker').count(), { timeout: 30_000 }).toBe(1);
    expect(await count(desk, 'evacuated')).toBe(0);

    // back online: the queued report is sent, and the centre sees it without a reload
    await phoneCtx.setOffline(false);
    await phone.getByTestId('queue').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => count(desk, 'evacuated'), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => drawn(desk, 'evacuated'), { timeout: 10_000 }).toBe(1);

    // the centre video-calls the worker from the map: the worker's marker, its popup's button
    await expect
      .poll(
        async () => {
          await desk.locator('.emg-worker').first().click();
          return desk.getByTestId('popup-call-video').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await desk.getByTestId('popup-call-video').click();
    await phone.getByTestId('call-accept').click({ timeout: 20_000 });
    await expect.poll(() => phase(desk, 'call-phase'), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => phase(phone, 'call-phase'), { timeout: 30_000 }).toBe('connected');
    await expect.poll(() => bytesIn(desk), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => bytesIn(phone), { timeout: 30_000 }).toBeGreaterThan(0);
    await desk.getByTestId('call-hangup').click();
    await expect.poll(() => phone.getByTestId('call-layer').count(), { timeout: 20_000 }).toBe(0);
    const call = await db
      .selectFrom('call')
      .select(['outcome', 'about_type', 'about_code'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(call).toMatchObject({ outcome: 'completed', about_type: 'grid', about_code: grid });

    // the township closes the event: the phone's sharing indicator goes, positions are gone
    await desk.getByTestId('emg-close').click();
    await desk.locator('.ant-popconfirm .ant-btn-primary').click();
    await desk.getByTestId('emg-summary').waitFor({ timeout: 20_000 });
    await phone.getByTestId('emg-sharing').waitFor({ state: 'detached', timeout: 30_000 });
    expect(
      await db.selectFrom('emergency_position').select('id').where('event_id', '=', event.id).execute(),
    ).toHaveLength(0);
    const consent = await db
      .selectFrom('emergency_location_consent')
      .select('stopped_at')
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(consent.stopped_at).not.toBeNull();
    expect(h.pageErrors).toEqual([]);
  }, 300_000);
});
