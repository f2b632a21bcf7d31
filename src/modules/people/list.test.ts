/**
 * The household and resident lists officials work with (issue 11): the common cases through the
 * list kit (test/lists.ts), then what only these lists have — a member's phone found through its
 * blind index as a reveal (never an oracle outside the caller's sight), and masked exports.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { auditsOf, describeList, getList, readExport, type H } from '../../../test/lists.js';

type Household = { id: number; address: string; memberCount: number; lastVisitAt: string | null };
type Resident = {
  id: number;
  householdId: number;
  name: string;
  relation: string;
  birthYear: number;
  status: string;
  idNumber: string;
  phone: string | null;
};
let t: TestApp;
const REASON = encodeURIComponent('来电核实住户');

const inScope =
  (table: 'household' | 'resident') => async (t: TestApp, county: string, code: string | null) =>
    (
      await t.db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('county_code', '=', county)
        .$if(table === 'resident', (q) => q.where(sql<boolean>`status <> 'merged'`))
        .$if(code !== null, (q) =>
          q.where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${code})`),
        )
        .executeTakeFirstOrThrow()
    ).n;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describeList<Household>(
  {
    name: 'the household list',
    url: '/api/v1/households',
    exportUrl: '/api/v1/households/list.xlsx',
    audit: 'household.export_list',
    count: inScope('household'),
    sorts: [
      ['id', 'id'],
      ['members', 'memberCount'],
      ['lastVisitAt', 'lastVisitAt'],
    ],
    text: (i) => i.address,
    exportQuery: 'sort=-members',
    firstColumn: (i) => i.id,
    header: '户号',
    refused: ['resident', 'party', 'gridworker', 'admin'],
  },
  () => t,
);

describeList<Resident>(
  {
    name: 'the resident list',
    url: '/api/v1/residents',
    exportUrl: '/api/v1/residents/export.xlsx',
    audit: 'resident.export',
    count: inScope('resident'),
    sorts: [
      ['id', 'id'],
      ['birthDate', 'birthYear'],
      ['household', 'householdId'],
      ['status', 'status'],
    ],
    text: (i) => `${i.name} ${i.relation}`,
    exportQuery: 'sort=birthDate',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'party', 'gridworker', 'admin'],
  },
  () => t,
);

describe('what only the people lists have', () => {
  let county: H, village: H, other: H, party: H;
  let target: { id: number; householdId: number; phone: string; name: string; idNumber: string };
  const households = (h: H, q: string) => getList<Household>(t, h, `/api/v1/households?${q}`);

  beforeAll(async () => {
    county = await signIn(t.app, 'county');
    village = await signIn(t.app, 'village');
    other = await signIn(t.app, 'zhangjia-village');
    party = await signIn(t.app, 'party');
    const me = (await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: village })).json();
    const r = await t.db
      .selectFrom('resident')
      .select(['id', 'household_id', 'name', 'phone_enc', 'id_number_enc'])
      .where(sql<boolean>`grid_path <@ (SELECT path FROM region WHERE code = ${me.scope.code})`)
      .where('phone_enc', 'is not', null)
      .where('status', '=', 'present')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    target = {
      id: r.id,
      householdId: r.household_id,
      name: r.name,
      phone: t.ctx.pii.decrypt(r.phone_enc!),
      idNumber: t.ctx.pii.decrypt(r.id_number_enc),
    };
  });

  it('finds a household by a member’s name and by its number', async () => {
    const byName = await households(county, `q=${encodeURIComponent(target.name)}&limit=200`);
    expect(byName.page.items.map((i) => i.id)).toContain(target.householdId);
    const byNumber = await households(county, `number=${target.householdId}&limit=200`);
    expect(byNumber.page.items.map((i) => i.id)).toContain(target.householdId);
    expect(byNumber.page.items.every((i) => String(i.id).includes(String(target.householdId)))).toBe(true);
  });

  it('finds a household by a member’s phone only as a reveal: right, reason, audit without the number', async () => {
    expect((await households(party, `phone=${target.phone}&reason=${REASON}`)).status).toBe(403);
    expect((await households(village, `phone=${target.phone}`)).status).toBe(400);
    const before = (await auditsOf(t, 'resident.search')).length;
    const found = await households(village, `phone=${target.phone}&reason=${REASON}`);
    expect(found.status).toBe(200);
    expect(found.page.items.map((i) => i.id)).toContain(target.householdId);
    const audits = await auditsOf(t, 'resident.search');
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({ entity_type: 'household', reason: '来电核实住户' });
    expect(JSON.stringify(audits.at(-1))).not.toContain(target.phone);
  });

  it('is no oracle: another village’s staff searching the same phone find nothing and no count', async () => {
    const theirs = await households(other, `phone=${target.phone}&reason=${REASON}`);
    expect(theirs.status).toBe(200);
    expect(theirs.page).toEqual({ items: [], total: 0 });
  });

  it('exports residents masked: never a full ID number or phone', async () => {
    const rows = await readExport(
      t,
      county,
      `/api/v1/residents/export.xlsx?householdId=${target.householdId}`,
    );
    const text = JSON.stringify(rows);
    expect(rows.slice(1).map((r) => r[0])).toContain(String(target.id));
    expect(text).not.toContain(target.idNumber);
    expect(text).not.toContain(target.phone);
    expect(text).toContain(`${target.phone.slice(0, 3)}****${target.phone.slice(-4)}`);
  });
});
