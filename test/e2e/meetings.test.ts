/**
 * 四议两公开 in real Chromium (issue 14, J11): the village's two committees propose a major matter, the
 * two committees discuss it, the party members' meeting reviews it (one short of 2/3 present is
 * refused, then it passes), the representatives' meeting decides, and the resolution and the result
 * are published — both appear in the village's 三务公开.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();
/** the machine is shared: a screen may take seconds to answer */
const poll = <T>(f: () => T | Promise<T>) => expect.poll(f, { timeout: 20_000 });

describe.skipIf(!chromium)('the deliberation hall in the browser', () => {
  it('a village takes a major matter through 四议两公开 to its published result', async () => {
    const db = h.t.db;
    const title = '村内道路路灯安装';
    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.getByTestId('menu-meetings').click();
    // the hall's counts of the demo village's scope
    await poll(() => desk.getByTestId('meeting-counts').innerText()).toMatch(/解决难题\s*\d+/);
    await desk.getByTestId('tab-matters').click();
    await desk.getByTestId('matter-title').fill(title);
    await desk
      .getByTestId('matter-proposal')
      .fill('党支部提议在村内主路安装太阳能路灯40盏，资金由村集体承担。');
    await desk.getByTestId('matter-propose').click();
    await desk.waitForURL(/\/meetings\/matters\/\d+/);
    const id = Number(/\/matters\/(\d+)/.exec(desk.url())![1]);
    const state = () => desk.getByTestId('matter-state').innerText();
    await poll(state).toBe('已提议');

    await desk.locator('#mm-text').fill('两委会议一致同意提交党员大会审议。');
    await desk.getByTestId('mm-submit').click();
    await poll(state).toBe('两委已商议');

    // the branch's members come from the party module; one short of 2/3 decides nothing
    const m = await db
      .selectFrom('major_matter')
      .select(['village_code'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const detail = await desk.evaluate(
      async (mid) => (await fetch(`/api/v1/major-matters/${mid}`)).json(),
      id,
    );
    const members = (detail as { branch: { members: number } }).branch.members;
    const quorum = Math.ceil((members * 2) / 3);
    expect(m.village_code).toHaveLength(12);
    await poll(() => desk.getByTestId('matter-step-form').innerText()).toContain(`党员 ${members} 人`);
    await desk.locator('#mm-present').fill(String(quorum - 1));
    await desk.locator('#mm-infavour').fill(String(quorum - 1));
    await desk.getByTestId('mm-submit').click();
    await poll(() => desk.locator('.ant-message').innerText()).toContain('法定人数');
    expect(await state()).toBe('两委已商议');
    await desk.locator('#mm-present').fill(String(quorum));
    await desk.locator('#mm-infavour').fill(String(quorum));
    await desk.getByTestId('mm-submit').click();
    await poll(state).toBe('党员大会已审议');

    // the representatives' meeting: 2/3 of 30 present, more than half in favour
    await desk.locator('#mm-reps').fill('30');
    await desk.locator('#mm-present').fill('24');
    await desk.locator('#mm-infavour').fill('22');
    await desk.locator('#mm-text').fill('同意在村内主路安装太阳能路灯40盏，资金由村集体承担。');
    await desk.getByTestId('mm-submit').click();
    await poll(state).toBe('已决议');

    await desk.getByTestId('mm-submit').click();
    await poll(state).toBe('决议已公开');
    await desk.locator('#mm-text').fill('路灯已全部安装并通电。');
    await desk.getByTestId('mm-submit').click();
    await poll(state).toBe('结果已公开');
    await poll(() => desk.getByTestId('matter-result-published').isVisible()).toBe(true);

    // both publications are in the village's 三务公开
    // the matter's drawer covers the menu: open 三务公开 by its address
    await desk.goto(`${h.base}/disclosures`);
    await poll(() => desk.getByText(`四议两公开·结果公开：${title}`).count()).toBeGreaterThan(0);
    await poll(() => desk.getByText(`四议两公开·决议公开：${title}`).count()).toBeGreaterThan(0);
    const published = await db
      .selectFrom('disclosure')
      .select(['status', 'major'])
      .where('title', 'like', `四议两公开%${title}`)
      .execute();
    expect(published).toEqual([
      { status: 'published', major: true },
      { status: 'published', major: true },
    ]);
    expect(h.pageErrors).toEqual([]);
  });
});
