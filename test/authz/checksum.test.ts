import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers.js';
import { StateWatch } from './checksum.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the state watch of the authorisation matrix', () => {
  it('keeps its fingerprint across reads and sees a write to a logged, a partitioned or an unlogged table', async () => {
    const watch = new StateWatch(t.db);
    const a = await watch.snapshot();
    await sql`SELECT count(*) FROM household`.execute(t.db);
    const b = await watch.snapshot();
    expect(StateWatch.changed(a, b)).toEqual([]);

    await sql`UPDATE household SET updated_at = updated_at WHERE id = (SELECT min(id) FROM household)`.execute(
      t.db,
    );
    const c = await watch.snapshot();
    expect(StateWatch.changed(b, c)).toEqual(['household']);

    await sql`UPDATE case_history SET note = note WHERE id = (SELECT min(id) FROM case_history)`.execute(
      t.db,
    );
    const d = await watch.snapshot();
    expect(StateWatch.changed(c, d)).toEqual(['case_history']);

    await sql`INSERT INTO rate_limit_hit (key, hits, reset_at) VALUES ('\\x01', 1, now())`.execute(t.db);
    const e = await watch.snapshot();
    expect(StateWatch.changed(d, e)).toEqual(['rate_limit_hit']);
  });
});
