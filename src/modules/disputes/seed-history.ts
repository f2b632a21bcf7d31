import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { seedDispatches } from './seed-dispatch.js';

const DAYS = 120;
const TYPES = [
  'neighbour',
  'family',
  'marriage',
  'land_homestead',
  'labour',
  'property',
  'compensation',
  'contract',
];
const SUMMARIES = [
  '两户因房后排水沟走向发生争执',
  '老人赡养费用子女之间分担不均',
  '夫妻因外出务工收入分配争吵，女方要求离婚',
  '宅基地边界争议，邻居翻建院墙占用约半米',
  '在外务工人员被拖欠工资',
  '分家析产时老宅归属有分歧',
  '道路施工占地补偿款分配有异议',
  '土地流转合同到期后租金未结清',
];
const AGREEMENTS = [
  '双方同意共同出资重修排水沟，按原走向疏通',
  '三名子女每人每月分担赡养费，轮流照料',
  '双方和好，约定收入共同存入家庭账户',
  '按确权图界址恢复原边界，翻建方退回半米',
  '包工头承诺分两期付清所欠工资',
  '老宅归长子，长子补偿其他兄妹',
  '按户籍人口分配补偿款，村务公开',
  '承租方一次性结清租金，合同依法终止',
];

/**
 * Months of 铁岭县's dispute work, set-based: every village's daily screening for 120 days (a few
 * days missing, and a third of the villages not yet reported today), a dispute on about one day in
 * nine — most settled the same day at the village, some passed up to the township (a lead office
 * and an assisting one) or on to a county department, a few failed — with their steps, parties,
 * record sheets, follow-up visits, the townships' weekly and the county's monthly reports
 * (figures computed from these rows) and the township fund's rewards.
 */
