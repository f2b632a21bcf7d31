/**
 * J5 in real Chromium, at the county centre's desk: the windows board names who receives a visitor
 * today; a visitor is registered (name, ID number and phone masked on screen, shown in full only
 * after a reason is given, and that view audited); the matter becomes a case of the cases module
 * (source 'petition'), linked from the petition, and every step is in its history.
 */
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers.js';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('J5 petition supermarket in the browser', () => {
  it('windows board → a visitor registered at a window → reveal with a reason → the matter becomes a case', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'county');
    await desk.getByTestId('menu-petitions').click();
    // a visitor never finds no one: the board names a receiver today
    await expect.poll(() => desk.getByTestId('windows-receiver').innerText()).toContain('来访群众由谁接待');
    expect(await desk.getByTestId('windows-present').innerText()).toContain('信访局');

    await desk.getByTestId('pet-tab-register').click();
    await expect
      .poll(async () =>
        Number(
          await desk.getByTestId('pet-stat-visitors').locator('.ant-statistic-content-value').innerText(),
        ),
      )
      .toBeGreaterThanOrEqual(70);
    await desk.getByTestId('pet-add').click();
    await desk.getByTestId('pet-name').fill('赵长海');
    await desk.getByTestId('pet-id').fill('211221196805051236');
    await desk.getByTestId('pet-phone').fill('13904105555');
    await desk.getByTestId('pet-matter').fill('村路边排水沟堵塞，雨天积水进院，多次反映未解决');
    await desk.getByTestId('pet-submit').click();
    await desk.waitForURL(/\/petitions\/register\/\d+/);
    const id = Number(/\/petitions\/register\/(\d+)/.exec(desk.url())![1]);
    await expect.poll(() => desk.getByTestId('pet-state').innerText()).toBe('待决定受理');
    const drawer = desk.getByTestId('pet-drawer');
    expect(await drawer.innerText()).toContain('赵**');
    expect(await drawer.innerText()).not.toContain('13904105555');
    expect(await desk.locator('body').innerText()).not.toContain('211221196805051236');

    // the full phone only with a reason, and the view is audited
    await desk.getByTestId('pet-reveal').click();
    await desk.getByTestId('pet-reveal-reason').fill('电话回访来访人');
    await desk.getByTestId('pet-action-submit').click();
    await expect.poll(() => desk.getByTestId('pet-phone-shown').innerText()).toBe('13904105555');
    const audit = await h.t.db
      .selectFrom('audit_log')
      .select(['reason', 'entity_id'])
      .where('action', '=', 'petition.reveal')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ reason: '电话回访来访人', entity_id: String(id) });

    // the matter becomes a case (诉求转事件) in the grid where it lies
    const grid = await h.t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    await desk.getByTestId('pet-action-to_case').click();
    await desk.getByTestId('pet-f-category').fill('E0102');
    await desk.getByTestId('pet-f-grid').fill(grid.scope_code);
    await desk.getByTestId('pet-action-submit').click();
    await expect.poll(() => desk.getByTestId('pet-state').innerText()).toBe('转为事件');
    expect(await drawer.innerText()).toMatch(/来访登记[\s\S]*转为事件/);
    const row = await h.t.db
      .selectFrom('petition')
      .select(['state', 'case_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const kase = await h.t.db
      .selectFrom('cases')
      .select(['source', 'number', 'description'])
      .where('id', '=', Number(row.case_id))
      .executeTakeFirstOrThrow();
    expect(kase).toMatchObject({
      source: 'petition',
      description: '村路边排水沟堵塞，雨天积水进院，多次反映未解决',
    });
    await desk.getByTestId('pet-case-link').click();
    await desk.waitForURL(new RegExp(`/cases/${row.case_id}$`));
    await expect.poll(() => desk.locator('body').innerText()).toContain(kase.number);
    expect(h.pageErrors).toEqual([]);
  });

  it('village agency (信访代理) at the village desk: register for a villager → the township answers → the agent asks for a review', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.getByTestId('menu-petitions').click();
    await desk.getByTestId('pet-tab-register').click();
    await desk.getByTestId('pet-add').click();
    await desk.getByTestId('pet-name').fill('孙秀兰');
    await desk.getByTestId('pet-phone').fill('13904106666');
    await desk.getByTestId('pet-matter').fill('承包地流转租金两年未付，多次找承租方未果');
    await desk.getByTestId('pet-submit').click();
    await desk.waitForURL(/\/petitions\/register\/\d+/);
    const id = Number(/\/petitions\/register\/(\d+)/.exec(desk.url())![1]);
    await expect.poll(() => desk.getByTestId('pet-state').innerText()).toBe('待决定受理');
    expect(await desk.getByTestId('pet-drawer').innerText()).toContain('村级代理');
    expect(await desk.locator('body').innerText()).not.toContain('13904106666');
    // the agent decides nothing
    expect(await desk.getByTestId('pet-action-accept').count()).toBe(0);

    // the township centre decides and answers (through the API: its screens are those of the county)
    const township = await signIn(h.t.app, 'township');
    for (const [action, body] of [
      ['accept', {}],
      ['answer', { answer: '已协调承租方本月底前付清租金' }],
    ] as const) {
      const r = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/petitions/${id}/actions/${action}`,
        headers: township,
        payload: body,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    await desk.reload();
    await expect.poll(() => desk.getByTestId('pet-state').innerText()).toBe('已答复');
    await desk.getByTestId('pet-action-request_review').click();
    await desk.getByTestId('pet-f-note').fill('村民对答复不满意');
    await desk.getByTestId('pet-action-submit').click();
    await expect.poll(() => desk.getByTestId('pet-state').innerText()).toBe('复查中');
    expect(await desk.getByTestId('pet-drawer').innerText()).toMatch(
      /代理登记[\s\S]*受理[\s\S]*出具处理意见[\s\S]*请求复查/,
    );
    expect(h.pageErrors).toEqual([]);
  });
});
