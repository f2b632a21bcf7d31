/**
 * J3 through the field app in real Chromium: the grid worker opens the
 * households due a visit on the phone, records a visit with no network (kept
 * on the phone, shown in the queue), the network returns and the visit is
 * sent — the household is no longer due; then a report started from the
 * household opens pre-filled with its address.
 */
import { describe, expect, it } from 'vitest';
import { requireChromium, useBrowserApp } from '../browser-app.js';

const chromium = await requireChromium();
const h = useBrowserApp();

describe.skipIf(!chromium)('visits in the browser', () => {
  it('grid worker visits a household offline, the visit is sent when online, then reports from the household', async () => {
    // a household of the grid worker's grid, never visited (so due now)
    const worker = await h.t.db
      .selectFrom('account')
      .select(['id', 'scope_code'])
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow();
    const grid = await h.t.db
      .selectFrom('region')
      .select('path')
      .where('code', '=', worker.scope_code)
      .executeTakeFirstOrThrow();
    const address = '走访测试巷8号';
    const { id } = await h.t.db
      .insertInto('household')
      .values({
        county_code: '211221',
        grid_code: worker.scope_code,
        grid_path: grid.path,
        address,
        member_count: 1,
        care_tags: ['elderly-alone'],
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const ctx = await h.context('phone');
    const phone = await ctx.newPage();
    await h.signIn(phone, '/m/', 'gridworker');
    await phone.getByTestId('home-visits').click();

    // the due list: the household with its care tag in words and "never visited"
    const card = phone.getByTestId(`due-${id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('孤寡老人');
    await card.getByTestId('due-never').waitFor();
    await card.click();
    await phone.getByTestId('household-address').filter({ hasText: address }).waitFor();
    // the household is loaded: now the network goes
    await phone.getByTestId('visit-form').waitFor();
    await ctx.setOffline(true);
    await phone.getByTestId('outcome-needs_help').click();
    await phone.getByTestId('need-medical').click();
    await phone.getByTestId('visit-notes').fill('老人腿脚不便，需要陪同就医');
    await phone.getByTestId('visit-save').click();

    // kept on the phone and shown in the queue; nothing reached the server
    const queue = phone.getByTestId('queue');
    await queue.waitFor();
    expect(await phone.getByTestId('queue-count').getAttribute('data-count')).toBe('1');
    expect(await queue.textContent()).toContain(address);
    expect(
      await h.t.db.selectFrom('visit').select('id').where('household_id', '=', id).execute(),
    ).toHaveLength(0);

    // the network comes back: the queue sends it
    await ctx.setOffline(false);
    await queue.waitFor({ state: 'detached', timeout: 30_000 });
    const visits = await h.t.db
      .selectFrom('visit')
      .select(['outcome', 'needs', 'notes', 'worker_account_id', 'client_request_id'])
      .where('household_id', '=', id)
      .execute();
    expect(visits).toEqual([
      {
        outcome: 'needs_help',
        needs: ['medical'],
        notes: '老人腿脚不便，需要陪同就医',
        worker_account_id: worker.id,
        client_request_id: expect.any(String),
      },
    ]);
    await phone.getByTestId('visit-entry').filter({ hasText: '老人腿脚不便' }).waitFor();
    const household = await h.t.db
      .selectFrom('household')
      .select('visit_due_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(household.visit_due_at!.getTime()).toBeGreaterThan(Date.now());

    // no longer due
    await phone.goto(`${h.base}/m/#/visits`);
    await phone.getByTestId('due-list').waitFor();
    await phone.getByTestId('refresh').click();
    await phone.waitForLoadState('networkidle');
    expect(await phone.getByTestId(`due-${id}`).count()).toBe(0);

    // a problem seen on the visit: the report starts from the household
    await phone.goto(`${h.base}/m/#/households/${id}`);
    await phone.getByTestId('visit-report').click();
    await phone.getByTestId('report-household').filter({ hasText: address }).waitFor();
    expect(await phone.getByTestId('description').inputValue()).toContain('入户走访发现');
    expect(h.pageErrors).toEqual([]);
  }, 120_000);
});