export async function seedDisputeHistory(tx: Tx, county: string): Promise<void> {
  const arr = (xs: string[]) => sql`ARRAY[${sql.join(xs)}]::text[]`;
  await sql`
    WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d)
    INSERT INTO dispute_screening (county_code, village_code, village_path, day, nothing_found, found, created_at)
    SELECT v.county_code, v.code, v.path, day::date, f = 0, f,
           least(now(), (day::date + time '17:00') AT TIME ZONE 'Asia/Shanghai')
    FROM today, region v
    CROSS JOIN LATERAL generate_series(today.d - ${DAYS}::int, today.d, interval '1 day') day
    CROSS JOIN LATERAL (SELECT CASE WHEN abs(hashtext(v.code || day::date::text)) % 9 = 0 THEN 1 ELSE 0 END AS f) x
    WHERE v.county_code = ${county} AND v.level = 'village'
      AND abs(hashtext(v.code || day::date::text || 'm')) % 25 <> 0
      -- today: a third of the villages have not reported yet, the demo's own village among them
      AND NOT (day::date = today.d AND (abs(hashtext(v.code || 'today')) % 3 = 0
               OR v.code IN (SELECT a.scope_code FROM account a WHERE a.username = 'village')))`.execute(tx);

  await sql`
    WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d),
    g AS (
      SELECT parent_code AS v, code, path,
             row_number() OVER (PARTITION BY parent_code ORDER BY code) AS rn,
             count(*) OVER (PARTITION BY parent_code) AS cnt
      FROM region WHERE county_code = ${county} AND level = 'grid'),
    td AS (SELECT region_code, array_agg(id ORDER BY id) AS ids FROM department
           WHERE county_code = ${county} AND tier = 'township' AND active GROUP BY region_code),
    cd AS (SELECT array_agg(id ORDER BY id) AS ids FROM department
           WHERE county_code = ${county} AND region_code = ${county} AND active),
    s AS (
      SELECT s.id, s.day, s.village_code, g.code AS grid, g.path AS grid_path,
             abs(hashtext('o' || s.id)) % 100 AS h, abs(hashtext('k' || s.id)) AS k,
             least(now() - interval '10 minutes',
                   (s.day + time '09:00' + (abs(hashtext('t' || s.id)) % 420) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai') AS t0,
             (s.day + time '17:30') AT TIME ZONE 'Asia/Shanghai' AS e,
             CASE WHEN s.day = today.d THEN CASE WHEN abs(hashtext('o' || s.id)) % 100 < 40 THEN 'v_settled' ELSE 'v_open' END
                  WHEN abs(hashtext('o' || s.id)) % 100 < 70 THEN 'v_settled'
                  WHEN abs(hashtext('o' || s.id)) % 100 < 86 THEN CASE WHEN s.day >= today.d - 2 THEN 't_open' ELSE 't_settled' END
                  WHEN abs(hashtext('o' || s.id)) % 100 < 94 THEN CASE WHEN s.day >= today.d - 6 THEN 'c_open' ELSE 'c_settled' END
                  WHEN abs(hashtext('o' || s.id)) % 100 < 97 THEN 't_failed'
                  ELSE 't_settled' END AS cls
      FROM today, dispute_screening s
      JOIN g ON g.v = s.village_code AND g.rn = 1 + abs(hashtext('g' || s.id)) % g.cnt
      WHERE s.county_code = ${county} AND s.found = 1),
    p AS (
      SELECT s.*, left(s.cls, 1) AS tc, s.cls LIKE '%settled' AS settled,
             CASE left(s.cls, 1) WHEN 'v' THEN s.t0 WHEN 't' THEN s.e ELSE s.e + interval '17 hours' END AS entered,
             td.ids AS tids, cd.ids AS cids
      FROM s LEFT JOIN td ON td.region_code = left(s.village_code, 9) CROSS JOIN cd),
    q AS (
      SELECT p.*,
             CASE WHEN p.settled THEN least(now() - interval '5 minutes',
                  p.entered + CASE p.tc WHEN 'v' THEN interval '2 hours' WHEN 't' THEN interval '22 hours' ELSE interval '3 days' END) END AS settled_at
      FROM p)
    INSERT INTO dispute (county_code, number, grid_code, grid_path, screening_id, type, summary, amount_yuan,
      risk_level, risk_signs, tier, holder_code, state, lead_department_id, assisting_department_ids,
      tier_entered_at, deadline_at, agreement, fail_reason, settled_at, failed_at, follow_up_due, follow_up_at,
      follow_up_held, follow_up_note, version, created_at, updated_at)
    SELECT ${county}, 'JF' || to_char(q.day, 'YYYYMMDD') || lpad(nextval('dispute_number_seq')::text, 5, '0'),
      q.grid, q.grid_path, q.id,
      (${arr(TYPES)})[1 + q.k % 8], (${arr(SUMMARIES)})[1 + q.k % 8],
      CASE WHEN q.k % 8 IN (3, 4, 6, 7) THEN (1 + q.k % 50) * 1000 END,
      CASE WHEN q.h % 10 < 7 THEN 'low' WHEN q.h % 10 < 9 THEN 'medium' ELSE 'high' END,
      CASE WHEN q.h % 10 = 9 THEN ARRAY['threats', 'petition_risk'] WHEN q.h % 10 >= 7 THEN ARRAY['petition_risk'] ELSE ARRAY[]::text[] END,
      CASE q.tc WHEN 'v' THEN 'village' WHEN 't' THEN 'township' ELSE 'county' END,
      CASE q.tc WHEN 'v' THEN q.village_code WHEN 't' THEN left(q.village_code, 9) ELSE ${county} END,
      CASE WHEN q.cls = 'v_open' THEN 'open' WHEN q.cls = 't_failed' THEN 'failed'
           WHEN NOT q.settled THEN 'assigned'
           WHEN q.settled_at + interval '15 days' < now() THEN 'closed' ELSE 'settled' END,
      CASE q.tc WHEN 't' THEN q.tids[1 + q.k % cardinality(q.tids)] WHEN 'c' THEN q.cids[1 + q.k % cardinality(q.cids)] END,
      CASE WHEN q.tc = 't' AND cardinality(q.tids) > 1 THEN ARRAY[q.tids[1 + (q.k + 1) % cardinality(q.tids)]] ELSE ARRAY[]::bigint[] END,
      q.entered,
      q.entered + CASE q.tc WHEN 'v' THEN q.e - q.t0 WHEN 't' THEN interval '3 days' ELSE interval '7 days' END,
      CASE WHEN q.settled THEN (${arr(AGREEMENTS)})[1 + q.k % 8] END,
      CASE WHEN q.cls = 't_failed' THEN '双方分歧较大，调解不成，已引导当事人通过诉讼途径解决' END,
      q.settled_at,
      CASE WHEN q.cls = 't_failed' THEN q.e + interval '2 days' END,
      CASE WHEN q.settled THEN ((q.settled_at + interval '15 days') AT TIME ZONE 'Asia/Shanghai')::date END,
      CASE WHEN q.settled AND q.settled_at + interval '15 days' < now() THEN q.settled_at + interval '15 days' END,
      CASE WHEN q.settled AND q.settled_at + interval '15 days' < now() THEN true END,
      CASE WHEN q.settled AND q.settled_at + interval '15 days' < now() THEN '回访双方，协议已履行' END,
      2, q.t0, coalesce(q.settled_at, q.entered)
    FROM q`.execute(tx);

  await seedSteps(tx, county);
  await seedSheets(tx, county);
  await seedReports(tx, county);
  await seedDispatches(tx, county);
}

