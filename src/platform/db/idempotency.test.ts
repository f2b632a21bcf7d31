import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/helpers.js';
import type { Db } from './database.js';
import { createOnce } from './idempotency.js';

// A scratch table shaped like every idempotent intake: an owner, a subject, a client request id.
let t: { db: Db; drop(): Promise<void> };
beforeAll(async () => {
  t = await createTestDb();
  await sql`CREATE TABLE idem_thing (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner bigint NOT NULL, subject bigint NOT NULL, request_id uuid)`.execute(t.db);
  await sql`CREATE UNIQUE INDEX idem_thing_request_idx ON idem_thing (owner, request_id)
    WHERE request_id IS NOT NULL`.execute(t.db);
});
afterAll(() => t.drop());

const count = async () =>
  Number((await sql<{ n: string }>`SELECT count(*) AS n FROM idem_thing`.execute(t.db)).rows[0]!.n);

/** What a use case does: look up the caller's row, refuse another subject, insert in a transaction. */
function make(owner: number, subject: number, requestId: string | undefined, pause = 0) {
  return createOnce({
    requestId,
    find: async (rid) =>
      (
        await sql<{ id: number; subject: number }>`
          SELECT id, subject FROM idem_thing WHERE owner = ${owner} AND request_id = ${rid}`.execute(t.db)
      ).rows[0],
    constraint: 'idem_thing_request_idx',
    replay: (earlier) => {
      if (earlier.subject !== subject) throw new Error('REQUEST_ID_REUSED');
      return { id: earlier.id, replayed: true };
    },
    create: () =>
      t.db.transaction().execute(async (tx) => {
        const { rows } = await sql<{ id: number }>`
          INSERT INTO idem_thing (owner, subject, request_id) VALUES (${owner}, ${subject}, ${requestId ?? null})
          RETURNING id`.execute(tx);
        // hold the transaction open so that a racing twin finds nothing and inserts too
        if (pause) await sql`SELECT pg_sleep(${pause})`.execute(tx);
        return { id: rows[0]!.id, replayed: false };
      }),
  });
}

describe('createOnce', () => {
  it('a replay answers the same object, also when both tries race', async () => {
    const rid = '0b6f7e8a-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
    const first = await make(1, 10, rid);
    expect(first.replayed).toBe(false);
    expect(await make(1, 10, rid)).toEqual({ id: first.id, replayed: true });

    const racing = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';
    const [a, b] = await Promise.all([make(1, 10, racing, 0.3), make(1, 10, racing, 0.3)]);
    expect(a.id).toBe(b.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await count()).toBe(2);
  });

  it('a replay for another subject is refused and changes nothing', async () => {
    const rid = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c';
    await make(1, 10, rid);
    const before = await count();
    await expect(make(1, 11, rid)).rejects.toThrow('REQUEST_ID_REUSED');
    // the same race, refused too: the loser's rows are rolled back
    const racing = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
    const results = await Promise.allSettled([make(1, 20, racing, 0.3), make(1, 21, racing, 0.3)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(await count()).toBe(before + 1);
  });

  it('another caller with the same request id makes their own object; no id makes one each time', async () => {
    const rid = '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d';
    const mine = await make(1, 10, rid);
    const theirs = await make(2, 10, rid);
    expect(theirs).toEqual({ id: expect.any(Number), replayed: false });
    expect(theirs.id).not.toBe(mine.id);
    const x = await make(3, 10, undefined);
    const y = await make(3, 10, undefined);
    expect(x.id).not.toBe(y.id);
  });

  it('other errors pass through', async () => {
    const failing = createOnce({
      requestId: 'c0ffee00-0000-4000-8000-000000000000',
      find: async () => undefined,
      constraint: 'idem_thing_request_idx',
      replay: () => 'replayed',
      create: async () => {
        await sql`SELECT 1/0`.execute(t.db);
        return 'made';
      },
    });
    await expect(failing).rejects.toMatchObject({ code: '22012' });
  });
});
