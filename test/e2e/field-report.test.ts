/**
 * Issue 12, the field app at 360 px in real Chromium: a villager's categories come rural first; after
 * a report the phone says what happens next and by when; a big photo is shrunk on the phone and
 * keeps its EXIF capture time and GPS; the grid worker's case view shows the spot with links that
 * open the phone's map apps (WGS-84, GCJ-02, BD-09) and reveals the reporter's number with a reason.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../src/platform/geo/coords.js';
import { requireChromium, useBrowserApp } from '../browser-app.js';
import { actOn, jpeg, pointInGrid, upload } from '../fixtures.js';
import { signIn } from '../helpers.js';

const chromium = await requireChromium();
const h = useBrowserApp();

/** A camera-sized JPEG (> 1.5 MB: noise does not compress) with a capture time and a GPS position. */
async function bigCameraPhoto(lat: number, lng: number): Promise<Buffer> {
  const width = 2000;
  const height = 1500;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  const dms = (x: number) => {
    const d = Math.floor(x);
    const m = Math.floor((x - d) * 60);
    const s = Math.round(((x - d) * 60 - m) * 60 * 100);
    return `${d}/1 ${m}/1 ${s}/100`;
  };
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 98 })
    .withExif({
      IFD0: { Make: 'Cheapphone', Model: 'X1' },
      IFD2: { DateTimeOriginal: '2026:12:05 10:11:12', OffsetTimeOriginal: '+08:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(lat), GPSLongitudeRef: 'E', GPSLongitude: dms(lng) },
    })
    .toBuffer();
}

