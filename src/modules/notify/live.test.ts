import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers.js';
import type { Db } from '../../platform/db/database.js';
import { liveFeed } from './live.js';
import { notify } from './service.js';

let t: { db: Db; drop(): Promise<void> };
let accounts: number[];
beforeAll(async () => {
  t = await createTestDb();
  accounts = (await t.db.selectFrom('account').select('id').orderBy('id').limit(2).execute()).map(
    (a) => a.id,
  );
});
afterAll(() => t.drop());

const notice = (title: string) => ({
  countyCode: '211221',
  accountIds: accounts,
  kind: 'case.reported',
  title,
  caseId: undefined,
  event: { number: 'N-1', state: 'reported' },
});

describe('the live feed of the inbox', () => {
  it('delivers each committed notice once, in a later poll when it commits late, never a rolled-back one', async () => {
    const feed = liveFeed(t.db);
    expect(await feed()).toEqual([]); // starts at the present
    await notify(t.db, notice('committed'));
    // a transaction that writes first and commits last: its ids are the smaller ones
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let wrote!: () => void;
    const written = new Promise<void>((r) => (wrote = r));
    const late = t.db.transaction().execute(async (tx) => {
      await notify(tx, notice('late'));
      wrote();
      await held;
    });
    await written;
    await notify(t.db, notice('early'));
    await t.db
      .transaction()
      .execute(async (tx) => {
        await notify(tx, notice('rolled back'));
        throw new Error('rollback');
      })
      .catch(() => {});

    const first = await feed();
    expect(first.map((e) => e.event.title).sort()).toEqual(['committed', 'committed', 'early', 'early']);
    expect(first[0]!.event).toMatchObject({ type: 'case.reported', number: 'N-1', state: 'reported' });
    expect(new Set(first.map((e) => e.accountId))).toEqual(new Set(accounts));
    expect(await feed()).toEqual([]); // nothing twice

    release();
    await late;
    const second = await feed();
    expect(second.map((e) => e.event.title)).toEqual(['late', 'late']);
    expect(await feed()).toEqual([]);
  });
});
