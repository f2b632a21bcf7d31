/**
 * 上级号召、全市响应 in real Chromium (issue 13): the city centre launches pension certification over
 * its counties (the count by county, a township of one county opened and chosen, a second county
 * whole) → a grid worker of one county completes a target on the phone → the city's progress shows
 * it for that county, down to the grid → the county sees its part, marked from the city, and cannot
 * close it → the city closes with a reason, the misses counted by county.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { OTHER, addSecondCounty } from '../city-county.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('the city centre in the browser', () => {
  it('city launches over its counties → a phone completes a target → city progress → county part → city closes', async () => {
    const db = h.t.db;
    await addSecondCounty(db);
    const gw = await db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const grid = gw.scope_code;
    const township = grid.slice(0, 9);
    const tname = (
      await db.selectFrom('region').select('name').where('code', '=', township).executeTakeFirstOrThrow()
    ).name;
    const { rows: want } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident
      WHERE grid_code LIKE ${`${township}%`} AND status = 'present' AND 'pensioner-60' = ANY(care_tags)
        AND birth_date <= (now() AT TIME ZONE 'Asia/Shanghai')::date - interval '60 years'`.execute(db);
    const n = want[0]!.n;

    // the city centre lands on its campaigns; the menu holds nothing else it may not reach
    const desk = await (await h.context('desk')).newPage();
    await h.typeLogin(desk, '/', 'city');
    await desk.getByTestId('menu-city').waitFor();
    await desk.getByTestId('city-table').waitFor();
    expect(await desk.getByTestId('menu-cases').count()).toBe(0);
    expect(await desk.getByTestId('menu-campaigns').count()).toBe(0);

    await desk.getByTestId('city-launch').click();
    await pickOption(desk, 'city-template', '养老金领取资格认证');
    const regions = desk.getByTestId('city-regions');
    const node = (text: string) => regions.locator('.ant-tree-treenode').filter({ hasText: text }).first();
    await node('调兵山市（2）').waitFor();
    // open each county for its townships (a rule names townships or below): one of each
    await node('铁岭县').locator('.ant-tree-switcher').click();
    await node(tname).locator('.ant-tree-checkbox').click();
    await expect.poll(() => desk.getByTestId('city-preview').innerText()).toContain(`全市共 ${n} 个对象`);
    await node('调兵山市').locator('.ant-tree-switcher').click();
    await node('兀术街街道').locator('.ant-tree-checkbox').click();
    await expect.poll(() => desk.getByTestId('city-preview').innerText()).toContain(`全市共 ${n + 2} 个对象`);
    await desk.getByTestId('city-submit').click();
    await desk.waitForURL(/\/city\/\d+/);
    const id = Number(/\/city\/(\d+)/.exec(desk.url())![1]);
    const part = Number(
      (
        await db
          .selectFrom('campaign')
          .select('id')
          .where('city_campaign_id', '=', id)
          .where('county_code', '=', '211221')
          .executeTakeFirstOrThrow()
      ).id,
    );

    // a grid worker of 铁岭县 completes one target on the phone
    const phone = await (await h.context('phone')).newPage();
    await h.signIn(phone, '/m/', 'gridworker');
    await phone.getByTestId('home-campaigns').click();
    const card = phone.getByTestId(`camp-${part}`).locator('.card').first();
    await card.locator('button').first().click();
    await card.getByTestId('field-certified').getByText('是').click();
    await card.getByTestId('field-method').getByText('上门核验').click();
    await card.getByTestId('target-save').click();
    const done = async () =>
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_target
          WHERE campaign_id = ${part} AND state = 'done'`.execute(db)
      ).rows[0]!.n;
    await expect.poll(done, { timeout: 30_000 }).toBe(1);

    // the city's progress shows it for 铁岭县, and down to the worker's grid (counts, no names)
    await desk.reload();
    const pct = `${Math.round(1000 / n) / 10}%`;
    await expect.poll(() => desk.getByTestId('city-cov-211221').innerText()).toContain(pct);
    await expect.poll(() => desk.getByTestId(`city-cov-${OTHER.county}`).innerText()).toContain('0%');
    for (const code of ['211221', township, grid.slice(0, 12)]) {
      await desk.getByTestId(`city-cov-${code}`).click();
      await desk.waitForURL(new RegExp(`within=${code}`));
    }
    await expect.poll(() => desk.getByTestId(`city-cov-${grid}`).innerText()).not.toBe('0%');

    // the county sees its part, marked as from the city, and may not close it
    const county = await (await h.context('desk')).newPage();
    await h.signIn(county, '/', 'county');
    await county.getByTestId('menu-campaigns').click();
    await county.getByTestId(`camp-city-${part}`).waitFor();
    await county.goto(`${h.base}/campaigns/${part}`);
    await county.getByTestId('camp-from-city').waitFor();
    await county.getByTestId('camp-progress').waitFor();
    expect(await county.getByTestId('camp-close').count()).toBe(0);

    // the city closes: refused without a reason, then closed with one, the misses by county
    await desk.goto(`${h.base}/city/${id}`);
    await desk.getByTestId('city-close').click();
    await expect.poll(() => desk.locator('.ant-alert-error').innerText()).toContain('结束任务须说明原因');
    await desk.getByTestId('city-close-reason').fill('其余人员外出务工，由各县通知线上认证');
    await desk.getByTestId('city-close').click();
    await expect.poll(() => desk.getByTestId('city-state').innerText()).toBe('已结束');
    await expect.poll(() => desk.getByTestId('city-missed-211221').innerText()).toContain(`：${n - 1}`);
    await expect.poll(() => desk.getByTestId(`city-missed-${OTHER.county}`).innerText()).toContain('：2');
    expect(h.pageErrors).toEqual([]);
  }, 300_000);
});