describe.skipIf(!chromium)('field app reporting and the case view at 360 px', () => {
  it('a villager: rural categories first, a shrunk photo keeps time and place, then what happens next', async () => {
    const me = await h.t.db
      .selectFrom('account')
      .select(['scope_code'])
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const at = await pointInGrid(h.t.db, me.scope_code);
    const photo = await bigCameraPhoto(at.lat, at.lng);
    expect(photo.length).toBeGreaterThan(1.5 * 1024 * 1024);

    const page = await (await h.context('phone', { latitude: at.lat, longitude: at.lng })).newPage();
    await h.signIn(page, '/m/', 'resident');
    await page.getByTestId('home-report').click();
    await page.getByTestId('category-G0401').waitFor();
    const order = await page
      .locator('[data-testid="category-options"] [data-testid^="category-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('category-'.length)));
    // 农村垃圾 near the top, before any of the city's street-order events (E05 街面秩序)
    expect(order.indexOf('G0401')).toBeLessThan(12);
    const street = order.findIndex((c) => c.startsWith('E05'));
    if (street >= 0) expect(order.indexOf('G0401')).toBeLessThan(street);

    await page
      .getByTestId('photo-input')
      .setInputFiles({ name: 'big.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByTestId('photo-thumb').waitFor();
    await page.getByTestId('category-G0401').click();
    await page.getByTestId('description').fill('村口垃圾三天没人清');
    await page.getByTestId('location-text').waitFor();
    await page.getByTestId('submit').click();
    await page.getByTestId('report-sent').waitFor({ timeout: 60_000 });

    // what happens next, in plain words, from the server's answer
    const next = (await page.getByTestId('next-steps').textContent())!;
    expect(next).toMatch(/接下来：村\(社区\)网格员会受理/);
    expect(next).toMatch(/当天|工作日|小时|天内/);
    expect(next).toContain('最晚');

    const number = (await page.getByTestId('sent-number').textContent())!.match(/\d{6}-\d{8}-\d{6}/)![0];
    const stored = await h.t.db
      .selectFrom('case_photo as p')
      .innerJoin('cases as c', (j) =>
        j.onRef('c.id', '=', 'p.case_id').onRef('c.county_code', '=', 'p.county_code'),
      )
      .select(['p.bytes', 'p.width', 'p.taken_at', 'p.gps_lat', 'p.gps_lng'])
      .where('c.number', '=', number)
      .executeTakeFirstOrThrow();
    // shrunk on the phone, yet dated and placed as the camera recorded it
    expect(stored.bytes).toBeLessThan(photo.length);
    expect(stored.width).toBeLessThanOrEqual(1600);
    expect(stored.taken_at?.toISOString()).toBe('2026-12-05T02:11:12.000Z');
    expect(stored.gps_lat).toBeCloseTo(at.lat, 4);
    expect(stored.gps_lng).toBeCloseTo(at.lng, 4);
    expect(h.pageErrors).toEqual([]);
  });

  it('the grid worker: the spot on a map, navigate-there links, the reporter’s number revealed with a reason', async () => {
    const me = await h.t.db
      .selectFrom('account')
      .select(['scope_code'])
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const at = await pointInGrid(h.t.db, me.scope_code);
    const made = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await signIn(h.t.app, 'resident'),
      payload: {
        source: 'resident_app',
        categoryCode: 'G0404',
        description: '河道里有垃圾',
        address: '张家村东河',
        reporterContact: '13900002222',
        ...at,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: number }>().id;

    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'gridworker');
    await page.goto(`${h.base}/m/#/cases/${id}`);
    await page.getByTestId('spot-map').waitFor();
    await page.getByTestId('navigate').click();
    const href = (t: string) => page.getByTestId(t).getAttribute('href');
    const f = (x: number) => x.toFixed(6);
    const gcj = fromWgs84(at.lng, at.lat, 'gcj02');
    const bd = fromWgs84(at.lng, at.lat, 'bd09');
    expect(await href('nav-geo')).toBe(
      `geo:${f(at.lat)},${f(at.lng)}?q=${f(at.lat)},${f(at.lng)}(${encodeURIComponent('张家村东河')})`,
    );
    expect(await href('nav-amap')).toContain(`dlat=${f(gcj.lat)}&dlon=${f(gcj.lng)}`);
    expect(await href('nav-amap')).toMatch(/^amapuri:\/\/route\/plan\//);
    expect(await href('nav-baidu')).toContain(`latlng:${f(bd.lat)},${f(bd.lng)}`);
    expect(await href('nav-baidu')).toContain('coord_type=bd09ll');

    // masked until revealed; the reveal asks a reason and is audited
    expect(await page.getByTestId('reporter-contact').textContent()).toBe('139****2222');
    await page.getByTestId('reveal-contact').click();
    await page.getByTestId('reveal-reason').locator('textarea').fill('现场找不到位置，电话联系');
    await page.locator('.adm-dialog-button', { hasText: '确定' }).click();
    await expect.poll(() => page.getByTestId('reporter-contact').textContent()).toBe('13900002222');
    expect(await page.getByTestId('call-reporter').getAttribute('href')).toBe('tel:13900002222');
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'case.reveal_contact')
      .executeTakeFirstOrThrow();
    expect(audit.reason).toBe('现场找不到位置，电话联系');
    expect(
      await page.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(360);
  });

  it('the grid worker verifies a handled case on site (现场核查) from the phone', async () => {
    const as = (u: string) => signIn(h.t.app, u);
    const me = await h.t.db
      .selectFrom('account')
      .select(['scope_code'])
      .where('username', '=', 'resident')
      .executeTakeFirstOrThrow();
    const at = await pointInGrid(h.t.db, me.scope_code);
    const made = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await as('resident'),
      payload: { source: 'resident_app', categoryCode: 'E0102', description: '路边垃圾堆', ...at },
    });
    const id = made.json<{ id: number }>().id;
    const step = async (u: string, action: string, body: object = {}) =>
      expect((await actOn(h.t.app, await as(u), id, action, body)).statusCode).toBe(200);
    await step('gridworker', 'escalate', { note: '需镇里协调' });
    const depts = (
      await h.t.app.inject({
        method: 'GET',
        url: '/api/v1/departments?tier=township',
        headers: await as('township'),
      })
    ).json<{ items: Array<{ id: number; code: string }> }>().items;
    await step('township', 'dispatch', {
      departmentId: depts.find((d) => d.code === 'urban_management_office')!.id,
    });
    await step('township-cgb', 'accept');
    const office = await as('township-cgb');
    await step('township-cgb', 'handle', { photoIds: [await upload(h.t.app, office, await jpeg('#999'))] });

    const page = await (await h.context('phone')).newPage();
    await h.signIn(page, '/m/', 'gridworker');
    await page.goto(`${h.base}/m/#/cases/${id}`);
    await page.getByTestId('verify-hint').waitFor();
    await page.getByTestId('action-verify').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('action-error').waitFor(); // must say fixed or not
    await page.getByTestId('verify-fixed').click();
    await page.getByTestId('note').fill('现场看过，已清理干净');
    await page.getByTestId('confirm').click();
    await page.getByTestId('timeline-verify').waitFor();
    await expect.poll(() => page.getByTestId('verify-hint').count()).toBe(0);
    const c = await h.t.db
      .selectFrom('cases')
      .select(['state', 'verification'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(c).toEqual({ state: 'handled', verification: 'fixed' });
  });
});
