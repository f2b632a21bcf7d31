/** The disclosure list officials work with (issue 11), through the list kit (test/lists.ts). */
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { countBelow } from '../../../test/kits/lists.js';
import { describeList } from '../../../test/lists.js';

type Item = {
  id: number;
  title: string;
  villageName: string;
  period: string | null;
  publishedAt: string | null;
  readCount: number;
};
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the disclosure list',
    url: '/api/v1/disclosures',
    exportUrl: '/api/v1/disclosures/export.xlsx',
    audit: 'disclosure.export',
    // a village's own staff see their drafts too; the county monitors published and withdrawn ones
    count: countBelow('disclosure', 'village_path'),
    sorts: [
      ['id', 'id'],
      ['period', 'period'],
      ['publishedAt', 'publishedAt'],
      ['readCount', 'readCount'],
    ],
    text: (i) => `${i.title} ${i.villageName}`,
    exportQuery: 'sort=-publishedAt',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'admin'],
    number: false,
    countyTotal: async (t, county) =>
      (
        await t.db
          .selectFrom('disclosure')
          .select(sql<number>`count(*)::int`.as('n'))
          .where('county_code', '=', county)
          .where('status', '<>', 'draft')
          .executeTakeFirstOrThrow()
      ).n,
  },
  () => t,
);