async function seedSteps(tx: Tx, county: string) {
  const since = sql`(SELECT min(day) FROM dispute_screening WHERE county_code = ${county})`;
  await sql`
    INSERT INTO dispute_party (county_code, dispute_id, side, name)
    SELECT d.county_code, d.id, side,
           substr('王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯', 1 + abs(hashtext(side || d.id)) % 28, 1)
           || substr('建国秀英玉兰桂芝淑华凤霞立刚志强海燕丽娟春梅宝山长富', 1 + 2 * (abs(hashtext(d.id || side)) % 13), 2)
    FROM dispute d CROSS JOIN (VALUES ('applicant'), ('respondent')) v(side)
    WHERE d.county_code = ${county} AND d.screening_id IS NOT NULL`.execute(tx);
  await sql`
    INSERT INTO dispute_step (county_code, dispute_id, at, action, from_state, to_state, tier, actor_name, note)
    SELECT d.county_code, d.id, x.at, x.action, x.from_state, x.to_state, x.tier, x.actor, x.note
    FROM dispute d, LATERAL (VALUES
      (d.created_at, 'report', NULL, 'open', 'village', '网格员', NULL, true),
      (((d.created_at AT TIME ZONE 'Asia/Shanghai')::date + time '17:30') AT TIME ZONE 'Asia/Shanghai', 'auto_escalate', 'open', 'open', 'township', '系统',
         '村级当日未化解，自动上报乡镇矛盾纠纷调处中心', d.tier <> 'village'),
      (d.tier_entered_at, 'escalate', 'open', 'open', 'county', '乡镇矛盾调处中心', '需县直部门解决，线上报县指挥中心', d.tier = 'county'),
      (d.tier_entered_at + interval '1 hour', 'assign', 'open', 'assigned', d.tier, CASE d.tier WHEN 'county' THEN '县综治中心' ELSE '乡镇矛盾调处中心' END,
         NULL, d.lead_department_id IS NOT NULL),
      (d.settled_at, 'settle', CASE WHEN d.lead_department_id IS NULL THEN 'open' ELSE 'assigned' END, 'settled', d.tier, '调解员', d.agreement, d.settled_at IS NOT NULL),
      (d.failed_at, 'fail', 'assigned', 'failed', d.tier, '乡镇矛盾调处中心', d.fail_reason, d.failed_at IS NOT NULL),
      (d.follow_up_at, 'follow_up', 'settled', 'closed', d.tier, '网格员', d.follow_up_note, d.follow_up_at IS NOT NULL)
    ) x(at, action, from_state, to_state, tier, actor, note, present)
    WHERE d.county_code = ${county} AND d.created_at >= ${since} AND x.present`.execute(tx);
}

