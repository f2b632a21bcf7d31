/** The setup the list tests share (test/lists.ts holds the list kit's cases): rows counted by SQL, scopes. */
import { sql } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import type { TestApp } from '../helpers.js';
import type { H } from '../lists.js';

/**
 * A list's `count` (ListSpec): the rows of `table` in the county, or in the subtree of region `code`
 * by the row's ltree column `path` — counted by the test's own SQL, not by the code it checks.
 */
export function countBelow(table: keyof DB & string, path: string) {
  return async (t: TestApp, countyCode: string, code: string | null): Promise<number> => {
    const below =
      code === null ? sql`TRUE` : sql`${sql.ref(path)} <@ (SELECT path FROM region WHERE code = ${code})`;
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table)}
      WHERE county_code = ${countyCode} AND ${below}`.execute(t.db);
    return r.rows[0]!.n;
  };
}

/** The code of the region an account is scoped to (GET /me). */
export async function scopeCodeOf(t: TestApp, h: H): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h });
  return res.json<{ scope: { code: string } }>().scope.code;
}
