import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { ParticipantRefType } from './schemas.js';

/** Today in China, for postings "in post today". */
const TODAY = sql`(now() AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Where a party member counts for a place: they live in it or belong to an organisation of it (as
 * the party module shows them to its viewers) — a branch's member living in another village is
 * still the branch's, and can come to its meetings.
 */
const memberOf = (path: string) => sql<boolean>`(pm.region_path <@ ${path}::ltree OR EXISTS (
  SELECT 1 FROM party_org o WHERE o.county_code = pm.county_code AND o.id = pm.org_id
    AND o.region_path <@ ${path}::ltree))`;

/**
 * Where a cadre of the register (干部库) counts for a place: they serve in it (two-committee members,
 * reserve cadres), or are its first secretary (驻村第一书记) in post today.
 */
const cadreOf = (path: string) => sql<boolean>`(c.region_path <@ ${path}::ltree OR EXISTS (
  SELECT 1 FROM first_secretary f WHERE f.county_code = c.county_code AND f.cadre_id = c.id
    AND f.village_path <@ ${path}::ltree AND f.started_on <= ${TODAY}
    AND (f.ended_on IS NULL OR f.ended_on >= ${TODAY})))`;

/**
 * The names of the people and bodies a meeting invites by id — only those of the county and of
 * the given subtree (the meeting's village within the convener's scope), alive and active; an id
 * outside it is simply absent.
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
            WHERE pm.county_code = ${countyCode} AND pm.id = ${list} AND ${memberOf(path)}
              AND pm.left_on IS NULL`
        : type === 'enterprise'
          ? sql<{ id: string; name: string }>`SELECT id, name FROM enterprise
              WHERE county_code = ${countyCode} AND id = ${list} AND grid_path <@ ${path}::ltree`
          : type === 'station'
            ? sql<{ id: string; name: string }>`SELECT id, name FROM station
                WHERE county_code = ${countyCode} AND id = ${list} AND region_path <@ ${path}::ltree AND active`
            : type === 'cadre'
              ? sql<{ id: string; name: string }>`SELECT c.id, c.name FROM cadre c
                  WHERE c.county_code = ${countyCode} AND c.id = ${list} AND ${cadreOf(path)}`
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
    .select(['id', 'kind', 'title', 'held_on', 'state'])
    .where('county_code', '=', countyCode)
    .where('region_code', '=', villageCode)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * A meeting's recorded attendance as the quorum counts it: the party members and residents (by their
 * ids) who came, how many residents were invited and came, and whether attendance was recorded at all.
 */
export async function attendanceOf(db: DbOrTx, countyCode: string, meetingId: number) {
  const rows = await db
    .selectFrom('meeting_participant')
    .select(['kind', 'ref_type', 'ref_id', 'attended'])
    .where('county_code', '=', countyCode)
    .where('meeting_id', '=', meetingId)
    .execute();
  const came = rows.filter((r) => r.attended === true);
  const refs = (type: string) => [
    ...new Set(came.filter((r) => r.ref_type === type && r.ref_id !== null).map((r) => Number(r.ref_id))),
  ];
  return {
    recorded: came.length > 0,
    attended: came.length,
    partyMembers: refs('party_member'),
    residents: refs('resident'),
    residentsInvited: rows.filter((r) => r.kind === 'resident').length,
    residentsCame: came.filter((r) => r.kind === 'resident').length,
  };
}

/** Whether a step of a major matter was taken at the meeting (its attendance is then frozen). */
export async function stepTakenAt(db: DbOrTx, countyCode: string, meetingId: number) {
  const r = await db
    .selectFrom('major_matter_step')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('meeting_id', '=', meetingId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** What the convene form's pickers search: the kinds a participant links to. */
export const CANDIDATE_TYPES = [
  'resident',
  'party_member',
  'enterprise',
  'station',
  'team_member',
  'cadre',
] as const;
export type CandidateType = (typeof CANDIDATE_TYPES)[number];

/**
 * People and bodies of a subtree whose name contains `q`, for the convene form's pickers: the same
 * ones `refsIn` accepts (alive, active, of the county and subtree), with where they are — names and
 * places only, never an ID number or a phone; at most `limit`.
 */
export async function candidates(
  db: DbOrTx,
  countyCode: string,
  path: string,
  type: CandidateType,
  q: string,
  limit: number,
) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const query =
    type === 'resident'
      ? sql<{ id: string; name: string; place: string }>`SELECT r.id, r.name, g.name AS place FROM resident r
          JOIN region g ON g.code = r.grid_code
          WHERE r.county_code = ${countyCode} AND r.grid_path <@ ${path}::ltree AND r.name LIKE ${like}
            AND r.died_on IS NULL AND r.merged_into IS NULL AND r.status <> 'merged'`
      : type === 'party_member'
        ? sql<{
            id: string;
            name: string;
            place: string;
          }>`SELECT pm.id, r.name, o.name AS place FROM party_member pm
            JOIN resident r ON r.county_code = pm.county_code AND r.id = pm.resident_id
            JOIN party_org o ON o.county_code = pm.county_code AND o.id = pm.org_id
            WHERE pm.county_code = ${countyCode} AND ${memberOf(path)} AND r.name LIKE ${like}
              AND pm.left_on IS NULL`
        : type === 'enterprise'
          ? sql<{
              id: string;
              name: string;
              place: string;
            }>`SELECT e.id, e.name, g.name AS place FROM enterprise e
              JOIN region g ON g.code = e.grid_code
              WHERE e.county_code = ${countyCode} AND e.grid_path <@ ${path}::ltree AND e.name LIKE ${like}`
          : type === 'station'
            ? sql<{
                id: string;
                name: string;
                place: string;
              }>`SELECT s.id, s.name, s.address AS place FROM station s
                WHERE s.county_code = ${countyCode} AND s.region_path <@ ${path}::ltree AND s.active
                  AND s.name LIKE ${like}`
            : type === 'team_member'
              ? sql<{
                  id: string;
                  name: string;
                  place: string;
                }>`SELECT m.id, m.name, t.name AS place FROM team_member m
                  JOIN team t ON t.county_code = m.county_code AND t.id = m.team_id
                  WHERE m.county_code = ${countyCode} AND t.village_path <@ ${path}::ltree AND m.active
                    AND m.name LIKE ${like}`
              : sql<{
                  id: string;
                  name: string;
                  place: string;
                }>`SELECT c.id, c.name, g.name AS place
                  FROM cadre c JOIN region g ON g.code = c.region_code WHERE c.county_code = ${countyCode} AND ${cadreOf(path)}
                    AND c.name LIKE ${like}`;
  const { rows } = await sql<{
    id: string;
    name: string;
    place: string;
  }>`${query} ORDER BY 2, 1 LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), name: r.name, place: r.place ?? '' }));
}