async function seedSheets(tx: Tx, county: string) {
  // a record sheet for every settled or failed dispute above the village, and every third at the village
  await sql`
    INSERT INTO mediation_session (county_code, dispute_id, held_on, place_id, remote, parties_present, mediator_ids,
      facts, applicant_claim, respondent_claim, outcome, agreement, fail_reason, created_at)
    SELECT d.county_code, d.id, (coalesce(d.settled_at, d.failed_at) AT TIME ZONE 'Asia/Shanghai')::date, pl.id,
           d.tier = 'county', '申请人、被申请人均到场', ARRAY[coalesce(pl.mediator_id, m.id)],
           d.summary || '。经现场了解，双方各执一词，矛盾由来已久。', '要求对方按原约定履行', '认为对方要求过高，愿意协商',
           CASE WHEN d.failed_at IS NULL THEN 'agreed' ELSE 'failed' END, d.agreement, d.fail_reason,
           coalesce(d.settled_at, d.failed_at)
    FROM dispute d
    JOIN LATERAL (
      SELECT p.id, p.mediator_id, p.region_code FROM mediation_place p
      WHERE p.county_code = d.county_code AND p.region_code = d.holder_code
        AND (d.tier <> 'village' OR p.kind = 'village_point')
      ORDER BY (p.kind = 'room' AND d.id % 2 = 0) DESC, p.id LIMIT 1) pl ON true
    LEFT JOIN LATERAL (
      SELECT m.id FROM mediator m WHERE m.county_code = d.county_code AND m.region_code = pl.region_code ORDER BY m.id LIMIT 1
    ) m ON true
    WHERE d.county_code = ${county} AND d.screening_id IS NOT NULL
      AND (d.settled_at IS NOT NULL OR d.failed_at IS NOT NULL)
      AND (d.tier <> 'village' OR d.id % 3 = 0)
      AND coalesce(pl.mediator_id, m.id) IS NOT NULL`.execute(tx);
  // the township fund rewards settled petition-related disputes, to the place's mediator
  await sql`
    INSERT INTO mediation_reward (county_code, township_code, township_path, dispute_id, mediator_id, place_id,
      amount_yuan, reason, awarded_on, created_at)
    SELECT d.county_code, t.code, t.path, d.id, s.mediator_ids[1], s.place_id,
           CASE WHEN 'threats' = ANY(d.risk_signs) THEN 500 ELSE 300 END,
           '涉访矛盾纠纷调处成功', (d.settled_at AT TIME ZONE 'Asia/Shanghai')::date + 7, d.settled_at + interval '7 days'
    FROM dispute d
    JOIN region t ON t.code = left(d.grid_code, 9)
    JOIN mediation_session s ON s.county_code = d.county_code AND s.dispute_id = d.id AND s.outcome = 'agreed'
    WHERE d.county_code = ${county} AND d.tier = 'township' AND 'petition_risk' = ANY(d.risk_signs)
      AND d.settled_at + interval '7 days' < now()`.execute(tx);
}

/**
 * Issued reports: each township's past weeks (one in ten missing) and the county's past months,
 * their figures counted from the rows above as computeReport counts them (one aggregate per tier).
 */
