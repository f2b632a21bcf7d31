/**
 * 组织生活 in real Chromium (issue 14, J8/J9): a committee meeting recorded with attendance and minutes
 * takes its branch off the rhythm board; a village branch orders a lesson from the menu, the county
 * schedules and delivers it; a member watches an online lesson on the phone and the watch shows.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000 });
const get = <T>(page: Page, url: string) =>
  page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;

type Board = {
  summary: { kind: string; behind: number }[];
  behind: { orgId: number; orgName: string; regionName: string; kind: string }[];
};

/** Types into a searchable Ant Design select and picks the option with this text. */
async function searchPick(page: Page, testId: string, text: string) {
  for (let i = 0; i < 5; i++) {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    const option = page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .filter({ visible: true })
      .locator('.ant-select-item-option', { hasText: text })
      .first();
    const clicked = await option.click({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (clicked && ((await page.getByTestId(testId).textContent()) ?? '').includes(text)) return;
  }
  throw new Error(`could not choose ${text} in ${testId}`);
}

describe.skipIf(!chromium)('organisational life in the browser', () => {
  it('a committee meeting with attendance and minutes changes the rhythm board', async () => {
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'party');
    const before = await get<Board>(desk, '/api/v1/org-life/board?kind=committee&limit=200');
    const late = before.behind.find((b) => b.kind === 'committee')!;
    expect(late).toBeTruthy();
    const behind = () =>
      get<Board>(desk, '/api/v1/org-life/board?kind=committee&limit=200').then(
        (b) => b.summary.find((s) => s.kind === 'committee')!.behind,
      );
    const was = await behind();

    await desk.getByTestId('menu-orglife').click();
    await desk.getByTestId('ol-tab-board').click();
    await poll(() => desk.getByTestId('ol-board-behind').innerText()).toContain(late.orgName);
    await desk.getByTestId('ol-tab-meetings').click();
    await desk.getByTestId('ol-record').click();
    await searchPick(desk, 'ol-org', `${late.orgName}（${late.regionName}）`);
    await desk.getByTestId('ol-topic').fill('研究本季度党员发展和帮扶工作');
    // everyone on the sheet came but the last
    const boxes = desk.getByTestId('ol-roster').locator('input[type=checkbox]');
    await poll(() => boxes.count()).toBeGreaterThan(0);
    const n = await boxes.count();
    const came = Math.max(1, n - 1);
    for (let i = 0; i < came; i++) await boxes.nth(i).check();
    await desk.getByTestId('ol-minutes').fill('支委会研究了党员发展计划，确定了三户帮扶对象。');
    await desk.locator('#ol-record-ok').click();
    await poll(() => desk.getByTestId('ol-meetings').innerText()).toContain('研究本季度党员发展和帮扶工作');
    expect(await desk.getByTestId('ol-meetings').innerText()).toContain(`${came} / ${n}`);
    await poll(behind).toBe(was - 1);
    const held = await h.t.db
      .selectFrom('org_life_meeting')
      .select(['id', 'minutes'])
      .where('org_id', '=', late.orgId)
      .where('topic', '=', '研究本季度党员发展和帮扶工作')
      .executeTakeFirstOrThrow();
    expect(held.minutes).toContain('三户帮扶对象');
  });

  it('a branch orders a lesson from the menu; the county schedules and delivers it', async () => {
    const village = await (await h.context('desk')).newPage();
    await h.signIn(village, '/', 'village');
    await village.getByTestId('menu-orglife').click();
    await village.getByTestId('ol-tab-lessons').click();
    const lessons = await get<{ items: { id: number; topic: string; format: string }[] }>(
      village,
      '/api/v1/party-lessons',
    );
    const lesson = lessons.items.find((l) => l.format === 'in_person')!;
    await village.getByTestId(`ol-lesson-${lesson.id}`).click();
    const orgs = await get<{ items: { id: number; name: string; kind: string }[] }>(
      village,
      '/api/v1/party/orgs',
    );
    const branch = orgs.items.find((o) => o.kind === 'branch' || o.kind === 'grid_branch')!;
    await searchPick(village, 'ol-order-org', branch.name);
    await village.getByTestId('ol-order-wish').fill('希望安排在周末上午');
    await village.getByTestId('ol-order').click();
    await poll(() => village.locator('.ant-message').innerText()).toContain('已点单');
    const order = await h.t.db
      .selectFrom('lesson_order')
      .select(['id', 'state'])
      .where('wish', '=', '希望安排在周末上午')
      .executeTakeFirstOrThrow();
    expect(order.state).toBe('ordered');

    const county = await (await h.context('desk')).newPage();
    await h.signIn(county, '/', 'party');
    await county.goto(`${h.base}/orglife/orders`);
    const id = Number(order.id);
    await county.getByTestId(`ol-schedule-${id}`).click();
    await poll(() => county.getByTestId(`ol-order-state-${id}`).innerText()).toBe('已排课');
    await county.getByTestId(`ol-deliver-${id}`).click();
    await poll(() => county.getByTestId(`ol-order-state-${id}`).innerText()).toBe('已送课');
    const done = await h.t.db
      .selectFrom('lesson_order')
      .select(['state', 'meeting_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(done.state).toBe('delivered');
    expect(done.meeting_id).not.toBeNull();
  });

  it('a member watches an online lesson on the phone and the watch shows', async () => {
    const phone = await (await h.context('phone')).newPage();
    await h.signIn(phone, '/m/', 'resident');
    await phone.getByTestId('home-lessons').click();
    const first = phone.locator('[data-testid^="lesson-"]').first();
    await first.locator('button').first().click();
    const media = phone.getByTestId('lesson-media');
    const where = async () => (await media.getAttribute('src')) ?? (await media.getAttribute('href')) ?? '';
    await poll(where).toMatch(/\/api\/v1\/party-lessons\/\d+\/media/);
    const src = await where();
    // the media plays from the API: it answers byte ranges
    const range = await phone.evaluate(
      async (u) => (await fetch(u, { headers: { Range: 'bytes=0-3' } })).status,
      src,
    );
    expect(range).toBe(206);
    await phone.getByTestId('lesson-watch').click();
    await poll(() => phone.getByTestId('lesson-watched').innerText()).toMatch(/已学习 \d+ 秒，进度 100%/);

    const lessonId = Number(/party-lessons\/(\d+)/.exec(src)![1]);
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'party');
    await desk.getByTestId('menu-orglife').click();
    await desk.getByTestId('ol-tab-lessons').click();
    await desk.getByTestId(`ol-lesson-${lessonId}`).click();
    await poll(() => desk.getByTestId('ol-watchers').innerText()).toContain('村民');
    expect(h.pageErrors).toEqual([]);
  });
});
