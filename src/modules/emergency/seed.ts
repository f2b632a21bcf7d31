import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import type { Tx } from '../../platform/db/database.js';
import { EVENT_TEMPLATES, SUPPLY_KEYS } from './kinds.js';
import { seedFloodHelp } from './seed-help.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Every county starts with the kinds of emergency; a county's own edits stay. */
export async function seedEmergencyConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('emergency_template')
    .values(
      EVENT_TEMPLATES.map((t, i) => ({
        county_code: countyCode,
        key: t.key,
        kind: t.kind,
        title: t.title,
        care_tags: [...t.tags],
        category_code: t.category,
        sort_order: i,
      })),
    )
    .onConflict((oc) => oc.columns(['county_code', 'key']).doNothing())
    .execute();
}

/** A July day of this year (or last year's before July), 08:00 Beijing time. */
function lastSummer(now: Date): Date {
  const y = now.getUTCMonth() >= 7 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return new Date(`${y}-07-28T00:00:00Z`);
}

/**
 * The demo county's emergencies: last summer's flood in the demo township (declared by the township
 * over its villages, closed after three days) with every vulnerable household checked — most safe,
 * some evacuated, a few unreachable at first and reached later (the history keeps both) — its
 * teams (militia, volunteers, party-member vanguard from accounts and residents of each village)
 * and the supplies received before the season and issued during the flood; a few households
 * first reported "needs help" became urgent cases, closed within hours (seed-help.ts). Set-based SQL.
 */
