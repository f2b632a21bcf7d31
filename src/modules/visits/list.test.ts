/**
 * The visit list officials work with (issue 11): the list kit's common cases (test/lists.ts) and what
 * only visits have — the household or case number search, notes masked in the export, the filters.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { countBelow, scopeCodeOf } from '../../../test/kits/lists.js';
import { describeList, getList, readExport, type H } from '../../../test/lists.js';

type Item = {
  id: number;
  householdId: number;
  address: string;
  workerName: string;
  visitedAt: string;
  kind: string;
  outcome: string;
  notes: string;
  caseNumber: string | null;
};
let t: TestApp;
let village: H;
let villageCode: string;
const PHONE = '13700004444';
let marked: { id: number; household_id: number };

const list = (h: H, query: string) => getList<Item>(t, h, `/api/v1/visits?${query}`);

/**
 * The demo carries no visits: a dozen per village of every county (so another county's village has
 * its own), spread over kinds, outcomes and the last three months, made by an account of the county.
 */
async function seedVisits() {
  await sql`
    INSERT INTO visit (county_code, household_id, grid_code, grid_path, worker_account_id, visited_at,
                       kind, outcome, needs, notes)
    SELECT h.county_code, h.id, h.grid_code, h.grid_path,
           (SELECT min(a.id) FROM account a WHERE a.county_code = h.county_code),
           now() - (h.id % 90) * interval '1 day' - (h.id % 7) * interval '1 hour',
           (ARRAY['routine', 'care', 'follow_up', 'campaign'])[1 + h.id % 4],
           (ARRAY['all_well', 'needs_help', 'issue_reported', 'not_home'])[1 + (h.id / 4) % 4],
           CASE WHEN h.id % 3 = 0 THEN ARRAY['medical'] ELSE ARRAY[]::text[] END,
           '入户了解情况 第' || h.id || '户'
    FROM (SELECT h.*, row_number() OVER (PARTITION BY subpath(h.grid_path, 0, nlevel(h.grid_path) - 1)
                                         ORDER BY h.id) AS n
          FROM household h) h
    WHERE h.n <= 12
      AND EXISTS (SELECT 1 FROM account a WHERE a.county_code = h.county_code)`.execute(t.db);
}

beforeAll(async () => {
  t = await createTestApp();
  await seedVisits();
  village = await signIn(t.app, 'village');
  villageCode = await scopeCodeOf(t, village);
  // an old visit whose notes carry a phone (typed on the doorstep): the export masks it
  marked = await t.db
    .selectFrom('visit')
    .select(['id', 'household_id'])
    .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await t.db
    .updateTable('visit')
    .set({ notes: `老人腿脚不便 女儿电话${PHONE} 下周回访` })
    .where('id', '=', marked.id)
    .execute();
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the visit list',
    url: '/api/v1/visits',
    exportUrl: '/api/v1/visits/export.xlsx',
    audit: 'visit.export',
    count: countBelow('visit', 'grid_path'),
    sorts: [
      ['id', 'id'],
      ['visitedAt', 'visitedAt'],
      ['kind', 'kind'],
      ['outcome', 'outcome'],
    ],
    text: (i) => `${i.address} ${i.notes} ${i.workerName}`,
    exportQuery: 'sort=-visitedAt',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'admin'],
  },
  () => t,
);

describe('the visit list: its own search, filters and masking', () => {
  it('finds visits by the linked case’s number or the household’s, and words in the notes', async () => {
    // the marked visit led to a case of its village: its number finds the visit
    const c = await t.db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('visit').set({ case_id: c.id }).where('id', '=', marked.id).execute();
    const digits = c.number.replace(/^[A-Za-z]+/, '');
    const byCase = await list(village, `number=${encodeURIComponent(digits)}&limit=200`);
    expect(byCase.status).toBe(200);
    expect(byCase.page.items.map((i) => i.id)).toEqual([marked.id]);
    // a household number of three digits or more (the number search takes no fewer)
    const h = await t.db
      .selectFrom('visit')
      .select(['id', 'household_id'])
      .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${villageCode})`)
      .where('household_id', '>=', 100)
      .orderBy('id')
      .executeTakeFirst();
    if (h) {
      const byHousehold = await list(village, `number=${h.household_id}&limit=200`);
      expect(byHousehold.page.items.map((i) => i.id)).toContain(h.id);
      expect(
        byHousehold.page.items.every(
          (i) =>
            String(i.householdId).includes(String(h.household_id)) ||
            i.caseNumber?.includes(String(h.household_id)),
        ),
      ).toBe(true);
    }
    const words = await list(village, `q=${encodeURIComponent('腿脚不便')}`);
    expect(words.page.items.map((i) => i.id)).toEqual([marked.id]);
    expect(words.page.total).toBe(1);
  });

  it('filters by kind and outcome, the total following the filter', async () => {
    const all = (await list(village, 'limit=200')).page;
    for (const kind of ['routine', 'care']) {
      const r = await list(village, `kind=${kind}&limit=200`);
      expect(r.page.items.every((i) => i.kind === kind)).toBe(true);
      expect(r.page.total).toBe(all.items.filter((i) => i.kind === kind).length);
    }
    const o = await list(village, 'outcome=needs_help&limit=200');
    expect(o.page.total).toBe(all.items.filter((i) => i.outcome === 'needs_help').length);
    expect((await list(village, 'kind=nope')).status).toBe(400);
  });

  it('masks a phone written in the notes in the export; the row is there', async () => {
    const rows = await readExport(
      t,
      village,
      `/api/v1/visits/export.xlsx?q=${encodeURIComponent('腿脚不便')}`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe(String(marked.id));
    const text = rows.flat().join(' ');
    expect(text).toContain('腿脚不便');
    expect(text).not.toContain(PHONE);
  });
});
