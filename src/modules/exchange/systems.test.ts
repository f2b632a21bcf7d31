/**
 * System accounts (J17): keys shown once and stored hashed, chosen operations (403 otherwise), a
 * scope (404 outside it), revocation and rotation, every call audited under the system's name;
 * a 12345 ticket with its own number (the same number twice: the same case); the changes feed.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/helpers.js';
import {
  bearer,
  closeCase,
  COUNTY,
  GRID,
  gridElsewhere,
  makeSystem,
  ticket,
  TOWNSHIP,
  type System,
} from '../../../test/kits/exchange.js';
import { hashSystemKey } from './keys.js';

let t: TestApp;
let admin: { authorization: string };
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

const changes = (s: System, since?: string, limit = 100) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/exchange/changes?limit=${limit}${since ? `&since=${encodeURIComponent(since)}` : ''}`,
    headers: bearer(s),
  });

describe('system accounts', () => {
  it('are made by the administrator only; the key is shown once and only its hash kept', async () => {
    const county = await signIn(t.app, 'county');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/systems',
      headers: county,
      payload: { name: '民政系统', scopeCode: COUNTY, operations: ['cases.read'] },
    });
    expect(refused.statusCode).toBe(403);
    const s = await makeSystem(t, admin, ['cases.create', 'changes.read']);
    expect(s.key).toMatch(/^wg_sys_[A-Za-z0-9_-]{43}$/);
    const row = await t.db
      .selectFrom('system_account')
      .selectAll()
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash.equals(hashSystemKey(s.key))).toBe(true);
    expect(row.county_code).toBe(COUNTY);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/exchange/systems', headers: admin });
    expect(list.body).not.toContain(s.key);
    expect(list.json().items.find((x: { id: number }) => x.id === s.id).operations).toEqual([
      'cases.create',
      'changes.read',
    ]);
  });

  it('a scope outside the administrator’s county is not visible (404)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/exchange/systems',
      headers: admin,
      payload: { name: '外县系统', scopeCode: '211122', operations: ['cases.read'] },
    });
    expect(res.statusCode).toBe(404);
  });

  it('without a key 401, with an operation not granted 403, outside the scope 404; nothing written', async () => {
    const reader = await makeSystem(t, admin, ['changes.read'], TOWNSHIP, '应急管理系统');
    expect((await ticket(t, { ...reader, key: 'wg_sys_nope' }, 'X-1')).statusCode).toBe(401);
    const session = await signIn(t.app, 'county');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/exchange/changes', headers: session })).statusCode,
    ).toBe(401);
    const before = await t.db
      .selectFrom('cases')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const denied = await ticket(t, reader, 'X-2');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('SYSTEM_OPERATION_DENIED');
    const hotline = await makeSystem(t, admin, ['cases.create'], TOWNSHIP);
    const outside = await ticket(t, hotline, 'X-3', await gridElsewhere(t));
    expect(outside.statusCode).toBe(404);
    const after = await t.db
      .selectFrom('cases')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('a revoked key stops at once; a rotated key replaces the old one', async () => {
    const s = await makeSystem(t, admin, ['changes.read']);
    expect((await changes(s)).statusCode).toBe(200);
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/exchange/systems/${s.id}/rotate`,
      headers: admin,
    });
    expect(rotated.statusCode).toBe(200);
    const fresh = { ...s, key: rotated.json().key as string };
    expect(fresh.key).not.toBe(s.key);
    expect((await changes(s)).statusCode).toBe(401);
    expect((await changes(fresh)).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/exchange/systems/${s.id}`,
      headers: admin,
    });
    expect(revoked.statusCode).toBe(204);
    const res = await changes(fresh);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SYSTEM_KEY_INVALID');
  });
});

describe('a 12345 ticket', () => {
  it('becomes a case under its own number; the same number again answers the same case; audited as the system', async () => {
    const s = await makeSystem(t, admin, ['cases.create'], COUNTY, '12345热线');
    const first = await ticket(t, s, 'GD-2026-000123', GRID, { reporterContact: '13800138000' });
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json();
    expect(made).toMatchObject({ externalRef: 'GD-2026-000123', state: 'reported', replayed: false });
    const again = await ticket(t, s, 'GD-2026-000123');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseId: made.caseId, number: made.number, replayed: true });
    const refs = await t.db
      .selectFrom('case_external_ref')
      .selectAll()
      .where('external_ref', '=', 'GD-2026-000123')
      .execute();
    expect(refs).toHaveLength(1);
    // another system may use the same number for its own ticket
    const other = await makeSystem(t, admin, ['cases.create'], COUNTY, '信访系统');
    const theirs = await ticket(t, other, 'GD-2026-000123');
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().caseId).not.toBe(made.caseId);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?action=exchange.ticket&entityId=${made.caseId}`,
      headers: admin,
    });
    expect(audit.statusCode, audit.body).toBe(200);
    expect(JSON.stringify(audit.json())).toContain('12345热线');
  });
});

/**
 * Waits until every transaction begun before now has ended. The feed hands out only changes below
 * the cluster's oldest running transaction, and other test files' databases share the cluster, so
 * a long transaction there holds the feed back for a while.
 */
