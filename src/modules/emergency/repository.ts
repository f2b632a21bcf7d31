import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { GridGeometry } from '../../platform/geo/grid-index.js';
import { ShapeSampler } from '../../platform/geo/sample.js';
import { hashSeed, mulberry32 } from '../grids/index.js';
import type { Actor } from '../accounts/index.js';
import type { StepActor } from '../workflow/index.js';

export type Scope = { countyCode: string; path: string };
export const scopeOf = (a: Actor): Scope => ({ countyCode: a.countyCode, path: a.scopePath });

/** An event is visible to a caller whose scope holds its declarer's region or a grid of its area. */
const visibleTo = (s: Scope) => sql<boolean>`(e.region_path <@ ${s.path}::ltree OR EXISTS (
    SELECT 1 FROM emergency_area a WHERE a.county_code = e.county_code AND a.event_id = e.id
      AND (a.grid_path <@ ${s.path}::ltree OR ${s.path}::ltree <@ a.grid_path)))`;

const EVENT_COLUMNS = [
  'e.county_code',
  'e.id',
  'e.kind',
  'e.template_key',
  'e.title',
  'e.region_code',
  'e.care_tags',
  'e.category_code',
  'e.state',
  'e.version',
  'e.declared_at',
  'e.closed_at',
  'e.summary',
  'e.close_note',
] as const;

export async function findEvent(db: DbOrTx, s: Scope, id: number) {
  return db
    .selectFrom('emergency_event as e')
    .select([...EVENT_COLUMNS, sql<string>`e.region_path::text`.as('region_path')])
    .where('e.county_code', '=', s.countyCode)
    .where('e.id', '=', id)
    .where(visibleTo(s))
    .executeTakeFirst();
}
export type EventRow = NonNullable<Awaited<ReturnType<typeof findEvent>>>;

/** The event locked for a step (close), if visible (undefined → 404). */
export async function lockEvent(tx: Tx, s: Scope, id: number) {
  return tx
    .selectFrom('emergency_event as e')
    .select([...EVENT_COLUMNS, sql<string>`e.region_path::text`.as('region_path')])
    .where('e.county_code', '=', s.countyCode)
    .where('e.id', '=', id)
    .where(visibleTo(s))
    .forUpdate()
    .executeTakeFirst();
}

