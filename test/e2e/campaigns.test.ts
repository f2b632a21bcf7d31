/**
 * 上级号召、全市响应 in real Chromium (issue 13): the county launches pension certification for
 * everyone 60+ in one township (the target count shown before launching) → two grid workers of one
 * village work their lists on phones, one of them offline, sent when the network is back → the
 * village reaches 100% → the township sees the misses elsewhere → the campaign closes listing them.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { seedAccount } from '../../src/modules/accounts/index.js';
import { TEST_DEMO_PASSWORD } from '../helpers.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('campaigns in the browser', () => {
  it('county launches → two phones work their lists (one offline) → a village at 100% → misses → closed', async () => {
    const db = h.t.db;
    const gw = await db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const grid = gw.scope_code;
    const village = grid.slice(0, 12);
    const township = grid.slice(0, 9);
    const tname = (
      await db.selectFrom('region').select('name').where('code', '=', township).executeTakeFirstOrThrow()
    ).name;
    // the village's grids holding pensioners: the demo worker's, and a second grid with a worker of its own
    const { rows: grids } = await sql<{ grid_code: string }>`SELECT DISTINCT grid_code FROM resident
      WHERE grid_code LIKE ${`${village}%`} AND status = 'present' AND 'pensioner-60' = ANY(care_tags)
        AND birth_date <= current_date - interval '60 years' ORDER BY grid_code`.execute(db);
    expect(grids.map((g) => g.grid_code)).toContain(grid);
    const other = grids.find((g) => g.grid_code !== grid)?.grid_code;
    if (other)
      await seedAccount(db, {
        username: 'gridworker2',
        displayName: '第二网格员',
        role: 'grid_worker',
        scopeCode: other,
        password: TEST_DEMO_PASSWORD,
      });

    // the county centre launches from the template, limited to the township, seeing the count first
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.getByTestId('menu-campaigns').click();
    await desk.getByTestId('camp-launch').click();
    await pickOption(desk, 'camp-template', '养老金领取资格认证');
    await desk.getByTestId('camp-regions').getByText(tname, { exact: false }).click();
    const { rows: want } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident
      WHERE grid_code LIKE ${`${township}%`} AND status = 'present' AND 'pensioner-60' = ANY(care_tags)
        AND birth_date <= (now() AT TIME ZONE 'Asia/Shanghai')::date - interval '60 years'`.execute(db);
    await expect
      .poll(() => desk.getByTestId('camp-preview').innerText())
      .toContain(`共 ${want[0]!.n} 个对象`);
    await desk.getByTestId('camp-submit').click();
    await desk.waitForURL(/\/campaigns\/\d+/);
    const id = Number(/\/campaigns\/(\d+)/.exec(desk.url())![1]);

    // phone 1 works online; phone 2 goes offline, works its list, and sends when back online
    const phones = other
      ? [
          { user: 'gridworker', offline: false },
          { user: 'gridworker2', offline: true },
        ]
      : [{ user: 'gridworker', offline: true }];
    for (const p of phones) {
      const ctx = await h.context('phone');
      const phone = await ctx.newPage();
      await h.signIn(phone, '/m/', p.user);
      await phone.getByTestId('home-campaigns').click();
      await phone.getByTestId(`camp-${id}`).waitFor();
      if (p.offline) await ctx.setOffline(true);
      const n = await phone.getByTestId(`camp-${id}`).locator('.card').count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const card = phone.getByTestId(`camp-${id}`).locator('.card').first();
        await card.locator('button').first().click();
        await card.getByTestId('field-certified').getByText('是').click();
        await card.getByTestId('field-method').getByText('上门核验').click();
        await card.getByTestId('target-save').click();
        await expect.poll(() => phone.getByTestId(`camp-${id}`).locator('.card').count()).toBe(n - i - 1);
      }
      const count = async () =>
        Number(
          (
            await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_target
              WHERE campaign_id = ${id} AND state = 'done' AND grid_code = ${p.user === 'gridworker' ? grid : other!}`.execute(
              db,
            )
          ).rows[0]!.n,
        );
      if (p.offline) {
        // kept on the phone: nothing reached the server
        expect(await count()).toBe(0);
        await ctx.setOffline(false);
      }
      await expect.poll(count, { timeout: 30_000 }).toBe(n);
    }
    // the village's other grids (no phone in this test) are worked through the API
    const rest = await db
      .selectFrom('campaign_target')
      .select('id')
      .where('campaign_id', '=', id)
      .where('state', '=', 'open')
      .where('grid_code', 'like', `${village}%`)
      .execute();
    await db
      .updateTable('campaign_target')
      .set({
        state: 'done',
        answers: JSON.stringify({ certified: true, method: '人脸识别' }),
        done_at: new Date(),
      })
      .where('id', 'in', rest.length ? rest.map((r) => r.id) : [0])
      .execute();

    // the village at 100% in the township's progress; the misses elsewhere listed
    const town = await (await h.context('desk')).newPage();
    await h.signIn(town, '/', 'township');
    await town.goto(`${h.base}/#/campaigns/${id}`);
    await expect.poll(() => town.getByTestId(`camp-cov-${village}`).innerText()).toContain('100%');
    await expect
      .poll(() => town.getByTestId('camp-targets').locator('tbody tr.ant-table-row').count())
      .toBeGreaterThan(0);

    // the county closes: refused without a reason, then closed with one, listing every miss
    await desk.reload();
    await desk.getByTestId('camp-close').click();
    await expect.poll(() => desk.locator('.ant-alert-error').innerText()).toContain('结束任务须说明原因');
    await desk.getByTestId('camp-close-reason').fill('其余人员外出务工，已通知线上认证');
    await desk.getByTestId('camp-close').click();
    await expect.poll(() => desk.getByTestId('camp-state').innerText()).toBe('已结束');
    const missed = await db
      .selectFrom('campaign_target')
      .select('id')
      .where('campaign_id', '=', id)
      .where('state', '=', 'missed')
      .execute();
    expect(missed.length).toBeGreaterThan(0);
    await desk.getByTestId('camp-list-state').getByText('漏项').click();
    await expect
      .poll(() => desk.getByTestId('camp-targets').locator('tbody tr.ant-table-row').count())
      .toBe(Math.min(20, missed.length));
  }, 300_000);
});
