/**
 * Issue 15's archive forms in real Chromium: village staff create a household in the command
 * centre on a grid of their village with its villagers' group (the grid-unit picker), add a
 * newborn, record a care tag for the head; a grid worker's household moving in on the phone
 * names its villagers' group too.
 */
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const freshIdNumber = (born: string) =>
  `990000${born.replaceAll('-', '')}${String(randomInt(1000)).padStart(3, '0')}X`;

async function newUnit(user: string, gridCode: string, name: string): Promise<number> {
  const res = await h.t.app.inject({
    method: 'POST',
    url: '/api/v1/grid-units',
    headers: await signIn(h.t.app, user),
    payload: { gridCode, kind: 'villagers_group', name },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

/** Opens the region tree of `testId` at the caller's village and picks the grid named `grid`. */
async function pickGrid(page: Page, testId: string, grid: string) {
  await page.getByTestId(testId).click();
  const dropdown = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .filter({ visible: true });
  await dropdown.locator('.ant-select-tree-switcher').first().click();
  await dropdown.locator('.ant-select-tree-node-content-wrapper', { hasText: grid }).first().click();
  await expect.poll(async () => (await page.getByTestId(testId).textContent()) ?? '').toContain(grid);
}

const typeInto = (page: Page, testId: string, value: string) => page.getByTestId(testId).fill(value);

describe.skipIf(!chromium)('archive forms in the browser', () => {
  it('village staff create a household with its villagers’ group, add a newborn and record a care tag', async () => {
    const village = await h.t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'village')
      .executeTakeFirstOrThrow();
    const grid = await h.t.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('parent_code', '=', village.scope_code)
      .where('level', '=', 'grid')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const unitId = await newUnit('village', grid.code, '第九村民小组');

    const desk = await (await h.context('desk')).newPage();
    await h.signIn(desk, '/', 'village');
    await desk.getByTestId('menu-people').click();
    await desk.getByTestId('tab-households').click();
    await desk.getByTestId('hh-new-open').click();
    await desk.getByTestId('hh-new-address').waitFor();
    await pickGrid(desk, 'hh-new-grid', grid.name);
    await pickOption(desk, 'hh-new-unit', '第九村民小组');
    await typeInto(desk, 'hh-new-address', '第九组12号');
    const headId = freshIdNumber('1980-05-06');
    await typeInto(desk, 'hh-new-head-name', '赵新户');
    await typeInto(desk, 'hh-new-head-birth', '1980-05-06');
    await typeInto(desk, 'hh-new-head-id', headId);
    await desk.getByTestId('hh-new-save').click();

    // the new household's drawer opens; the record names its group
    await desk.getByTestId('household-drawer').filter({ hasText: '第九组12号' }).waitFor();
    const hh = await h.t.db
      .selectFrom('household')
      .select(['id', 'unit_id', 'grid_code'])
      .where('address', '=', '第九组12号')
      .executeTakeFirstOrThrow();
    expect(hh).toMatchObject({ unit_id: unitId, grid_code: grid.code });
    const head = await h.t.db
      .selectFrom('resident')
      .select(['id', 'relation'])
      .where('household_id', '=', hh.id)
      .executeTakeFirstOrThrow();
    expect(head.relation).toBe('head');
    // the ID number typed in is shown masked
    const drawer = desk.getByTestId('household-drawer');
    expect(await drawer.textContent()).not.toContain(headId);

    // a newborn joins the household
    await desk.getByTestId('hh-add-member').click();
    await desk.getByTestId('member-add-name').waitFor();
    await typeInto(desk, 'member-add-name', '赵小新');
    await typeInto(desk, 'member-add-birth', '2026-11-02');
    await typeInto(desk, 'member-add-id', freshIdNumber('2026-11-02'));
    await desk.getByTestId('member-add-save').click();
    await drawer.filter({ hasText: '赵小新' }).waitFor();
    const baby = await h.t.db
      .selectFrom('archive_history')
      .innerJoin('resident', 'resident.id', 'archive_history.subject_id')
      .select(['archive_history.event', 'resident.relation'])
      .where('archive_history.subject', '=', 'resident')
      .where('resident.name', '=', '赵小新')
      .executeTakeFirstOrThrow();
    expect(baby).toEqual({ event: 'birth', relation: 'child' });

    // the head gets a care tag, with a date and a reason
    await desk.getByTestId(`resident-event-${head.id}`).click();
    await desk.getByTestId('resident-event-reason').waitFor();
    await pickOption(desk, 'resident-event-tag', '低保');
    await typeInto(desk, 'resident-event-on', '2026-11-10');
    await typeInto(desk, 'resident-event-reason', '民政局核定低保');
    await desk.getByTestId('resident-event-save').click();
    await expect
      .poll(async () =>
        (
          await h.t.db
            .selectFrom('archive_history')
            .select(['event', 'reason', 'effective_on'])
            .where('subject', '=', 'resident')
            .where('subject_id', '=', head.id)
            .where('event', '=', 'care_tag_added')
            .execute()
        ).map((r) => r.reason),
      )
      .toEqual(['民政局核定低保']);
    await drawer.filter({ hasText: '低保' }).waitFor();
  });

  it('a household moving in on the phone names its villagers’ group', async () => {
    const worker = await h.t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const unitId = await newUnit('gridworker', worker.scope_code, '第十村民小组');
    const phone = await (await h.context('phone')).newPage();
    await h.signIn(phone, '/m/', 'gridworker');
    await phone.goto(`${h.base}/m/#/move-in`);
    await phone.getByTestId('reg-page-move-in').waitFor();
    await expect
      .poll(() => phone.getByTestId('reg-unit').locator('option').allTextContents())
      .toContain('第十村民小组');
    await phone.getByTestId('reg-unit').selectOption({ label: '第十村民小组' });
    await phone.getByTestId('reg-address').fill('第十组3号');
    await phone.getByTestId('reg-name').fill('钱迁入');
    await phone.getByTestId('reg-birth').fill('1975-02-03');
    await phone.getByTestId('reg-id').fill(freshIdNumber('1975-02-03'));
    await phone.getByTestId('reg-save').click();
    await phone.getByTestId('household').filter({ hasText: '钱迁入' }).waitFor();
    const hh = await h.t.db
      .selectFrom('household')
      .select('unit_id')
      .where('address', '=', '第十组3号')
      .executeTakeFirstOrThrow();
    expect(hh.unit_id).toBe(unitId);
  });
});
