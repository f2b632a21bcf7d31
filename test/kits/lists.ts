/** The setup the list tests share (test/lists.ts holds the list kit's cases): rows counted by SQL, scopes. */
import { sql } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { signIn, type TestApp } from '../helpers.js';
import type { H } from '../lists.js';

/**
 * A list's `count` (ListSpec): the rows of `table` in the county, or in the subtree of region `code`
 * by the row's ltree column `path` — counted by the test's own SQL, not by the code it checks. `of`
 * names the parent a list belongs to (a campaign's targets: ['campaign_id', id]), read at count time.
 */
export function countBelow(table: keyof DB & string, path: string, of?: () => [column: string, id: number]) {
  return async (t: TestApp, countyCode: string, code: string | null): Promise<number> => {
    const below =
      code === null ? sql`TRUE` : sql`${sql.ref(path)} <@ (SELECT path FROM region WHERE code = ${code})`;
    const parent = of ? sql`${sql.ref(of()[0])} = ${of()[1]}` : sql`TRUE`;
    const r = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table)}
      WHERE county_code = ${countyCode} AND ${below} AND ${parent}`.execute(t.db);
    return r.rows[0]!.n;
  };
}

/** The code of the region an account is scoped to (GET /me). */
export async function scopeCodeOf(t: TestApp, h: H): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: h });
  return res.json<{ scope: { code: string } }>().scope.code;
}

/** The accounts the workflow lists' tests sign in, the county's code and the `village` account's village. */
export async function listWorld(t: TestApp) {
  const county = await signIn(t.app, 'county');
  const village = await signIn(t.app, 'village');
  const resident = await signIn(t.app, 'resident');
  const party = await signIn(t.app, 'party');
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: county });
  return {
    county,
    village,
    resident,
    party,
    countyCode: me.json<{ countyCode: string }>().countyCode,
    villageCode: await scopeCodeOf(t, village),
  };
}

/**
 * The first row (by id) of `table` under region `code` (by its ltree column `path`) gets `text` in its
 * free-text `column` — a phone typed before the public-text rule, which an export must mask.
 */
export async function markFirstRow(
  t: TestApp,
  where: { table: keyof DB & string; path: string; code: string },
  column: string,
  text: string,
): Promise<{ id: number; number: string }> {
  const { rows } = await sql<{ id: number; number: string }>`
    UPDATE ${sql.table(where.table)} SET ${sql.ref(column)} = ${text}
    WHERE id = (SELECT min(id) FROM ${sql.table(where.table)}
                WHERE ${sql.ref(where.path)} <@ (SELECT path FROM region WHERE code = ${where.code}))
    RETURNING id::int AS id, number`.execute(t.db);
  return rows[0]!;
}
