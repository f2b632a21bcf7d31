import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { warnCampaignEnds } from './notices.js';

/** Campaign notices (issue 13): the grid workers hear of a launch; the supervising tiers of its end. */
let t: TestApp;
let grid = '';

beforeAll(async () => {
  t = await createTestApp();
  grid = (
    await t.db
      .selectFrom('account')
      .select('scope_code')
      .where('username', '=', 'gridworker')
      .executeTakeFirstOrThrow()
  ).scope_code;
}, 180_000);
afterAll(async () => t?.close());

const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const told = async (id: number, kind: string) =>
  (
    await t.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.account_id')
      .select('account.username')
      .where('about_type', '=', 'campaign')
      .where('about_id', '=', id)
      .where('kind', '=', kind)
      .execute()
  )
    .map((r) => r.username)
    .sort();

describe('campaign notices', () => {
  it('tells the grid workers with targets at launch, and the supervising tiers once as the window ends', async () => {
    const county = await signIn(t.app, 'county');
    const launch = (endsOn: string, supervising: string[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/campaigns',
        headers: county,
        payload: {
          title: '通知测试专项任务',
          startsOn: day(0),
          endsOn,
          rule: { subject: 'household', regions: [grid] },
          checklist: { fields: [{ key: 'ok', label: '已核查', type: 'boolean', required: true }] },
          supervising,
        },
      });
    const late = await launch(day(20), ['county', 'township', 'village']);
    const soon = await launch(day(1), ['county', 'township']);
    expect(late.statusCode).toBe(201);
    const id = soon.json().id as number;
    const workers = await told(id, 'campaign.launched');
    expect(workers).toEqual(expect.arrayContaining(['gridworker', 'parttime']));
    expect(workers).not.toContain('mengqian'); // a grid worker elsewhere
    const title = await t.db
      .selectFrom('notification')
      .select('title')
      .where('about_id', '=', id)
      .where('kind', '=', 'campaign.launched')
      .executeTakeFirstOrThrow();
    expect(title.title).toContain(`${soon.json().targets} 个对象`);

    const first = await warnCampaignEnds(t.db, new Date());
    expect(first?.warned).toBeGreaterThanOrEqual(1);
    // the supervising tiers listed (not the village: not listed), over the open targets' places
    expect(await told(id, 'campaign.ending')).toEqual(['county', 'township']);
    expect(await told(late.json().id, 'campaign.ending')).toEqual([]);
    await warnCampaignEnds(t.db, new Date());
    expect(await told(id, 'campaign.ending')).toEqual(['county', 'township']);
  });
});
