/**
 * 在职党员 and 全程代办 through the UI in real Chromium. An in-service party member registers with the
 * community on the phone; the community's staff approve in the centre; the member signs in, claims a
 * wish near home, fulfils it with the hours served, and sees the hours. Village staff register a
 * walk-in errand for a villager without a phone; it passes village → township → county and back.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
/** a loaded 2-core machine: a screen, a save and a reload can each take seconds */
const WAIT = { timeout: 30_000 };

const villageOf = async (username: string) =>
  (
    await h.t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).scope_code;

/** Opens a centre page from the menu. */
async function menu(page: Page, key: string) {
  await page.getByTestId(`menu-${key}`).click();
}

describe.skipIf(!chromium)('in-service party members and the proxy relay in the browser', () => {
  it('a member signs up on the phone → the community approves → claims a wish near home, fulfils it → hours show', async () => {
    const village = await villageOf('village');
    const phone = await h.context('phone');
    const member = await phone.newPage();
    await member.goto(`${h.base}/m/`);
    await member.getByTestId('isv-link').click();
    await member.getByTestId('isv-sign-up').waitFor();
    await member.getByTestId('isv-displayName').fill('王在职');
    await member.getByTestId('isv-phone').fill('13700001111');
    await member.getByTestId('isv-homeCode').fill(village);
    await member.getByTestId('isv-employerUnit').fill('县教育局');
    await member.getByTestId('isv-username').fill('zaizhi-wang');
    await member.getByTestId('isv-password').fill('a-long-password-1');
    await member.getByTestId('isv-password2').fill('a-long-password-1');
    await member.getByTestId('isv-submit').click();
    await member.getByTestId('isv-sent').waitFor();
    const reg = await h.t.db
      .selectFrom('in_service_member as m')
      .innerJoin('account as a', 'a.id', 'm.account_id')
      .select(['m.id', 'm.status'])
      .where('a.username', '=', 'zaizhi-wang')
      .executeTakeFirstOrThrow();
    expect(reg.status).toBe('pending');

    // the community's staff approve in the command centre
    const staff = await (await h.context('desk')).newPage();
    await h.signIn(staff, '/', 'village');
    await menu(staff, 'inservice');
    const row = staff.getByTestId(`inservice-row-${reg.id}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('137****1111');
    await row.getByTestId('inservice-approve').click();
    await staff.getByTestId('inservice-approve-ok').click();
    await expect
      .poll(
        async () =>
          (
            await h.t.db
              .selectFrom('in_service_member')
              .select('status')
              .where('id', '=', reg.id)
              .executeTakeFirst()
          )?.status,
        WAIT,
      )
      .toBe('approved');

    // the member signs in, finds a wish near home waiting for someone, claims it and fulfils it
    const wish = await h.t.db
      .selectFrom('wish')
      .select(['id', 'number', 'title'])
      .where('status', '=', 'published')
      .where('max_claimers', '=', 1)
      .where('grid_code', 'like', `${village}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await member.getByTestId('isv-back').click();
    await member.getByTestId('login-username').fill('zaizhi-wang');
    await member.getByTestId('login-password').fill('a-long-password-1');
    await member.getByTestId('login-submit').click();
    await member.getByTestId('isv-wishes').click();
    await member.getByTestId(`wish-${wish.number}`).click();
    await member.getByTestId('isv-claim').click();
    await member.locator('.adm-dialog-button', { hasText: '我来认领' }).click();
    await expect
      .poll(() => member.getByTestId('wish-status').getAttribute('data-status'), WAIT)
      .toBe('claimed');
    await member.getByTestId('isv-fulfil').click();
    await member.getByTestId('isv-hours-2').click();
    await member.getByTestId('isv-fulfil-note').fill('送去了收音机，陪老人聊了一下午');
    await member.getByTestId('isv-fulfil-ok').click();
    await expect
      .poll(() => member.getByTestId('wish-status').getAttribute('data-status'), WAIT)
      .toBe('fulfilled');

    // the hours show on the member's own screen …
    await member.goto(`${h.base}/m/in-service`);
    await expect.poll(() => member.getByTestId('isv-hours').innerText(), WAIT).toContain('2');
    expect(await member.getByTestId(`isv-entry-${wish.number}`).innerText()).toContain(wish.title);
    // … and in the centre, for the community
    await staff.goto(`${h.base}/inservice?tab=hours`);
    await expect
      .poll(() => staff.getByTestId(`inservice-member-${reg.id}`).innerText(), WAIT)
      .toMatch(/王在职[\s\S]*2/);
    expect(h.pageErrors).toEqual([]);
  });

  it('village staff register a walk-in errand; it passes village → township → county and back', async () => {
    const village = await villageOf('village');
    const item = await h.t.db
      .selectFrom('service_item')
      .select(['code', 'name_zh'])
      .where('handled_at', '=', 'county')
      .where('active', '=', true)
      .orderBy('sort')
      .executeTakeFirstOrThrow();
    const villager = await h.t.db
      .selectFrom('resident')
      .select(['id', 'name'])
      .where('status', '=', 'present')
      .where('grid_code', 'like', `${village}%`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const staff = await (await h.context('desk')).newPage();
    await h.signIn(staff, '/', 'village');
    await menu(staff, 'errands');
    await staff.getByTestId('errands-walkin').click();
    await staff.getByTestId('walkin-resident').click();
    await staff.keyboard.type(villager.name);
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: villager.name,
      })
      .first()
      .click();
    // the list of items is long (a virtual list): search it by name
    await staff.getByTestId('walkin-item').click();
    await staff.keyboard.type(item.name_zh);
    await staff
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: item.name_zh,
      })
      .first()
      .click();
    await staff.getByTestId('walkin-detail').fill('老人没有手机，代办证明材料已收齐');
    await staff.getByTestId('walkin-ok').click();
    const relay = staff.getByTestId('errand-relay');
    await expect.poll(() => relay.getAttribute('data-tier'), WAIT).toBe('village');
    expect(await relay.innerText()).toContain('县行政审批中心');
    const errand = await h.t.db
      .selectFrom('errand')
      .select(['id', 'status'])
      .where('service_code', '=', item.code)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(errand.status).toBe('accepted');

    const act = async (page: Page, action: string, note?: string) => {
      await page.getByTestId(`action-${action}`).click();
      if (note) await page.getByTestId('modal-text').fill(note);
      await page.getByTestId('modal-confirm').click();
    };
    const tierOf = async (page: Page) => page.getByTestId('errand-relay').getAttribute('data-tier');

    await act(staff, 'forward', '材料齐全');
    await expect.poll(() => tierOf(staff), WAIT).toBe('township');
    // each person signs in in a browser of their own: a page of the same context shares the village's session
    const township = await (await h.context('desk')).newPage();
    await h.signIn(township, '/', 'township');
    await township.goto(`${h.base}/errands/${errand.id}`);
    await act(township, 'forward');
    await expect.poll(() => tierOf(township), WAIT).toBe('county');
    const county = await (await h.context('desk')).newPage();
    await h.signIn(county, '/', 'county');
    await county.goto(`${h.base}/errands/${errand.id}`);
    await act(county, 'return', '已审批，证明已出具');
    await expect.poll(() => tierOf(county), WAIT).toBe('village');
    await staff.reload();
    await expect.poll(() => tierOf(staff), WAIT).toBe('village');
    await staff.getByTestId('action-done').waitFor();
    await act(staff, 'done', '已把证明交给老人');
    await expect
      .poll(
        async () =>
          (await h.t.db.selectFrom('errand').select('status').where('id', '=', errand.id).executeTakeFirst())
            ?.status,
        WAIT,
      )
      .toBe('done');
    expect(h.pageErrors).toEqual([]);
  });
});
