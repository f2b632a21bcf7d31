import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';

/** A campaign is visible to staff above its region (its launcher's side) and to staff inside it. */
export const visibleTo = (a: Actor): RawBuilder<boolean> =>
  sql<boolean>`(c.region_path <@ ${a.scopePath}::ltree OR c.region_path @> ${a.scopePath}::ltree)`;

const CAMPAIGN = [
  'c.county_code',
  'c.id',
  'c.title',
  'c.template_key',
  'c.region_code',
  sql<string>`c.region_path::text`.as('region_path'),
  'c.launched_by',
  'c.rule',
  'c.checklist',
  'c.supervising',
  sql<string>`c.starts_on::text`.as('starts_on'),
  sql<string>`c.ends_on::text`.as('ends_on'),
  'c.state',
  'c.version',
  'c.target_count',
  'c.close_reason',
  'c.closed_at',
  'c.city_campaign_id',
] as const;

export async function lockCampaign(tx: Tx, actor: Actor, id: number) {
  return tx
    .selectFrom('campaign as c')
    .select(CAMPAIGN)
    .where('c.county_code', '=', actor.countyCode)
    .where('c.id', '=', id)
    .where(visibleTo(actor))
    .forUpdate()
    .executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof lockCampaign>>>;

export async function findCampaign(db: DbOrTx, actor: Actor, id: number) {
  return db
    .selectFrom('campaign as c')
    .innerJoin('region as r', 'r.code', 'c.region_code')
    .select(CAMPAIGN)
    .select('r.name as region_name')
    .where('c.county_code', '=', actor.countyCode)
    .where('c.id', '=', id)
    .where(visibleTo(actor))
    .executeTakeFirst();
}

export async function listCampaigns(
  db: DbOrTx,
  actor: Actor,
  q: { state?: string; limit: number; offset: number },
) {
  let base = db
    .selectFrom('campaign as c')
    .where('c.county_code', '=', actor.countyCode)
    .where(visibleTo(actor));
  if (q.state) base = base.where('c.state', '=', q.state);
  const [items, total] = await Promise.all([
    base
      .innerJoin('region as r', 'r.code', 'c.region_code')
      .select(CAMPAIGN)
      .select('r.name as region_name')
      .orderBy('c.state', 'desc')
      .orderBy('c.id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export type RawCounts = { targets: number; done: number; na: number; open: number; missed: number };
const COUNTS = sql<RawCounts>`count(t.id)::int AS targets,
  (count(t.id) FILTER (WHERE t.state = 'done'))::int AS done,
  (count(t.id) FILTER (WHERE t.state = 'not_applicable'))::int AS na,
  (count(t.id) FILTER (WHERE t.state = 'open'))::int AS open,
  (count(t.id) FILTER (WHERE t.state = 'missed'))::int AS missed`;

/** Counts of several campaigns' targets inside a subtree, by campaign. */
export async function countsOf(db: DbOrTx, countyCode: string, ids: number[], path: string) {
  if (ids.length === 0) return new Map<number, RawCounts>();
  const { rows } = await sql<RawCounts & { campaign_id: number }>`
    SELECT t.campaign_id, ${COUNTS} FROM campaign_target t
    WHERE t.county_code = ${countyCode} AND t.campaign_id = ANY(${ids}::bigint[])
      AND t.grid_path <@ ${path}::ltree
    GROUP BY t.campaign_id`.execute(db);
  return new Map(rows.map((r) => [Number(r.campaign_id), r]));
}

/** Live progress: the counts of each child region of a node (or of the node itself when it is a grid). */
export async function progressBy(db: DbOrTx, countyCode: string, campaignId: number, nodePath: string) {
  const { rows } = await sql<RawCounts & { code: string; name: string; level: string }>`
    WITH kids AS (
      SELECT code, name, level, path FROM region WHERE path ~ ${`${nodePath}.*{1}`}::lquery
      UNION ALL
      SELECT code, name, level, path FROM region WHERE path = ${nodePath}::ltree
        AND NOT EXISTS (SELECT 1 FROM region WHERE path ~ ${`${nodePath}.*{1}`}::lquery)
    )
    SELECT k.code, k.name, k.level, ${COUNTS}
    FROM kids k
    LEFT JOIN campaign_target t ON t.county_code = ${countyCode} AND t.campaign_id = ${campaignId}
      AND t.grid_path <@ k.path
    GROUP BY k.code, k.name, k.level ORDER BY k.code`.execute(db);
  return rows;
}

export async function regionName(db: DbOrTx, code: string) {
  const r = await db.selectFrom('region').select('name').where('code', '=', code).executeTakeFirst();
  return r?.name ?? code;
}
