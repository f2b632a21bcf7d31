/**
 * J2 + J6 through the UI in real Chromium: the village's grid worker files the day's screening on
 * the phone and finds a dispute; the village does not settle it by the end of the day, so the sweep
 * passes it to the township; the township centre assigns the lead office, mediates with a record sheet
 * (the signed paper's photo) and settles it; the sheet prints; the village follows up: closed.
 */
import { describe, expect, it } from 'vitest';
import { sweepDisputes } from '../../src/modules/disputes/sweep.js';
import { pickOption, requireChromium, useBrowserApp } from '../browser-app.js';
import { jpeg } from '../fixtures.js';

const chromium = await requireChromium();
const h = useBrowserApp();

const row = (id: number) =>
  h.t.db
    .selectFrom('dispute')
    .select(['state', 'tier', 'deadline_at', 'lead_department_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe.skipIf(!chromium)('J2/J6 disputes in the browser', () => {
  it('daily screening finds a dispute → escalated → township mediates with a record sheet → settled → follow-up', async () => {
    // the grid worker, on the phone: 每日排查 → one dispute found
    const worker = await (await h.context('phone')).newPage();
    await h.signIn(worker, '/m/', 'gridworker');
    await worker.getByTestId('home-screening').click();
    await worker.getByTestId('screening-screen').waitFor();
    await worker.getByTestId('dispute-summary').fill('两户因房后排水沟走向争执');
    await worker.getByTestId('dispute-applicant').fill('王大山');
    await worker.getByTestId('dispute-respondent').fill('李二河');
    await worker.getByTestId('screening-send').click();
    await expect
      .poll(async () =>
        h.t.db
          .selectFrom('dispute')
          .select('id')
          .where('summary', '=', '两户因房后排水沟走向争执')
          .executeTakeFirst(),
      )
      .toBeTruthy();
    const { id } = await h.t.db
      .selectFrom('dispute')
      .select('id')
      .where('summary', '=', '两户因房后排水沟走向争执')
      .executeTakeFirstOrThrow();
    expect((await row(id)).tier).toBe('village');

    // the end of the village's day: the sweep passes it to the township
    const due = (await row(id)).deadline_at.getTime();
    const out = await sweepDisputes({
      db: h.t.db,
      calendar: h.t.ctx.calendar,
      now: () => new Date(due + 60_000),
    });
    expect(out?.escalated).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toMatchObject({ tier: 'township', state: 'open' });

    // the township centre: assign the lead office, record the mediation, settle
    const dept = await h.t.db
      .selectFrom('account as a')
      .innerJoin('department as d', 'd.id', 'a.department_id')
      .select(['d.id', 'd.name'])
      .where('a.username', '=', 'township-cgb')
      .executeTakeFirstOrThrow();
    const township = await (await h.context('desk')).newPage();
    await h.signIn(township, '/', 'township');
    await township.goto(`${h.base}/#/disputes/${id}`);
    await township.getByTestId('dispute-action-assign').click();
    await pickOption(township, 'assign-lead', dept.name);
    await township.getByTestId('action-ok').click();
    await expect.poll(async () => (await row(id)).state).toBe('assigned');

    await township.getByTestId('dispute-record').click();
    await pickOption(township, 'session-place', '矛盾调处中心');
    const town = await h.t.db
      .selectFrom('account as a')
      .innerJoin('region as r', 'r.code', 'a.scope_code')
      .select('r.name')
      .where('a.username', '=', 'township')
      .executeTakeFirstOrThrow();
    await pickOption(township, 'session-mediators', town.name);
    await township.getByTestId('session-facts').fill('房后排水沟改道，雨水流入邻居院内。');
    await township.getByTestId('session-applicantClaim').fill('恢复原走向');
    await township.getByTestId('session-respondentClaim').fill('同意改回，费用共担');
    await township.getByTestId('session-text').fill('双方共同出资恢复排水沟原走向');
    await township
      .getByTestId('photo-input')
      .setInputFiles({ name: 'signed.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#eeeeee') });
    await township.getByTestId('uploaded-photo').waitFor({ timeout: 30_000 });
    await township.getByTestId('session-ok').click();
    await township.getByTestId('open-sheet').waitFor({ timeout: 15_000 });

    await township.getByTestId('dispute-action-settle').click();
    await township.getByTestId('action-text').fill('双方共同出资恢复排水沟原走向');
    await township.getByTestId('action-ok').click();
    await expect.poll(async () => (await row(id)).state).toBe('settled');

    // the record sheet, laid out for A4, with the signed paper
    await township.getByTestId('open-sheet').click();
    await township.getByTestId('record-sheet').waitFor();
    expect(await township.getByTestId('record-sheet').textContent()).toContain(
      '双方共同出资恢复排水沟原走向',
    );
    await township.locator('.signed-paper').waitFor();

    // the village follows up: the agreement held
    const village = await (await h.context('desk')).newPage();
    await h.signIn(village, '/', 'village');
    await village.goto(`${h.base}/#/disputes/${id}`);
    await village.getByTestId('dispute-action-follow_up').click();
    await village.getByTestId('action-text').fill('回访：排水沟已恢复，双方无争议');
    await village.getByTestId('action-ok').click();
    await expect.poll(async () => (await row(id)).state).toBe('closed');
  }, 240_000);
});
