/**
 * revealSearch, the one implementation of a search by a person's number (issue 11): refused before
 * anything is read, 10 a minute per account and action under a lock, audited with the count and never
 * the number, in the transaction that reads.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { createTestDb } from '../../../test/helpers.js';
import type { Actor } from '../accounts/index.js';
import { checkRevealSearch, REVEAL_SEARCH_LIMIT, revealSearch, type RevealSearch } from './reveal-search.js';

let db: Db;
let drop: () => Promise<void>;
let county: Actor, village: Actor;

async function actor(username: string): Promise<Actor> {
  const a = await db
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['a.id', 'a.username', 'a.display_name', 'a.role', 'a.scope_code', 'a.county_code', 'r.path'])
    .where('a.username', '=', username)
    .executeTakeFirstOrThrow();
  return {
    accountId: a.id,
    username: a.username,
    displayName: a.display_name,
    role: a.role as Actor['role'],
    scopeCode: a.scope_code,
    scopePath: a.path,
    countyCode: a.county_code,
    sessionId: 0,
  };
}

const ask = (who: Actor, over: Partial<RevealSearch> = {}): RevealSearch => ({
  actor: who,
  action: 'test.search',
  entityType: 'resident',
  fields: ['phone'],
  allowed: true,
  reason: '来电核实身份',
  requestId: 'req-1',
  ...over,
});

const audits = (action = 'test.search') =>
  db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

/** A search that reads real rows (residents of the actor's county) and says it ran. */
function residents(who: Actor, ran: { n: number }, limit = 3) {
  return async (tx: Parameters<Parameters<typeof revealSearch>[2]>[0]) => {
    ran.n++;
    const rows = await tx
      .selectFrom('resident')
      .select('id')
      .where('county_code', '=', who.countyCode)
      .orderBy('id')
      .limit(limit)
      .execute();
    return { result: rows, matches: rows.length, ids: rows.map((r) => r.id) };
  };
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
};

beforeAll(async () => {
  ({ db, drop } = await createTestDb());
  county = await actor('county');
  village = await actor('village');
});
afterAll(() => drop());

describe('checkRevealSearch', () => {
  it('refuses without the right first (403), then without a reason (400)', () => {
    expect(() => checkRevealSearch(false, '来电核实身份')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => checkRevealSearch(false, undefined)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    for (const r of [undefined, null, '', '   '])
      expect(() => checkRevealSearch(true, r)).toThrow(expect.objectContaining({ code: 'REASON_REQUIRED' }));
    expect(() => checkRevealSearch(true, '来电核实身份')).not.toThrow();
  });
});

describe('revealSearch', () => {
  it('refuses a role without the right and a missing reason before the search runs; nothing audited', async () => {
    const ran = { n: 0 };
    expect(await codeOf(revealSearch(db, ask(village, { allowed: false }), residents(village, ran)))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(revealSearch(db, ask(village, { reason: undefined }), residents(village, ran)))).toBe(
      'REASON_REQUIRED',
    );
    expect(ran.n).toBe(0);
    expect(await audits()).toHaveLength(0);
  });

  it('audits who, the fields, the reason and the count — the one row only when exactly one matched', async () => {
    const ran = { n: 0 };
    const three = await revealSearch(db, ask(county, { requestId: 'r-3' }), residents(county, ran));
    expect(three).toHaveLength(3);
    const one = await revealSearch(db, ask(county, { requestId: 'r-1' }), residents(county, ran, 1));
    // one matched, but the page read none of it (an offset past it): no row is named, nothing fails
    const none = await revealSearch(db, ask(county, { requestId: 'r-0' }), async () => ({
      result: [],
      matches: 1,
      ids: [],
    }));
    expect(none).toEqual([]);
    const rows = await audits();
    expect(rows.map((a) => [a.request_id, a.entity_id])).toEqual([
      ['r-3', null],
      ['r-1', String(one[0]!.id)],
      ['r-0', null],
    ]);
    expect(rows[0]).toMatchObject({
      actor_id: county.accountId,
      actor_role: 'county_centre',
      county_code: county.countyCode,
      entity_type: 'resident',
      reason: '来电核实身份',
      after: { fields: ['phone'], matches: 3 },
    });
  });

  it(`allows ${REVEAL_SEARCH_LIMIT} a minute per account and action, even in parallel; the next is 429 before the search runs`, async () => {
    const ran = { n: 0 };
    const done = (await audits()).filter((a) => a.actor_id === county.accountId).length;
    const tries = REVEAL_SEARCH_LIMIT - done + 4;
    const codes = await Promise.all(
      Array.from({ length: tries }, () => codeOf(revealSearch(db, ask(county), residents(county, ran)))),
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(REVEAL_SEARCH_LIMIT - done);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(4);
    expect(ran.n).toBe(REVEAL_SEARCH_LIMIT - done); // a refused search never read a row
    expect((await audits()).filter((a) => a.actor_id === county.accountId)).toHaveLength(REVEAL_SEARCH_LIMIT);
    // another account, and another list of the same account, have their own allowance
    expect(await codeOf(revealSearch(db, ask(village), residents(village, ran)))).toBe('ok');
    expect(
      await codeOf(revealSearch(db, ask(county, { action: 'test.other' }), residents(county, ran))),
    ).toBe('ok');
    // a minute later the window has moved on (the append-only guard lifted for this one statement)
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`UPDATE audit_log SET at = at - interval '61 seconds' WHERE action = 'test.search'`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    expect(await codeOf(revealSearch(db, ask(county), residents(county, ran)))).toBe('ok');
  });

  it('writes no audit row when the search fails, and the failure is not a success', async () => {
    const before = (await audits()).length;
    const failed = revealSearch(db, ask(village), async () => {
      throw new Error('boom');
    });
    expect(await codeOf(failed)).toBe('Error: boom');
    expect(await audits()).toHaveLength(before);
  });
});
