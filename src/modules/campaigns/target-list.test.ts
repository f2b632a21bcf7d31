/**
 * A campaign's target list (清单) officials work with (issue 11), on the demo's running winter heating
 * check of the demo township: the list kit's common cases (test/lists.ts: exact totals of the caller's
 * subtree, sorts, search input, the export of what is filtered, refusals) and what only targets have —
 * words of the address or the name, the address masked in the list and the file, the campaign in the audit.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow, scopeCodeOf } from '../../../test/kits/lists.js';
import { auditsOf, describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  name: string;
  address: string;
  gridName: string;
  state: string;
  doneAt: string | null;
};
let t: TestApp;
let village: H;
let villageCode = '';
let id = 0;
const PHONE = '13700005555';
const WORD = '暖气片东厢房';

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  villageCode = await scopeCodeOf(t, village);
  const c = await t.db
    .selectFrom('campaign')
    .select('id')
    .where('title', '=', '冬季取暖安全检查')
    .where('state', '=', 'running')
    .executeTakeFirstOrThrow();
  id = Number(c.id);
  // a household of the village whose address carries a phone (typed before the public-text rule)
  await sql`UPDATE household SET address = ${`${WORD} 联系${PHONE}`}
    WHERE id = (SELECT min(household_id) FROM campaign_target WHERE campaign_id = ${id}
                AND grid_path <@ (SELECT path FROM region WHERE code = ${villageCode}))`.execute(t.db);
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'a campaign’s target list',
    get url() {
      return `/api/v1/campaigns/${id}/targets`;
    },
    get exportUrl() {
      return `/api/v1/campaigns/${id}/targets/export.xlsx`;
    },
    audit: 'campaign_target.export',
    count: countBelow('campaign_target', 'grid_path', () => ['campaign_id', id]),
    // (the address is masked after sorting: its order is not checked on the masked text)
    sorts: [
      ['name', 'name'],
      ['grid', 'gridName'],
      ['state', 'state'],
      ['doneAt', 'doneAt'],
    ],
    text: (i) => `${i.name} ${i.address} ${i.gridName}`,
    exportQuery: 'sort=-name',
    firstColumn: (i) => i.id,
    header: '编号',
    number: false,
    refused: ['gridworker', 'admin', 'resident', 'department'],
    ofObject: true,
  },
  () => t,
);

describe('a campaign’s target list: its own search and masking', () => {
  it('finds a target by words of its address; the phone written there is masked', async () => {
    const found = await getList<Item>(
      t,
      village,
      `/api/v1/campaigns/${id}/targets?q=${encodeURIComponent(WORD)}`,
    );
    expect(found.status).toBe(200);
    expect(found.page.total).toBe(1);
    expect(found.page.items[0]!.address).toContain(WORD);
    expect(found.page.items[0]!.address).not.toContain(PHONE);
  });

  it('filters by state; the export masks the address and names the campaign in its audit', async () => {
    const open = await getList<Item>(t, village, `/api/v1/campaigns/${id}/targets?state=done&limit=200`);
    expect(open.page.items.every((i) => i.state === 'done')).toBe(true);
    const rows = await readExport(
      t,
      village,
      `/api/v1/campaigns/${id}/targets/export.xlsx?q=${encodeURIComponent(WORD)}`,
    );
    expect(rows).toHaveLength(2);
    const text = rows.flat().join(' ');
    expect(text).toContain(WORD);
    expect(text).not.toContain(PHONE);
    expect((await auditsOf(t, 'campaign_target.export')).at(-1)!.after).toMatchObject({
      rows: 1,
      filter: { campaignId: id, q: WORD },
    });
  });
});