export async function listEvents(db: DbOrTx, s: Scope, f: { state?: string; limit: number; offset: number }) {
  let q = db.selectFrom('emergency_event as e').where('e.county_code', '=', s.countyCode).where(visibleTo(s));
  if (f.state) q = q.where('e.state', '=', f.state);
  const [items, total] = await Promise.all([
    q
      .select([...EVENT_COLUMNS, sql<string>`e.region_path::text`.as('region_path')])
      .orderBy(sql`e.state = 'declared'`, 'desc')
      .orderBy('e.declared_at', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type RawCounts = {
  total: number;
  pending: number;
  safe: number;
  evacuated: number;
  needs_help: number;
  unreachable: number;
};
const COUNTS = sql`count(*)::int AS total,
  (count(*) FILTER (WHERE c.status = 'pending'))::int AS pending,
  (count(*) FILTER (WHERE c.status = 'safe'))::int AS safe,
  (count(*) FILTER (WHERE c.status = 'evacuated'))::int AS evacuated,
  (count(*) FILTER (WHERE c.status = 'needs_help'))::int AS needs_help,
  (count(*) FILTER (WHERE c.status = 'unreachable'))::int AS unreachable`;

/** Status counts of events' checks below a node, by event. */
export async function countsOf(db: DbOrTx, countyCode: string, ids: number[], path: string) {
  if (ids.length === 0) return new Map<number, RawCounts>();
  const { rows } = await sql<RawCounts & { event_id: string }>`SELECT c.event_id, ${COUNTS}
    FROM emergency_check c
    WHERE c.county_code = ${countyCode} AND c.event_id = ANY(${ids}::bigint[]) AND c.grid_path <@ ${path}::ltree
    GROUP BY c.event_id`.execute(db);
  return new Map(rows.map((r) => [Number(r.event_id), r]));
}

/** Status counts by child region of a node (the county's townships, a township's villages, a village's grids). */
export async function countsByRegion(db: DbOrTx, countyCode: string, eventId: number, path: string) {
  const { rows } = await sql<RawCounts & { code: string; name: string; level: string }>`
    SELECT r.code, r.name, r.level, ${COUNTS}
    FROM region r JOIN emergency_check c ON c.grid_path <@ r.path
    WHERE r.path ~ ${`${path}.*{1}`}::lquery AND c.county_code = ${countyCode} AND c.event_id = ${eventId}
    GROUP BY r.code, r.name, r.level ORDER BY r.code`.execute(db);
  return rows;
}

/**
 * The checks below a node as map points: the archive keeps no household coordinates, so each is
 * placed inside its grid's real shape at a spot drawn from its household's id (stable between
 * refreshes, and located in that grid by the point -> grid lookup).
 */
export async function mapPoints(db: DbOrTx, countyCode: string, eventId: number, path: string) {
  const { rows } = await sql<{ id: string; household_id: string; status: string; grid_code: string }>`
    SELECT c.id, c.household_id::text AS household_id, c.status, c.grid_code
    FROM emergency_check c
    WHERE c.county_code = ${countyCode} AND c.event_id = ${eventId} AND c.grid_path <@ ${path}::ltree
    ORDER BY c.id LIMIT 5000`.execute(db);
  const codes = [...new Set(rows.map((r) => r.grid_code))];
  const { rows: grids } = await sql<{ code: string; geometry: GridGeometry | null }>`
    SELECT code, geometry FROM region
     WHERE county_code = ${countyCode} AND code = ANY(${codes}::text[]) AND geometry IS NOT NULL`.execute(db);
  const shapes = new Map(grids.map((g) => [g.code, new ShapeSampler(g.geometry!)]));
  return rows.flatMap(({ household_id, ...r }) => {
    const p = shapes.get(r.grid_code)?.sample(mulberry32(hashSeed(`household:${household_id}`)));
    return p ? [{ ...r, ...p }] : [];
  });
}

/** The bounding box of the area's grids below a node. */
export async function areaBounds(db: DbOrTx, countyCode: string, eventId: number, path: string) {
  const { rows } = await sql<{ a: number | null; b: number | null; c: number | null; d: number | null }>`
    SELECT min(g.min_lng) AS a, min(g.min_lat) AS b, max(g.max_lng) AS c, max(g.max_lat) AS d
    FROM emergency_area x JOIN region g ON g.code = x.grid_code
    WHERE x.county_code = ${countyCode} AND x.event_id = ${eventId} AND x.grid_path <@ ${path}::ltree`.execute(
    db,
  );
  const r = rows[0];
  return r && r.a !== null ? ([r.a, r.b, r.c, r.d] as [number, number, number, number]) : null;
}

export async function areaGrids(db: DbOrTx, countyCode: string, eventId: number, path: string) {
  return db
    .selectFrom('emergency_area as a')
    .innerJoin('region as g', 'g.code', 'a.grid_code')
    .select(['g.code', 'g.name'])
    .where('a.county_code', '=', countyCode)
    .where('a.event_id', '=', eventId)
    .where(sql<boolean>`a.grid_path <@ ${path}::ltree`)
    .orderBy('g.code')
    .execute();
}

/** Whether a caller's own scope is in the event's area: a grid of it, or a village holding one. */
export async function inArea(db: DbOrTx, countyCode: string, eventId: number, scopePath: string) {
  const r = await db
    .selectFrom('emergency_area as a')
    .select('a.grid_code')
    .where('a.county_code', '=', countyCode)
    .where('a.event_id', '=', eventId)
    .where(sql<boolean>`a.grid_path <@ ${scopePath}::ltree OR ${scopePath}::ltree <@ a.grid_path`)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function helpCount(db: DbOrTx, countyCode: string, eventId: number, path: string) {
  const r = await db
    .selectFrom('emergency_help')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('county_code', '=', countyCode)
    .where('event_id', '=', eventId)
    .where(sql<boolean>`grid_path <@ ${path}::ltree`)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function recordHistory(
  tx: Tx,
  s: {
    countyCode: string;
    eventId: number;
    at: Date;
    action: string;
    from: string | null;
    to: string;
    actor: StepActor;
    note: string | null;
  },
) {
  await tx
    .insertInto('emergency_history')
    .values({
      county_code: s.countyCode,
      event_id: s.eventId,
      at: s.at,
      action: s.action,
      from_state: s.from,
      to_state: s.to,
      actor_account_id: s.actor.accountId,
      actor_name: s.actor.displayName,
      note: s.note,
    })
    .execute();
}