export async function seedEmergencyDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  const township = await tx
    .selectFrom('account')
    .select(['id', 'display_name', 'scope_code'])
    .where('username', '=', 'township')
    .executeTakeFirst();
  if (!township) return;
  const town = await tx
    .selectFrom('region')
    .select(['code', sql<string>`path::text`.as('path')])
    .where('code', '=', township.scope_code)
    .executeTakeFirstOrThrow();
  const at = lastSummer(new Date());
  const closedAt = new Date(at.getTime() + 3 * DAY);
  const e = await tx
    .insertInto('emergency_event')
    .values({
      county_code: countyCode,
      kind: 'flood',
      template_key: 'flood',
      title: `${at.getUTCFullYear()}年“7·28”强降雨防汛应急`,
      region_code: town.code,
      region_path: town.path,
      care_tags: [...EVENT_TEMPLATES[0].tags],
      category_code: EVENT_TEMPLATES[0].category,
      state: 'closed',
      version: 2,
      declared_by: Number(township.id),
      declared_at: at,
      closed_by: Number(township.id),
      closed_at: closedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(e.id);
  await sql`INSERT INTO emergency_area (county_code, event_id, grid_code, grid_path)
    SELECT ${countyCode}, ${id}, g.code, g.path FROM region g WHERE g.level = 'grid' AND g.path <@ ${town.path}::ltree`.execute(
    tx,
  );
  // statistics of the new area before the checks' join (without them the demo load planned it badly)
  await sql`ANALYZE emergency_area`.execute(tx);
  const tags = [...EVENT_TEMPLATES[0].tags];
  // each household's fate from a hash (0–99): unreachable first then safe (5), evacuated (18), safe
  await sql`INSERT INTO emergency_check (county_code, event_id, household_id, grid_code, grid_path, status,
      reported_by, reported_at, first_reported_at, version)
    SELECT x.county_code, ${id}, x.id, x.grid_code, x.grid_path,
      CASE WHEN x.h < 2 THEN 'unreachable' WHEN x.h < 20 THEN 'evacuated' ELSE 'safe' END,
      coalesce(rep.account_id, ${Number(township.id)}),
      ${at}::timestamptz + make_interval(mins => 40 + x.h * 7 + CASE WHEN x.h < 5 THEN 1440 ELSE 0 END),
      ${at}::timestamptz + make_interval(mins => 40 + x.h * 7), 2
    FROM (SELECT h.*, (hashint8(h.id) & 2147483647) % 100 AS h FROM household h
      JOIN emergency_area a ON a.county_code = h.county_code AND a.event_id = ${id} AND a.grid_code = h.grid_code
      WHERE h.county_code = ${countyCode}
        AND h.id IN (SELECT p.household_id FROM resident p WHERE p.county_code = ${countyCode} AND p.status = 'present')
        AND (h.care_tags && ${tags}::text[] OR h.id IN (SELECT p.household_id FROM resident p
          WHERE p.county_code = ${countyCode} AND p.status = 'present' AND p.care_tags && ${tags}::text[]))) x
    -- who reported for each grid (its worker, else the village staff), found once per grid, not per household
    LEFT JOIN (SELECT DISTINCT ON (a.grid_code) a.grid_code, u.id AS account_id
                 FROM emergency_area a JOIN region r ON a.grid_path <@ r.path
                 JOIN account u ON u.scope_code = r.code AND u.role IN ('grid_worker', 'village_staff')
                WHERE a.county_code = ${countyCode} AND a.event_id = ${id}
                ORDER BY a.grid_code, nlevel(r.path) DESC, u.id) rep ON rep.grid_code = x.grid_code`.execute(
    tx,
  );
  // the history: every check's first report; those reached only the next day have two
  await sql`INSERT INTO emergency_report (county_code, event_id, check_id, status, note, reported_by, reported_by_name,
      reported_at, received_at)
    SELECT c.county_code, c.event_id, c.id,
      CASE WHEN c.reported_at > c.first_reported_at THEN 'unreachable' ELSE c.status END,
      CASE WHEN c.reported_at > c.first_reported_at THEN '电话未接通，房门上锁' END,
      c.reported_by, u.display_name, c.first_reported_at, c.first_reported_at
    FROM emergency_check c JOIN account u ON u.id = c.reported_by
    WHERE c.county_code = ${countyCode} AND c.event_id = ${id}
    UNION ALL
    SELECT c.county_code, c.event_id, c.id, c.status,
      CASE c.status WHEN 'unreachable' THEN '次日仍联系不上，已报村委会寻找' ELSE '次日联系上，已转移至亲属家' END,
      c.reported_by, u.display_name,
      c.reported_at, c.reported_at
    FROM emergency_check c JOIN account u ON u.id = c.reported_by
    WHERE c.county_code = ${countyCode} AND c.event_id = ${id} AND c.reported_at > c.first_reported_at`.execute(
    tx,
  );
  const helpGiven = await seedFloodHelp(
    tx,
    countyCode,
    id,
    EVENT_TEMPLATES[0].category,
    `${at.getUTCFullYear()}年“7·28”强降雨`,
  );
  const { rows } = await sql<{ n: number; checked: number; unreachable: number; evacuated: number }>`
    SELECT count(*)::int AS n, count(*)::int AS checked,
      (count(*) FILTER (WHERE status = 'unreachable'))::int AS unreachable,
      (count(*) FILTER (WHERE status = 'evacuated'))::int AS evacuated
    FROM emergency_check WHERE county_code = ${countyCode} AND event_id = ${id}`.execute(tx);
  const s = rows[0]!;
  const summary = {
    checked: s.checked,
    total: s.n,
    unreachable: s.unreachable,
    evacuated: s.evacuated,
    helpGiven,
    pending: 0,
  };
  await tx
    .updateTable('emergency_event')
    .set({
      check_count: s.n,
      summary: JSON.stringify(summary),
      close_note: '降雨结束，河道水位回落，转移群众已全部返回',
    })
    .where('county_code', '=', countyCode)
    .where('id', '=', id)
    .execute();
  const actor = { id: Number(township.id), name: township.display_name };
  await tx
    .insertInto('emergency_history')
    .values([
      {
        county_code: countyCode,
        event_id: id,
        at,
        action: 'declare',
        from_state: null,
        to_state: 'declared',
        actor_account_id: actor.id,
        actor_name: actor.name,
        note: '气象台发布暴雨红色预警',
      },
      {
        county_code: countyCode,
        event_id: id,
        at: closedAt,
        action: 'close',
        from_state: 'declared',
        to_state: 'closed',
        actor_account_id: actor.id,
        actor_name: actor.name,
        note: '降雨结束，河道水位回落',
      },
    ])
    .execute();
  await seedTeams(tx, countyCode, town.path, at);
  await seedSupplies(tx, countyCode, town.path, at, id, actor.id);
}

/** Three teams per village of the township: members are its accounts and present residents aged 20–55. */
async function seedTeams(tx: Tx, countyCode: string, townPath: string, at: Date) {
  const made = new Date(at.getTime() - 60 * DAY);
  await sql`INSERT INTO emergency_team (county_code, region_code, region_path, kind, name, created_at)
    SELECT ${countyCode}, v.code, v.path, k.kind, k.name, ${made}::timestamptz
    FROM region v CROSS JOIN (VALUES ('militia', '民兵应急分队'), ('volunteer', '志愿服务队'), ('vanguard', '党员先锋队')) k(kind, name)
    WHERE v.level = 'village' AND v.path <@ ${townPath}::ltree`.execute(tx);
  // statistics of the new teams: the members' join below is planned on them
  await sql`ANALYZE emergency_team`.execute(tx);
  await sql`INSERT INTO emergency_team_member (county_code, team_id, account_id, duty, added_at)
    SELECT t.county_code, t.id, u.id, '联络员', ${made}::timestamptz
    FROM emergency_team t JOIN region r ON r.path <@ t.region_path JOIN account u ON u.scope_code = r.code
    WHERE t.county_code = ${countyCode} AND t.region_path <@ ${townPath}::ltree AND t.kind = 'vanguard'
      AND u.role IN ('village_staff', 'grid_worker')`.execute(tx);
  await sql`INSERT INTO emergency_team_member (county_code, team_id, resident_id, duty, added_at)
    SELECT x.county_code, x.team_id, x.id, '队员', ${made}::timestamptz FROM (
      SELECT t.county_code, t.id AS team_id, p.id,
        row_number() OVER (PARTITION BY t.id ORDER BY hashint8(p.id + t.id)) AS rn
      -- the village's residents by the prefix of their grid's code (an equi-join a hash join takes; the
      -- path containment made it a nested loop over the residents per team: 5 s at scale 0.1)
      FROM emergency_team t JOIN resident p ON p.county_code = t.county_code AND left(p.grid_code, 12) = t.region_code
      WHERE t.county_code = ${countyCode} AND t.region_path <@ ${townPath}::ltree AND p.status = 'present'
        AND p.grid_path <@ ${townPath}::ltree
        AND p.birth_date BETWEEN ${at}::date - interval '55 years' AND ${at}::date - interval '20 years'
        AND (t.kind <> 'vanguard' OR p.is_party_member)) x
    WHERE x.rn <= 6`.execute(tx);
}

/** Stock received before the flood season at the township and each village; sandbags and more issued during it. */
async function seedSupplies(
  tx: Tx,
  countyCode: string,
  townPath: string,
  at: Date,
  eventId: number,
  by: number,
) {
  const before = new Date(at.getTime() - 40 * DAY);
  const during = new Date(at.getTime() + 5 * HOUR);
  const items = SUPPLY_KEYS;
  // receipts: township 10× a village's stock
  await sql`INSERT INTO emergency_stock_move (county_code, region_code, region_path, item, kind, quantity, balance,
      note, moved_by, moved_at)
    SELECT ${countyCode}, r.code, r.path, i.item, 'receive', q.n, q.n, '汛前物资储备', ${by}, ${before}::timestamptz
    FROM region r CROSS JOIN unnest(${items}::text[]) WITH ORDINALITY i(item, k)
    CROSS JOIN LATERAL (SELECT (CASE r.level WHEN 'township' THEN 10 ELSE 1 END)
      * (ARRAY[200, 20, 4, 20, 30, 30, 20, 1, 10, 200])[i.k] AS n) q
    WHERE r.path <@ ${townPath}::ltree AND r.level IN ('township', 'village')`.execute(tx);
  // during the flood: each village issues half its sandbags and a quarter of its water
  await sql`INSERT INTO emergency_stock_move (county_code, region_code, region_path, item, kind, quantity, balance,
      event_id, note, moved_by, moved_at)
    SELECT m.county_code, m.region_code, m.region_path, m.item, 'issue', m.quantity / d.k, m.quantity - m.quantity / d.k,
      ${eventId}, '发放至转移安置点', ${by}, ${during}::timestamptz
    FROM emergency_stock_move m JOIN (VALUES ('sandbag', 2), ('drinking_water', 4)) d(item, k) ON d.item = m.item
    JOIN region r ON r.code = m.region_code AND r.level = 'village'
    WHERE m.county_code = ${countyCode} AND m.region_path <@ ${townPath}::ltree AND m.kind = 'receive'`.execute(
    tx,
  );
  await sql`INSERT INTO emergency_stock (county_code, region_code, region_path, item, quantity, updated_at)
    SELECT DISTINCT ON (m.region_code, m.item) m.county_code, m.region_code, m.region_path, m.item, m.balance, m.moved_at
    FROM emergency_stock_move m WHERE m.county_code = ${countyCode} AND m.region_path <@ ${townPath}::ltree
    ORDER BY m.region_code, m.item, m.id DESC`.execute(tx);
}
