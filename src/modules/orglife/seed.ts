import { sql } from 'kysely';
import { withForeignKeysDeferred } from '../../platform/db/bulk.js';
import type { Tx } from '../../platform/db/database.js';
import { DEFAULT_RHYTHM, DEFAULT_SINCE, LIFE_KINDS } from './rules.js';
import { seedAccountMember } from '../party/index.js';
import { LESSONS, slidesOf, TOPICS } from './seed-content.js';
import { lessonSlidesPdf, pdfPages } from './slides.js';

/** The usual rhythm (DEFAULT_RHYTHM) from DEFAULT_SINCE, for the county to change. */
export async function seedOrgLifeConfig(tx: Tx, countyCode: string): Promise<void> {
  await tx
    .insertInto('org_life_rhythm')
    .values(
      LIFE_KINDS.map((kind) => ({
        county_code: countyCode,
        kind,
        period: DEFAULT_RHYTHM[kind],
        since: DEFAULT_SINCE,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The demo slides' blob key: the server makes the file again from the lesson when its store lacks it. */
export const DEMO_SLIDES = 'demo-slides.pdf';

const topics = sql.join(
  Object.entries(TOPICS).flatMap(([kind, list]) =>
    list.map((t, i) => sql`(${kind}::text, ${i}::int, ${t}::text)`),
  ),
);

/**
 * Seven months of 三会一课 and 主题党日 for every branch and party group of the county (set-based), some
 * of them behind: a tenth of the branches held no committee for three months, a tenth no assembly for two
 * quarters, a tenth no theme day for two months, a tenth of the groups no group meeting for two months.
 * Attendance of every member (the committee: five members). Then the county's lesson menu (the online
 * ones with real PDF slides made here), orders by twelve branches in every state, the delivered ones held
 * as those branches' 党课, and a few watchers.
 */
export async function seedOrgLifeDemo(tx: Tx, countyCode: string): Promise<void> {
  const today = sql`(now() AT TIME ZONE 'Asia/Shanghai')::date`;
  await sql`
    WITH months AS (
      SELECT (date_trunc('month', ${today}) - make_interval(months => n))::date AS m, n FROM generate_series(0, 6) n
    ), kinds(kind, holder, quarterly) AS (
      VALUES ('committee', 'branch', false), ('theme_day', 'branch', false), ('branch_assembly', 'branch', true),
             ('lesson', 'branch', true), ('group', 'grid_group', false)
    ), plan AS (
      SELECT o.id AS org_id, o.region_path, k.kind, mo.n,
        (mo.m + ((o.id * 7 + length(k.kind) * 3) % 25)::int)::date AS held_on, (o.id % 10)::int AS lag
      FROM party_org o
      JOIN kinds k ON k.holder = o.kind
      CROSS JOIN months mo
      WHERE o.county_code = ${countyCode}
        AND (NOT k.quarterly OR extract(month FROM mo.m)::int % 3 = 2)
    ), kept AS (
      SELECT * FROM plan
      WHERE held_on <= ${today}
        AND NOT (lag = 0 AND kind = 'committee' AND n <= 3)
        AND NOT (lag = 1 AND kind = 'branch_assembly' AND n <= 5)
        AND NOT (lag = 2 AND kind = 'theme_day' AND n <= 2)
        AND NOT (lag = 3 AND kind = 'group' AND n <= 2)
    ), topic_count AS (SELECT kind, count(*)::int AS c FROM (VALUES ${topics}) t(kind, i, topic) GROUP BY kind)
    INSERT INTO org_life_meeting (county_code, org_id, region_path, kind, held_on, topic, minutes, created_at)
    SELECT ${countyCode}, k.org_id, k.region_path, k.kind, k.held_on, t.topic,
      '会议按议程进行，参会党员逐项讨论并形成意见。', k.held_on::timestamp AT TIME ZONE 'Asia/Shanghai'
    FROM kept k
    JOIN topic_count c ON c.kind = k.kind
    JOIN (VALUES ${topics}) t(kind, i, topic) ON t.kind = k.kind AND t.i = (k.org_id + k.n) % c.c`.execute(
    tx,
  );

  await seedLessons(tx, countyCode);
  await sql`ANALYZE org_life_meeting`.execute(tx);
  // attendance: every member of the organisation (its own and its groups'); the committee: five members
  // checked once after the insert, set-based, rather than by a trigger per row
  await withForeignKeysDeferred(tx, ['org_life_attendance'], () =>
    sql`
    INSERT INTO org_life_attendance (county_code, meeting_id, member_id, status)
    SELECT ${countyCode}, x.id, x.member_id,
      CASE WHEN (x.id + x.member_id) % 13 = 0 THEN 'absent' WHEN (x.id + x.member_id) % 11 = 0 THEN 'excused' ELSE 'present' END
    FROM (
      -- an organisation's members are its own and its groups': two equi-joins a hash join can take (an OR
      -- with a subquery in the join condition made it a nested loop over every member: minutes at scale 1)
      WITH reach AS (
        SELECT o.id AS org_id, o.id AS member_org FROM party_org o WHERE o.county_code = ${countyCode}
        UNION ALL
        SELECT c.parent_id, c.id FROM party_org c WHERE c.county_code = ${countyCode} AND c.parent_id IS NOT NULL
      )
      SELECT m.id, pm.id AS member_id, m.kind, row_number() OVER (PARTITION BY m.id ORDER BY pm.id) AS r
      FROM org_life_meeting m
      JOIN reach ON reach.org_id = m.org_id
      JOIN party_member pm ON pm.county_code = m.county_code AND pm.org_id = reach.member_org
      WHERE m.county_code = ${countyCode}
    ) x
    WHERE x.kind <> 'committee' OR x.r <= 5`.execute(tx),
  );
  await sql`
    UPDATE org_life_meeting m SET present = a.present, members_total = a.total
    FROM (SELECT meeting_id, count(*) FILTER (WHERE status = 'present')::int AS present, count(*)::int AS total
          FROM org_life_attendance WHERE county_code = ${countyCode} GROUP BY meeting_id) a
    WHERE m.county_code = ${countyCode} AND m.id = a.meeting_id`.execute(tx);

  await seedAccountMember(tx, countyCode, 'resident');
  await seedWatches(tx, countyCode);
}

async function seedLessons(tx: Tx, countyCode: string) {
  const county = await tx
    .selectFrom('region')
    .select('path')
    .where('code', '=', countyCode)
    .executeTakeFirst();
  const party = await tx
    .selectFrom('account')
    .select(['id', 'display_name'])
    .where('username', '=', 'party')
    .where('county_code', '=', countyCode)
    .executeTakeFirst();
  if (!county || !party) return;
  const rows = await tx
    .insertInto('party_lesson')
    .values(
      LESSONS.map(([topic, speaker, format, minutes, summary]) => ({
        county_code: countyCode,
        region_path: county.path,
        topic,
        speaker,
        format,
        minutes,
        summary,
        created_by: party.id,
      })),
    )
    .returning(['id', 'topic', 'format', 'summary'])
    .execute();
  for (const l of rows.filter((r) => r.format === 'online')) {
    const pdf = lessonSlidesPdf(l.topic, slidesOf(l.summary));
    await tx
      .updateTable('party_lesson')
      .set({
        media_key: `lessons/${countyCode}/${l.id}/${DEMO_SLIDES}`,
        media_kind: 'slides',
        media_mime: 'application/pdf',
        media_bytes: pdf.length,
        media_pages: pdfPages(pdf),
      })
      .where('county_code', '=', countyCode)
      .where('id', '=', l.id)
      .execute();
  }
  // twelve branches (the demo village's first) order from the menu: delivered, scheduled, ordered in turn
  const ids = rows.map((r) => Number(r.id));
  await sql`
    WITH b AS (
      SELECT o.id, o.region_path, row_number() OVER (ORDER BY o.region_code) - 1 AS n
      FROM party_org o WHERE o.county_code = ${countyCode} AND o.kind = 'branch' ORDER BY o.region_code LIMIT 12
    ), lessons AS (SELECT unnest(${ids}::bigint[]) AS id, generate_series(0, ${ids.length - 1}) AS i),
    made AS (
      INSERT INTO lesson_order (county_code, lesson_id, org_id, region_path, wish, state, scheduled_at, place, created_by, created_at, updated_at)
      SELECT ${countyCode}, l.id, b.id, b.region_path, '希望结合本村实际讲',
        (ARRAY['delivered', 'scheduled', 'ordered'])[b.n % 3 + 1],
        CASE WHEN b.n % 3 < 2 THEN now() + make_interval(days => (CASE WHEN b.n % 3 = 0 THEN -20 ELSE 7 END)) END,
        CASE WHEN b.n % 3 < 2 THEN '村党群服务中心' END,
        ${party.id}, now() - interval '30 days', now() - interval '20 days'
      FROM b JOIN lessons l ON l.i = b.n % ${ids.length}
      RETURNING id, state, created_at, updated_at
    )
    INSERT INTO lesson_order_step (county_code, order_id, action, from_state, to_state, actor_name, at)
    SELECT ${countyCode}, id, s.action, s.from_state, s.to_state, ${party.display_name}, created_at + s.k * interval '3 days'
    FROM made JOIN (VALUES (0, 'order', 'new', 'ordered'), (1, 'schedule', 'ordered', 'scheduled'), (2, 'deliver', 'scheduled', 'delivered')) s(k, action, from_state, to_state)
      ON s.k <= CASE made.state WHEN 'delivered' THEN 2 WHEN 'scheduled' THEN 1 ELSE 0 END`.execute(tx);
  // the delivered orders are their branches' 党课 twenty days ago
  await sql`
    WITH d AS (
      SELECT o.id, o.org_id, o.region_path, l.topic, l.speaker FROM lesson_order o
      JOIN party_lesson l ON l.county_code = o.county_code AND l.id = o.lesson_id
      WHERE o.county_code = ${countyCode} AND o.state = 'delivered'
    ), m AS (
      INSERT INTO org_life_meeting (county_code, org_id, region_path, kind, held_on, topic, minutes, created_at)
      SELECT ${countyCode}, org_id, region_path, 'lesson', (now() AT TIME ZONE 'Asia/Shanghai')::date - 20, topic,
        '主讲：' || speaker, now() - interval '20 days'
      FROM d RETURNING id, org_id
    )
    -- a branch orders once here: its order and its lesson meeting pair up by the branch
    UPDATE lesson_order o SET meeting_id = m.id FROM m
    WHERE o.county_code = ${countyCode} AND o.state = 'delivered' AND o.org_id = m.org_id`.execute(tx);
}

/** A few accounts watched the first online lesson: the demo villager (now a member) half-way, the village staff to the end. */
async function seedWatches(tx: Tx, countyCode: string) {
  await sql`
    WITH l AS (SELECT id FROM party_lesson WHERE county_code = ${countyCode} AND format = 'online' ORDER BY id LIMIT 1)
    INSERT INTO lesson_watch (county_code, lesson_id, account_id, member_id, region_path, first_at, last_at, seconds, furthest_pct)
    SELECT ${countyCode}, l.id, a.id, m.id, coalesce(m.region_path, r.path), now() - interval '3 days', now() - interval '3 days' + interval '40 minutes',
      CASE a.username WHEN 'village' THEN 2400 ELSE 1200 END, CASE a.username WHEN 'village' THEN 100 ELSE 50 END
    FROM l CROSS JOIN account a
    JOIN region r ON r.code = a.scope_code
    LEFT JOIN resident_account ra ON ra.county_code = ${countyCode} AND ra.account_id = a.id
    LEFT JOIN party_member m ON m.county_code = ${countyCode} AND m.resident_id = ra.resident_id
    WHERE a.county_code = ${countyCode} AND a.username IN ('village', 'resident')`.execute(tx);
}