async function seedReports(tx: Tx, county: string) {
  const issue = (level: 'township' | 'county', period: 'week' | 'month') => {
    const unit = period === 'week' ? sql`interval '7 days'` : sql`interval '1 month'`;
    const trunc = sql.lit(period);
    const len = level === 'township' ? 9 : 6;
    const skip = level === 'township' ? sql`abs(hashtext(r.code || p.start::text)) % 10 <> 0` : sql`true`;
    const issuedAt =
      period === 'week'
        ? sql`(p.stop + time '16:00') AT TIME ZONE 'Asia/Shanghai' - interval '2 days'`
        : sql`(p.stop + time '10:00') AT TIME ZONE 'Asia/Shanghai'`;
    return sql`
      WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d),
      p AS (SELECT x::date AS start, (x + ${unit})::date AS stop,
                   x AT TIME ZONE 'Asia/Shanghai' AS a, (x + ${unit}) AT TIME ZONE 'Asia/Shanghai' AS b
            FROM today, generate_series(date_trunc(${trunc}, (today.d - ${DAYS}::int)::timestamp) + ${unit},
                                        date_trunc(${trunc}, today.d::timestamp) - ${unit}, ${unit}) x),
      r AS (SELECT code, path FROM region WHERE county_code = ${county} AND level = ${level}),
      d AS (SELECT left(grid_code, ${len}) AS code, created_at, settled_at, failed_at FROM dispute WHERE county_code = ${county}),
      st AS (SELECT left(d.grid_code, ${len}) AS code, s.dispute_id, s.action, s.at FROM dispute_step s
             JOIN dispute d ON d.county_code = s.county_code AND d.id = s.dispute_id
             WHERE s.county_code = ${county} AND s.action IN ('escalate', 'auto_escalate', 'overdue')),
      sc AS (SELECT left(village_code, ${len}) AS code, day, count(*) AS n, count(*) FILTER (WHERE nothing_found) AS nothing
             FROM dispute_screening WHERE county_code = ${county} GROUP BY 1, 2),
      fd AS (SELECT r.code, p.start,
               count(*) FILTER (WHERE d.created_at >= p.a AND d.created_at < p.b) AS found,
               count(*) FILTER (WHERE d.settled_at >= p.a AND d.settled_at < p.b) AS settled,
               count(*) FILTER (WHERE d.created_at < p.b AND (d.settled_at IS NULL OR d.settled_at >= p.b)
                                AND (d.failed_at IS NULL OR d.failed_at >= p.b)) AS open
             FROM r CROSS JOIN p LEFT JOIN d ON d.code = r.code GROUP BY 1, 2),
      fs AS (SELECT r.code, p.start,
               count(DISTINCT st.dispute_id) FILTER (WHERE st.action <> 'overdue') AS escalated,
               count(DISTINCT st.dispute_id) FILTER (WHERE st.action <> 'escalate') AS overdue
             FROM r CROSS JOIN p JOIN st ON st.code = r.code AND st.at >= p.a AND st.at < p.b GROUP BY 1, 2),
      fc AS (SELECT r.code, p.start, sum(sc.n) AS filed, sum(sc.nothing) AS nothing
             FROM r CROSS JOIN p JOIN sc ON sc.code = r.code AND sc.day >= p.start AND sc.day < p.stop GROUP BY 1, 2),
      f AS (SELECT fd.*, coalesce(fs.escalated, 0) AS escalated, coalesce(fs.overdue, 0) AS overdue,
                   coalesce(fc.filed, 0) AS filed, coalesce(fc.nothing, 0) AS nothing
            FROM fd LEFT JOIN fs USING (code, start) LEFT JOIN fc USING (code, start))
      INSERT INTO dispute_report (county_code, region_code, region_path, period, period_start, figures, issued_at)
      SELECT ${county}, r.code, r.path, ${period}, p.start,
             jsonb_build_object('found', f.found, 'settled', f.settled, 'escalated', f.escalated, 'overdue', f.overdue,
                                'open', f.open, 'screeningsFiled', f.filed, 'nothingFound', f.nothing),
             ${issuedAt}
      FROM f JOIN r ON r.code = f.code JOIN p ON p.start = f.start WHERE ${skip}`;
  };
  await issue('township', 'week').execute(tx);
  await issue('county', 'month').execute(tx);
}
