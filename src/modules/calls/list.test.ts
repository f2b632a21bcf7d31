/**
 * The call log officials work with (issue 11): the list kit's common cases (test/lists.ts) and what
 * only calls have — phones masked for everyone in the list and the export, and the search by a
 * party's phone: a reveal for the centres (reason, audit, limit), refused to grid workers whether the
 * number called or not (no oracle), never part of an export.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '../../platform/crypto.js';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import { auditsOf, describeList, getList, readExport, type H } from '../../../test/lists.js';

type Party = { id: number; name: string; phone: string | null };
type Item = {
  id: number;
  startedAt: string;
  media: string;
  outcome: string | null;
  durationSeconds: number | null;
  caller: Party;
  callee: Party;
};
const URL = '/api/v1/calls';
const PHONE = '13700009999';
let t: TestApp;
let village: H;
let worker: H;
let workerAccount: number;

/** The calls of the county, or those with a party in region `code`'s subtree, by the test's own SQL. */
async function countCalls(t: TestApp, countyCode: string, code: string | null): Promise<number> {
  const below =
    code === null
      ? sql`TRUE`
      : sql`(caller_path <@ (SELECT path FROM region WHERE code = ${code})
             OR callee_path <@ (SELECT path FROM region WHERE code = ${code}))`;
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM call WHERE county_code = ${countyCode} AND ${below}`.execute(t.db);
  return r.rows[0]!.n;
}

beforeAll(async () => {
  t = await createTestApp();
  village = await signIn(t.app, 'village');
  worker = await signIn(t.app, 'gridworker');
  const county = await signIn(t.app, 'county');
  // the demo's calls all have a party in the demo village: the county rings the township centre
  const township = await t.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', 'township')
    .executeTakeFirstOrThrow();
  const placed = await t.app.inject({
    method: 'POST',
    url: URL,
    headers: county,
    payload: { media: 'voice', calleeId: Number(township.id) },
  });
  expect(placed.statusCode, placed.body).toBe(201);
  const hang = await t.app.inject({
    method: 'POST',
    url: `${URL}/${placed.json<{ id: number }>().id}/actions/hangup`,
    headers: county,
    payload: {},
  });
  expect(hang.statusCode, hang.body).toBe(200);
  // the grid worker's phone in the archive is a known number (its blind index and mask, as the archive keeps them)
  const gw = await t.db
    .selectFrom('grid_worker as w')
    .innerJoin('account as a', 'a.id', 'w.account_id')
    .select(['w.resident_id', 'w.county_code', 'a.id'])
    .where('a.username', '=', 'gridworker')
    .executeTakeFirstOrThrow();
  workerAccount = Number(gw.id);
  await t.db
    .updateTable('resident')
    .set({ phone_hash: t.ctx.pii.blindIndex('phone', PHONE), phone_masked: maskPhone(PHONE) })
    .where('county_code', '=', gw.county_code)
    .where('id', '=', gw.resident_id)
    .execute();
});
afterAll(() => t.close());

describeList<Item>(
  {
    name: 'the call log',
    url: URL,
    exportUrl: `${URL}/export.xlsx`,
    audit: 'call.export',
    count: countCalls,
    sorts: [
      ['id', 'id'],
      ['startedAt', 'startedAt'],
      ['media', 'media'],
      ['outcome', 'outcome'],
      ['duration', 'durationSeconds'],
    ],
    text: (i) => `${i.caller.name} ${i.callee.name}`,
    exportQuery: 'sort=-startedAt&outcome=completed',
    firstColumn: (i) => i.id,
    header: '编号',
    refused: ['resident', 'gridworker', 'department', 'admin', 'party'],
  },
  () => t,
);

describe('the call log: phones masked, the phone search a reveal', () => {
  it('shows the grid worker’s phone masked in the list and the export, never in full', async () => {
    const list = await getList<Item>(t, village, `${URL}?limit=200`);
    const mine = list.page.items.filter(
      (i) => i.callee.id === workerAccount || i.caller.id === workerAccount,
    );
    expect(mine.length).toBeGreaterThan(0);
    for (const i of mine) {
      const p = i.callee.id === workerAccount ? i.callee.phone : i.caller.phone;
      expect(p).toBe('137****9999');
    }
    const rows = await readExport(t, village, `${URL}/export.xlsx?sort=-id`);
    expect(rows.flat()).toContain('137****9999');
    expect(rows.flat().join(' ')).not.toContain(PHONE);
  });

  it('the centres find the calls of a phone, with a reason, audited (the count, never the number)', async () => {
    const before = (await auditsOf(t, 'call.search')).length;
    expect((await getList(t, village, `${URL}?phone=${PHONE}`)).status).toBe(400); // no reason
    const r = await getList<Item>(
      t,
      village,
      `${URL}?phone=${PHONE}&reason=${encodeURIComponent('核实通话')}&limit=200`,
    );
    expect(r.status).toBe(200);
    expect(r.page.total).toBeGreaterThan(0);
    expect(r.page.items.every((i) => i.caller.id === workerAccount || i.callee.id === workerAccount)).toBe(
      true,
    );
    const other = await getList<Item>(
      t,
      village,
      `${URL}?phone=13700001234&reason=${encodeURIComponent('核实通话')}`,
    );
    expect(other.page.total).toBe(0);
    const audits = await auditsOf(t, 'call.search');
    expect(audits).toHaveLength(before + 2);
    expect(audits.at(-2)!.after).toEqual({ fields: ['phone'], matches: r.page.total });
    expect(audits.at(-2)!.reason).toBe('核实通话');
    expect(JSON.stringify(audits)).not.toContain(PHONE);
  });

  it('a grid worker may not search by phone: 403 whether the number called or not, nothing audited', async () => {
    const before = (await auditsOf(t, 'call.search')).length;
    const reason = `&reason=${encodeURIComponent('核实通话')}`;
    const hit = await getList(t, worker, `${URL}?phone=${PHONE}${reason}`);
    const miss = await getList(t, worker, `${URL}?phone=13700001234${reason}`);
    expect([hit.status, miss.status]).toEqual([403, 403]);
    expect(hit.page).toEqual(miss.page);
    expect(await auditsOf(t, 'call.search')).toHaveLength(before);
    // a keyword of digits is no way around it
    expect((await getList(t, worker, `${URL}?q=${PHONE}`)).status).toBe(400);
  });

  it('an export ignores a phone: its rows are the same as without it', async () => {
    const plain = await readExport(t, village, `${URL}/export.xlsx?sort=-id`);
    const phoned = await readExport(t, village, `${URL}/export.xlsx?sort=-id&phone=${PHONE}&reason=x`);
    expect(phoned.map((r) => r[0])).toEqual(plain.map((r) => r[0]));
  });

  it('limits phone searches to 10 a minute (429 after)', async () => {
    const township = await signIn(t.app, 'township');
    const q = `${URL}?phone=${PHONE}&reason=${encodeURIComponent('核实通话')}&limit=1`;
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await getList(t, township, q)).status);
    expect(codes.slice(0, 10).every((c) => c === 200)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});
