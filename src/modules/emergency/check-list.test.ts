/**
 * An emergency's check list (核查名单) officials work with (issue 11), on the demo's closed flood of
 * the demo township: the list kit's common cases (test/lists.ts) and what only checks have — the
 * status filter, words of the address, the address masked in the list and the file.
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
  status: string;
  reportedAt: string;
};
let t: TestApp;
let village: H;
let villageCode = '';
let id = 0;
const PHONE = '13700007777';
const WORD = '河堤北侧平房';

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  villageCode = await scopeCodeOf(t, village);
  const e = await t.db
    .selectFrom('emergency_event')
    .select('id')
    .where('title', 'like', '%强降雨防汛应急')
    .executeTakeFirstOrThrow();
  id = Number(e.id);
  // the test demo's flood checked no household of the demo village: its households join the check
  // list (statuses and times spread by id), as the declaration's INSERT … SELECT would have made them
  await sql`INSERT INTO emergency_check (county_code, event_id, household_id, grid_code, grid_path, status,
      reported_by, reported_at, first_reported_at, version)
    SELECT h.county_code, ${id}, h.id, h.grid_code, h.grid_path,
      (ARRAY['pending', 'safe', 'evacuated', 'needs_help', 'unreachable'])[1 + h.id % 5],
      CASE WHEN h.id % 5 = 0 THEN NULL ELSE a.id END,
      CASE WHEN h.id % 5 = 0 THEN NULL ELSE e.declared_at + make_interval(mins => (h.id % 97)::int) END,
      CASE WHEN h.id % 5 = 0 THEN NULL ELSE e.declared_at + make_interval(mins => (h.id % 97)::int) END, 2
    FROM household h JOIN emergency_event e ON e.id = ${id}
    JOIN account a ON a.username = 'village'
    WHERE h.grid_path <@ (SELECT path FROM region WHERE code = ${villageCode})
    ORDER BY h.id LIMIT 40`.execute(t.db);
  // a household of the village whose address carries a phone (typed before the public-text rule)
  await sql`UPDATE household SET address = ${`${WORD} 联系${PHONE}`}
    WHERE id = (SELECT min(household_id) FROM emergency_check WHERE event_id = ${id}
                AND grid_path <@ (SELECT path FROM region WHERE code = ${villageCode}))`.execute(t.db);
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'an emergency’s check list',
    get url() {
      return `/api/v1/emergency-events/${id}/checks`;
    },
    get exportUrl() {
      return `/api/v1/emergency-events/${id}/checks/export.xlsx`;
    },
    audit: 'emergency_check.export',
    count: countBelow('emergency_check', 'grid_path', () => ['event_id', id]),
    // (the address is masked after sorting: its order is not checked on the masked text)
    sorts: [
      ['name', 'name'],
      ['grid', 'gridName'],
      ['status', 'status'],
      ['reportedAt', 'reportedAt'],
    ],
    text: (i) => `${i.name} ${i.address} ${i.gridName}`,
    exportQuery: 'sort=-reportedAt',
    firstColumn: (i) => i.id,
    header: '编号',
    number: false,
    refused: ['gridworker', 'admin', 'resident', 'department'],
    ofObject: true,
  },
  () => t,
);

describe('an emergency’s check list: its own filter, search and masking', () => {
  const url = (q: string) => `/api/v1/emergency-events/${id}/checks?${q}`;

  it('filters by status and finds a household by words of its address; the phone there is masked', async () => {
    const st = await getList<Item>(t, village, url('status=unreachable&limit=200'));
    expect(st.page.items.every((i) => i.status === 'unreachable')).toBe(true);
    const found = await getList<Item>(t, village, url(`q=${encodeURIComponent(WORD)}`));
    expect(found.page.total).toBe(1);
    expect(found.page.items[0]!.address).toContain(WORD);
    expect(found.page.items[0]!.address).not.toContain(PHONE);
  });

  it('exports the household found, its address masked, audited with the filter', async () => {
    const rows = await readExport(
      t,
      village,
      `/api/v1/emergency-events/${id}/checks/export.xlsx?q=${encodeURIComponent(WORD)}`,
    );
    expect(rows).toHaveLength(2);
    const text = rows.flat().join(' ');
    expect(text).toContain(WORD);
    expect(text).not.toContain(PHONE);
    expect((await auditsOf(t, 'emergency_check.export')).at(-1)!.after).toMatchObject({
      rows: 1,
      filter: { eventId: id, q: WORD },
    });
  });
});