async function settle(): Promise<void> {
  const { rows } = await sql<{ x: string }>`SELECT pg_current_xact_id()::text AS x`.execute(t.db);
  const mark = rows[0]!.x;
  for (let i = 0; i < 1200; i++) {
    const r = await sql<{ ok: boolean }>`
      SELECT pg_snapshot_xmin(pg_current_snapshot()) > ${mark}::xid8 AS ok`.execute(t.db);
    if (r.rows[0]!.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`transactions before ${mark} still running after 120 s`);
}

describe('the changes feed', () => {
  it('hands out each change of the scope once, in order, with an opaque cursor; own tickets carry their number', async () => {
    const s = await makeSystem(t, admin, ['cases.create', 'changes.read'], TOWNSHIP, '12345热线（镇）');
    await settle();
    const start = (await changes(s)).json();
    // drain what other tests made
    let cursor: string = start.next;
    for (
      let page = (await changes(s, cursor)).json();
      page.items.length;
      page = (await changes(s, cursor)).json()
    )
      cursor = page.next;
    const made = (await ticket(t, s, 'FEED-1')).json();
    await closeCase(t, made.caseId, '已修复，联系电话 13900001111');
    await ticket(t, s, 'FEED-2', await gridElsewhere(t)); // 404: not in scope, no change
    await settle();
    const page1 = (await changes(s, cursor, 2)).json();
    expect(page1.items.map((i: { event: string }) => i.event)).toEqual([
      'case.created',
      'case.state_changed',
    ]);
    expect(page1.items[0]).toMatchObject({
      externalRef: 'FEED-1',
      case: { id: made.caseId, state: 'reported' },
    });
    const page2 = (await changes(s, page1.next, 2)).json();
    expect(page2.items.map((i: { event: string }) => i.event)).toEqual(['case.closed']);
    expect(JSON.stringify([page1, page2])).not.toContain('13900001111');
    const page3 = (await changes(s, page2.next)).json();
    expect(page3.items).toEqual([]);
    expect(page3.next).toBe(page2.next);
    // the same cursor again gives the same page (stable)
    expect((await changes(s, cursor, 2)).json()).toEqual(page1);
    const bad = await changes(s, 'not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('EXCHANGE_CURSOR_INVALID');
  }, 300_000); // each settle() may wait up to 120 s for another test file's long transaction

  it('shows nothing outside the scope', async () => {
    const elsewhere = await gridElsewhere(t);
    const s = await makeSystem(t, admin, ['changes.read'], elsewhere.slice(0, 9), '外镇系统');
    const page = (await changes(s)).json();
    expect(
      page.items.every((i: { case: { gridCode: string } }) =>
        i.case.gridCode.startsWith(elsewhere.slice(0, 9)),
      ),
    ).toBe(true);
    expect(page.items.some((i: { externalRef: string | null }) => i.externalRef === 'FEED-1')).toBe(false);
  });
});
