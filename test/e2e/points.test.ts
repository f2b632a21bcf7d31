/**
 * J4 through the UI in real Chromium: the part-time worker 'parttime' sees their
 * balance on the phone and exchanges points for goods; the village committee
 * hands them over at its desk; the phone shows them collected, and balance and
 * stock are right.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const workerRow = () =>
  h.t.db
    .selectFrom('grid_worker as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['w.id', 'w.points_balance', 'w.grid_code'])
    .where('a.username', '=', 'parttime')
    .executeTakeFirstOrThrow();

describe.skipIf(!chromium)('J4 points in the browser', () => {
  it('a part-time worker exchanges points on the phone; the village hands the goods over', async () => {
    const before = await workerRow();
    const soap = await h.t.db
      .selectFrom('goods')
      .select(['id', 'points_cost', 'stock'])
      .where('region_code', '=', before.grid_code.slice(0, 9))
      .where('name', '=', '香皂')
      .executeTakeFirstOrThrow();
    expect(before.points_balance).toBeGreaterThanOrEqual(soap.points_cost * 2);

    // the worker, on the phone: the balance, then two bars of soap
    const phone = await (await h.context('phone')).newPage();
    await h.signIn(phone, '/m/', 'parttime');
    await phone.getByTestId('home-points').click();
    await expect
      .poll(() => phone.getByTestId('points-balance').textContent())
      .toBe(String(before.points_balance));
    await phone.getByTestId(`exchange-${soap.id}`).click();
    await phone.getByTestId('exchange-dialog').waitFor();
    await phone.getByTestId('exchange-quantity').locator('.adm-stepper-plus').click();
    await phone.getByTestId('exchange-confirm').click();
    const left = before.points_balance - soap.points_cost * 2;
    await expect.poll(() => phone.getByTestId('points-balance').textContent()).toBe(String(left));
    const x = await h.t.db
      .selectFrom('redemption')
      .select(['id', 'quantity', 'status'])
      .where('worker_id', '=', before.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(x).toMatchObject({ quantity: 2, status: 'requested' });
    await expect
      .poll(() => phone.getByTestId(`my-exchange-status-${x.id}`).getAttribute('data-status'))
      .toBe('requested');
    // nothing is cut off at 360 px
    expect(
      await phone.locator('html').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth),
    ).toBeLessThanOrEqual(360);

    // the village committee, at its desk: the exchange waits to be handed over
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.goto(`${h.base}/#/workers?tab=redemptions`);
    await desk.getByTestId(`redemption-row-${x.id}`).waitFor();
    await desk.getByTestId(`hand-over-${x.id}`).click();
    await desk.getByTestId('hand-over-confirm').click();
    await expect
      .poll(
        async () =>
          (
            await h.t.db
              .selectFrom('redemption')
              .select('status')
              .where('id', '=', x.id)
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('handed_over');

    // the worker's ledger on the desk shows the exchange
    await desk.goto(`${h.base}/#/workers?tab=roster`);
    await desk.getByTestId(`worker-row-${before.id}`).click();
    await expect.poll(() => desk.getByTestId('worker-balance').textContent()).toBe(String(left));

    // the phone hears of it and shows the goods collected; balance and stock are right
    await phone.getByTestId('points-refresh').click();
    await expect
      .poll(() => phone.getByTestId(`my-exchange-status-${x.id}`).getAttribute('data-status'))
      .toBe('handed_over');
    expect(await phone.getByTestId('points-balance').textContent()).toBe(String(left));
    expect((await workerRow()).points_balance).toBe(left);
    expect(
      (await h.t.db.selectFrom('goods').select('stock').where('id', '=', soap.id).executeTakeFirstOrThrow())
        .stock,
    ).toBe(soap.stock - 2);
    expect(h.pageErrors).toEqual([]);
  });
});
