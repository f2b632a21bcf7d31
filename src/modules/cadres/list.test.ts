/** The cadre and enterprise lists officials work with (issue 11), through the list kit (test/lists.ts). */
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers.js';
import { describeList } from '../../../test/lists.js';

type Cadre = { id: number; name: string; unit: string | null; birthYear: number };
type Enterprise = { id: number; name: string; address: string; creditCode: string; openNeeds: number };
let t: TestApp;

const inScope =
  (table: 'cadre' | 'enterprise', path: 'region_path' | 'grid_path') =>
  async (t: TestApp, county: string, code: string | null) =>
    (
      await t.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_code', '=', county)
        .$if(code !== null, (q) =>
          q.where(sql<boolean>`${sql.ref(path)} <@ (SELECT path FROM region WHERE code = ${code})`),
        )
        .executeTakeFirstOrThrow()
    ).n;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describeList<Cadre>(
  {
    name: 'the cadre list',
    url: '/api/v1/cadres',
    exportUrl: '/api/v1/cadres/export.xlsx',
    audit: 'cadre.export',
    count: inScope('cadre', 'region_path'),
    sorts: [
      ['id', 'id'],
      ['birthYear', 'birthYear'],
    ],
    text: (i) => `${i.name} ${i.unit ?? ''}`,
    exportQuery: 'sort=-birthYear',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'admin'],
    number: false,
  },
  () => t,
);

describeList<Enterprise>(
  {
    name: 'the enterprise list',
    url: '/api/v1/enterprises',
    exportUrl: '/api/v1/enterprises/export.xlsx',
    audit: 'enterprise.export',
    count: inScope('enterprise', 'grid_path'),
    sorts: [
      ['id', 'id'],
      ['creditCode', 'creditCode'],
      ['openNeeds', 'openNeeds'],
    ],
    text: (i) => `${i.name} ${i.address}`,
    exportQuery: 'sort=creditCode',
    firstColumn: (i) => i.creditCode,
    header: '信用代码',
    refused: ['resident', 'gridworker', 'department', 'admin'],
  },
  () => t,
);
