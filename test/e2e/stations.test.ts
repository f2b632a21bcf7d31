/**
 * Service stations in real Chromium (issue 14, J9/J12): the village adds a station with its place,
 * hours, a volunteer and items to lend; an activity is scheduled, booked to capacity and the next
 * booking refused; station staff lend a wheelchair to a villager, the loan passes its due date, the
 * overdue reminder reaches the villager's phone, the staff take it back late and the stock is back.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { remindOverdueLoans } from '../../src/modules/stations/index.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
/** the machine is shared: a screen may take seconds to answer */
const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000 });
const DAY = 86_400_000;
/** a journey of many screens on a loaded 2-core machine */
const LONG = 240_000;
/** a `datetime-local` value in Beijing time, `days` from now at `hour`:00 */
const beijing = (days: number, hour: number) =>
  new Date(Date.now() + days * DAY + 8 * 3_600_000).toISOString().slice(0, 11) +
  `${String(hour).padStart(2, '0')}:00`;

/** Finds a resident by name in a ResidentSelect and picks the one with this number. */
async function pickResident(page: Page, testId: string, r: { id: number; name: string }) {
  for (let i = 0; i < 5; i++) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(r.name);
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .filter({ visible: true })
      .locator('.ant-select-item-option', { hasText: `编号${r.id}` })
      .first();
    const ok = await option.click({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (ok && ((await page.getByTestId(testId).textContent()) ?? '').includes(`编号${r.id}`)) return;
    await page.keyboard.press('Escape');
  }
  throw new Error(`could not pick resident ${r.id}`);
}

async function villageOf() {
  const { scope_code } = await h.t.db
    .selectFrom('account')
    .select('scope_code')
    .where('username', '=', 'village')
    .executeTakeFirstOrThrow();
  return scope_code;
}

describe.skipIf(!chromium)('service stations in the browser', () => {
  it(
    'a village adds a station: place, hours, services, a volunteer and two wheelchairs',
    async () => {
      const village = await villageOf();
      const near = await h.t.db
        .selectFrom('station')
        .select(['lng', 'lat'])
        .where('region_code', '=', village)
        .executeTakeFirstOrThrow();
      const desk = await (await h.context('desk')).newPage();
      await h.signIn(desk, '/', 'village');
      await desk.goto(`${h.base}/stations`);
      await desk.getByTestId('station-add').click();
      await desk.getByTestId('station-region').click();
      await desk.locator('.ant-select-tree-title').first().click();
      await desk.getByTestId('station-name').fill('二组网格驿站');
      await desk.getByTestId('station-address').fill('二组村部东侧');
      await desk.getByTestId('station-lng').fill(String(near.lng + 0.004));
      await desk.getByTestId('station-lat').fill(String(near.lat + 0.002));
      await desk.getByTestId('station-hours').fill('每天 8:00–18:00');
      await pickOption(desk, 'station-services', '养老服务');
      await desk.keyboard.press('Escape');
      await desk.getByTestId('station-form-save').click();
      await desk.waitForURL(/\/stations\/\d+/);
      const id = Number(/\/stations\/(\d+)/.exec(desk.url())![1]);
      await poll(() => desk.getByTestId('station-detail-hours').innerText()).toBe('每天 8:00–18:00');

      await desk.getByTestId('person-name').fill('王桂兰');
      await desk.getByTestId('person-duty').fill('周末值班');
      await desk.getByTestId('person-add').click();
      await poll(() => desk.getByTestId('station-people').innerText()).toContain('王桂兰');
      await pickOption(desk, 'stock-kind', '轮椅');
      await desk.getByTestId('stock-new-total').fill('2');
      await desk.getByTestId('stock-add').click();
      await poll(() => desk.getByTestId('stock-row-wheelchair').innerText()).toMatch(/轮椅\s*2/);

      const s = await h.t.db
        .selectFrom('station')
        .select(['region_code', 'kind', 'opening_hours', 'services', 'lends'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(s).toEqual({
        region_code: village,
        kind: 'station',
        opening_hours: '每天 8:00–18:00',
        services: ['elderly_care'],
        lends: true,
      });
      const stock = await h.t.db
        .selectFrom('station_stock')
        .select(['total', 'on_hand'])
        .where('station_id', '=', id)
        .where('item_kind', '=', 'wheelchair')
        .executeTakeFirstOrThrow();
      expect(stock).toEqual({ total: 2, on_hand: 2 });
      expect(h.pageErrors).toEqual([]);
    },
    LONG,
  );

  it(
    'an activity is booked to capacity and the next booking is refused',
    async () => {
      const village = await villageOf();
      const station = await h.t.db
        .selectFrom('station')
        .select(['id', 'name'])
        .where('region_code', '=', village)
        .where('kind', '=', 'station')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const people = await h.t.db
        .selectFrom('resident')
        .select(['id', 'name'])
        .where('grid_code', 'like', `${village}%`)
        .where('status', '=', 'present')
        .orderBy('id')
        .limit(3)
        .execute();
      const residents = people.map((r) => ({ id: Number(r.id), name: r.name }));
      const desk = await (await h.context('desk')).newPage();
      await h.signIn(desk, '/', 'village');
      await desk.goto(`${h.base}/stations?tab=activities`);
      await desk.getByTestId('activity-add').click();
      await pickOption(desk, 'activity-station', station.name);
      await desk.getByTestId('activity-title').fill('重阳节健康义诊');
      await pickOption(desk, 'activity-service', '健康体检');
      await desk.getByTestId('activity-starts').fill(beijing(3, 9));
      await desk.getByTestId('activity-ends').fill(beijing(3, 11));
      await desk.getByTestId('activity-capacity').fill('2');
      await desk.getByTestId('activity-form-save').click();
      const seats = () => desk.getByTestId('activity-seats').innerText();
      await poll(seats).toBe('0/2');

      for (const [i, r] of residents.slice(0, 2).entries()) {
        await pickResident(desk, 'booking-resident', r);
        await desk.getByTestId('booking-add').click();
        await poll(seats).toBe(`${i + 1}/2`);
      }
      await pickResident(desk, 'booking-resident', residents[2]!);
      await desk.getByTestId('booking-add').click();
      await poll(() => desk.locator('.ant-message').innerText()).toContain('活动名额已满');
      expect(await seats()).toBe('2/2');
      const a = await h.t.db
        .selectFrom('station_activity')
        .select(['id', 'booked', 'capacity'])
        .where('title', '=', '重阳节健康义诊')
        .executeTakeFirstOrThrow();
      expect([a.booked, a.capacity]).toEqual([2, 2]);
      expect(await desk.getByTestId('activity-bookings').innerText()).not.toContain(residents[2]!.name);
      expect(h.pageErrors).toEqual([]);
    },
    LONG,
  );

  it(
    'a villager borrows a wheelchair, is reminded when it is overdue, and returns it late',
    async () => {
      const db = h.t.db;
      const village = await villageOf();
      const station = await db
        .selectFrom('station')
        .select(['id', 'name'])
        .where('region_code', '=', village)
        .where('kind', '=', 'station')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const wheelchairs = () =>
        db
          .selectFrom('station_stock')
          .select(['total', 'on_hand'])
          .where('station_id', '=', station.id)
          .where('item_kind', '=', 'wheelchair')
          .executeTakeFirstOrThrow();
      const before = await wheelchairs();
      expect(before.on_hand).toBeGreaterThan(0);
      const v = await db
        .selectFrom('resident_account as ra')
        .innerJoin('account as a', 'a.id', 'ra.account_id')
        .innerJoin('resident as r', 'r.id', 'ra.resident_id')
        .select(['r.id', 'r.name'])
        .where('a.username', '=', 'resident')
        .executeTakeFirstOrThrow();
      const villager = { id: Number(v.id), name: v.name };

      // station staff lend a wheelchair for 7 days
      const desk = await (await h.context('desk')).newPage();
      await h.signIn(desk, '/', 'village');
      await desk.goto(`${h.base}/stations?tab=loans`);
      await pickOption(desk, 'lend-station', station.name);
      await pickOption(desk, 'lend-item', '轮椅');
      await pickResident(desk, 'lend-resident', villager);
      await desk.getByTestId('lend-save').click();
      const lent = () =>
        db
          .selectFrom('station_loan')
          .select('id')
          .where('resident_id', '=', villager.id)
          .where('item_kind', '=', 'wheelchair')
          .where('state', '=', 'lent')
          .executeTakeFirst();
      await poll(lent).toBeTruthy();
      const id = Number((await lent())!.id);
      await poll(() => desk.getByTestId(`loan-row-${id}`).innerText()).toContain('借出中');
      expect((await wheelchairs()).on_hand).toBe(before.on_hand - 1);

      // eight days pass; the overdue sweep (every 30 s in the server) reminds the villager once
      h.t.clock.set(new Date(Date.now() + 8 * DAY));
      expect((await remindOverdueLoans(db, h.t.clock.now()))?.reminded).toBeGreaterThanOrEqual(1);
      expect((await remindOverdueLoans(db, h.t.clock.now()))?.reminded).toBe(0);

      // the villager's phone: the loan is marked overdue, and the reminder is among the messages
      const phone = await (await h.context('phone')).newPage();
      await h.signIn(phone, '/m/', 'resident');
      await phone.getByTestId('home-loans').click();
      await poll(() => phone.getByTestId(`my-loan-${id}`).innerText()).toContain('已逾期');
      await phone.getByTestId('tab-messages').click();
      await poll(() => phone.getByTestId('messages').innerText()).toMatch(
        /借用的轮椅已于 \d{4}-\d\d-\d\d 到期/,
      );

      // the staff see it overdue and take it back: recorded as returned late, the wheelchair is back
      await desk.reload();
      await desk.getByTestId('loans-overdue').click();
      await poll(() => desk.getByTestId(`loan-row-${id}`).innerText()).toContain('逾期');
      await desk.getByTestId('loans-overdue').click();
      await desk.getByTestId(`loan-return-${id}`).click();
      await poll(() => desk.getByTestId(`loan-row-${id}`).innerText()).toContain('逾期归还');
      expect(await wheelchairs()).toEqual(before);
      await desk.goto(`${h.base}/stations/${station.id}`);
      await poll(() => desk.getByTestId('stock-row-wheelchair').getByTestId('on-hand').innerText()).toBe(
        String(before.on_hand),
      );

      await phone.getByTestId('tab-home').click();
      await phone.getByTestId('home-loans').click();
      await poll(() => phone.getByTestId(`my-loan-${id}`).innerText()).toContain('逾期归还');
      expect(h.pageErrors).toEqual([]);
    },
    LONG,
  );
});
