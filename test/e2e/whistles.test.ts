/**
 * 基层吹哨、部门必应 in real Chromium (issue 13, J15): the village raises a request to a county
 * department in the centre → the department's staff find it in their inbox, where nothing like
 * returning it is offered → they hand it on with a reason to the department that should answer →
 * that department answers (three hours after receiving it) → the village confirms → the county's
 * departments-compared view shows the answering department's response time.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers.js';
import { departmentAccount, departmentId } from '../kits/whistles.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

type Figures = { departmentId: number; answered: number; avgResponseHours: number | null };

const desk = async (user: string): Promise<Page> => {
  const page = await (await h.context('desk')).newPage();
  await h.signIn(page, '/', user);
  return page;
};

/** Opens the request from a list of the whistles page (the inbox tab of a department by default). */
const openRow = async (page: Page, number: string) => {
  await page.goto(`${h.base}/whistles`);
  await page.getByTestId(`whistle-row-${number}`).click({ timeout: 20_000 });
  await page.getByTestId('whistle-state').waitFor();
};

/** The action buttons the drawer offers (the API's actions for this reader). */
const offered = (page: Page) =>
  page.locator('button[data-testid^="whistle-action-"]:not([data-testid="whistle-action-submit"])');

const act = async (page: Page, action: string, text: string, department?: string) => {
  await page.getByTestId(`whistle-action-${action}`).click();
  if (department) await pickOption(page, 'whistle-action-department', department);
  await page.getByTestId('whistle-action-text').fill(text);
  await page.getByTestId('whistle-action-submit').click();
};

describe.skipIf(!chromium)('a whistle in the browser', () => {
  it('raised by the village → inbox, no return → handed on with a reason → answered → confirmed → compared', async () => {
    const db = h.t.db;
    const housing = await departmentId(db, 'county_housing_urban_rural');
    const transport = await departmentId(db, 'county_transport');
    await departmentAccount(db, 'transport', 'county_transport');
    const names = new Map(
      (
        await db
          .selectFrom('department')
          .select(['id', 'name'])
          .where('id', 'in', [housing, transport])
          .execute()
      ).map((d) => [d.id, d.name]),
    );
    const county = await signIn(h.t.app, 'county');
    // a fixed window of Beijing days for before and after (the default one ends at the moving clock)
    const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
    const window = `?from=${day(Date.now() - 60 * 86_400_000)}&to=${day(Date.now() + 4 * 3_600_000)}`;
    const figures = async (query = window): Promise<Figures> => {
      const url = `/api/v1/whistles/comparison${query}`;
      const res = await h.t.app.inject({ method: 'GET', url, headers: county });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: Figures[] }>().items.find((f) => f.departmentId === transport)!;
    };
    const before = await figures();

    // the village raises the request to the housing bureau
    const village = await desk('village');
    await village.goto(`${h.base}/whistles`);
    await village.getByTestId('whistle-raise').click();
    await village.getByTestId('whistle-subject').fill('村道塌方阻断通行');
    await village
      .getByTestId('whistle-description')
      .fill('连续降雨后村东主路塌方约三米，车辆无法通行，请县里派人处置。');
    await pickOption(village, 'whistle-department', names.get(housing)!);
    await village.getByTestId('whistle-raise-submit').click();
    await village.getByTestId('whistle-state').waitFor({ timeout: 20_000 });
    const w = await db
      .selectFrom('whistle')
      .select(['id', 'number', 'department_id', 'state'])
      .where('subject', '=', '村道塌方阻断通行')
      .executeTakeFirstOrThrow();
    expect(w).toMatchObject({ department_id: housing, state: 'raised' });

    // the housing bureau's inbox holds it; it may answer or hand on, never return it
    const housingDesk = await desk('department');
    await openRow(housingDesk, w.number);
    await housingDesk.getByTestId('whistle-action-hand_on').waitFor();
    const actions = await offered(housingDesk).evaluateAll((els) =>
      els.map((e) => e.getAttribute('data-testid')),
    );
    expect(actions.sort()).toEqual(['whistle-action-answer', 'whistle-action-hand_on']);
    await act(housingDesk, 'hand_on', '道路塌方属交通运输局管养范围，转交处置。', names.get(transport)!);
    await expect
      .poll(
        async () =>
          (
            await db
              .selectFrom('whistle')
              .select('department_id')
              .where('id', '=', w.id)
              .executeTakeFirstOrThrow()
          ).department_id,
        {
          timeout: 20_000,
        },
      )
      .toBe(transport);
    // handed on, it is read only for the housing bureau
    await expect.poll(() => offered(housingDesk).count(), { timeout: 20_000 }).toBe(0);

    // three hours later the transport bureau answers from its inbox
    h.t.clock.set(new Date(Date.now() + 3 * 3_600_000));
    const transportDesk = await desk('transport');
    await openRow(transportDesk, w.number);
    await act(transportDesk, 'answer', '已派养护队抢修，今晚恢复单车道通行，三日内修复。');
    await transportDesk.getByTestId('whistle-answer').waitFor({ timeout: 20_000 });

    // the village confirms, from the link its notice carries (its list is ordered by due time and
    // holds the demo's half year of requests before this one)
    await village.goto(`${h.base}/whistles/${w.id}`);
    await village.getByTestId('whistle-answer').waitFor();
    await act(village, 'confirm', '已恢复通行，感谢。');
    await expect
      .poll(
        async () =>
          (await db.selectFrom('whistle').select('state').where('id', '=', w.id).executeTakeFirstOrThrow())
            .state,
        {
          timeout: 20_000,
        },
      )
      .toBe('confirmed');

    // the county compares departments: the transport bureau's answer counts, three hours after it received it
    const after = await figures();
    expect(after.answered).toBe(before.answered + 1);
    const mean = ((before.avgResponseHours ?? 0) * before.answered + 3) / (before.answered + 1);
    expect(Math.abs(after.avgResponseHours! - mean)).toBeLessThan(0.15);
    const countyDesk = await desk('county');
    await countyDesk.goto(`${h.base}/whistles`);
    await countyDesk.getByRole('tab', { name: '部门比较' }).click();
    const row = countyDesk.getByTestId('whistle-comparison').locator(`tr[data-row-key="${transport}"]`);
    const cells = row.locator('td');
    await expect.poll(() => cells.nth(0).textContent(), { timeout: 20_000 }).toBe(names.get(transport));
    // the screen shows the default window (ninety days to now): the same figures as the API's
    const shown = await figures('');
    expect(await cells.nth(2).textContent()).toBe(String(shown.answered));
    expect(await cells.nth(4).textContent()).toBe(String(shown.avgResponseHours));
    expect(h.pageErrors).toEqual([]);
  }, 300_000);
});
