import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ParticipantRefType } from './schemas.js';

/**
 * The names of the people and bodies a meeting invites by id — only those of the county and of
 * the given subtree (the meeting's village), alive and active; an id outside it is simply absent.
 */
export async function refsIn(
  db: DbOrTx,
  countyCode: string,
  path: string,
  type: ParticipantRefType,
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const list = sql`any(${ids}::bigint[])`;
  const q =
    type === 'resident'
      ? sql<{ id: string; name: string }>`SELECT id, name FROM resident
          WHERE county_code = ${countyCode} AND id = ${list} AND grid_path <@ ${path}::ltree
            AND died_on IS NULL AND merged_into IS NULL`
      : type === 'party_member'
        ? sql<{ id: string; name: string }>`SELECT pm.id, r.name FROM party_member pm
            JOIN resident r ON r.county_code = pm.county_code AND r.id = pm.resident_id
            WHERE pm.county_code = ${countyCode} AND pm.id = ${list} AND pm.region_path <@ ${path}::ltree
              AND pm.left_on IS NULL`
        : type === 'enterprise'
          ? sql<{ id: string; name: string }>`SELECT id, name FROM enterprise
              WHERE county_code = ${countyCode} AND id = ${list} AND grid_path <@ ${path}::ltree`
          : type === 'station'
            ? sql<{ id: string; name: string }>`SELECT id, name FROM station
                WHERE county_code = ${countyCode} AND id = ${list} AND region_path <@ ${path}::ltree AND active`
            : sql<{ id: string; name: string }>`SELECT m.id, m.name FROM team_member m
                JOIN team t ON t.county_code = m.county_code AND t.id = m.team_id
                WHERE m.county_code = ${countyCode} AND m.id = ${list} AND t.village_path <@ ${path}::ltree
                  AND m.active`;
  const { rows } = await q.execute(db);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** The 四议两公开 steps of major matters taken at a meeting. */
export function matterStepsAt(db: DbOrTx, countyCode: string, meetingId: number) {
  return db
    .selectFrom('major_matter_step as s')
    .innerJoin('major_matter as x', (j) =>
      j.onRef('x.county_code', '=', 's.county_code').onRef('x.id', '=', 's.matter_id'),
    )
    .select(['s.matter_id', 'x.title', 's.action', 's.at'])
    .where('s.county_code', '=', countyCode)
    .where('s.meeting_id', '=', meetingId)
    .orderBy('s.at')
    .execute();
}

/** A meeting a step of a village's major matter may be taken at: of that village exactly, of that kind. */
export function meetingForStep(db: DbOrTx, countyCode: string, villageCode: string, id: number) {
  return db
    .selectFrom('meeting')
    .select(['id', 'kind', 'title', 'held_on'])
    .where('county_code', '=', countyCode)
    .where('region_code', '=', villageCode)
    .where('id', '=', id)
    .executeTakeFirst();
}
