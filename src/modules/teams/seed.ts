import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { FIVE_COUNCILS, FIVE_ROLES } from './kinds.js';

/** Nothing per county: teams belong to villages (see seedTeamDemo; a village adds its own). */
export async function seedTeamConfig(_tx: Tx, _countyCode: string): Promise<void> {}

const teamValues = () =>
  sql.join(
    [
      ...FIVE_COUNCILS.map((t, i) => sql`(${'council'}, ${t.code}, ${t.name}, ${t.duty}, ${i})`),
      ...FIVE_ROLES.map((t, i) => sql`(${'role'}, ${t.code}, ${t.name}, ${t.duty}, ${5 + i})`),
      sql`(${'group'}, ${'elderly_association'}, ${'老年协会'}, ${'组织老人文体活动，互助养老'}, ${10})`,
      sql`(${'group'}, ${'volunteer_patrol'}, ${'平安志愿巡逻队'}, ${'夜间巡逻，守护平安'}, ${11})`,
    ],
    sql`, `,
  );

/**
 * 5+5+N for every village of the county (set-based): the five councils, the five roles and two local
 * groups; three residents of the village's archive in each team (the first a 负责人), an outside
 * lawyer as 法律顾问 and a police officer as 法治副书记.
 */
export async function seedTeamDemo(tx: Tx, countyCode: string): Promise<void> {
  await sql`
    INSERT INTO team (county_code, village_code, village_path, kind, code, name, duty, created_at)
    SELECT ${countyCode}, v.code, v.path, t.kind, t.code, t.name, t.duty, now() - interval '120 days'
    FROM region v CROSS JOIN (VALUES ${teamValues()}) AS t(kind, code, name, duty, ord)
    WHERE v.level = 'village' AND v.county_code = ${countyCode}
    ON CONFLICT DO NOTHING`.execute(tx);
  await sql`
    WITH teams AS (
      SELECT t.county_code, t.id, t.village_code,
             row_number() OVER (PARTITION BY t.village_code ORDER BY t.id) - 1 AS ord
      FROM team t WHERE t.county_code = ${countyCode}
    ), people AS (
      SELECT r.id, r.name, substr(r.grid_code, 1, 12) AS village,
             row_number() OVER (PARTITION BY substr(r.grid_code, 1, 12) ORDER BY r.id) AS rn
      FROM resident r
      WHERE r.county_code = ${countyCode} AND r.birth_date < current_date - interval '25 years'
    )
    INSERT INTO team_member (county_code, team_id, resident_id, name, title, created_at)
    SELECT t.county_code, t.id, p.id, p.name,
           CASE WHEN p.rn = t.ord * 3 + 1 THEN '负责人' ELSE '成员' END, now() - interval '120 days'
    FROM teams t JOIN people p ON p.village = t.village_code AND p.rn BETWEEN t.ord * 3 + 1 AND t.ord * 3 + 3`.execute(
    tx,
  );
  await sql`
    INSERT INTO team_member (county_code, team_id, name, title, affiliation, created_at)
    SELECT t.county_code, t.id,
           CASE t.code WHEN 'legal_adviser' THEN '律师' || (t.id % 97) || '号' ELSE '民警' || (t.id % 89) || '号' END,
           CASE t.code WHEN 'legal_adviser' THEN '法律顾问' ELSE '法治副书记' END,
           CASE t.code WHEN 'legal_adviser' THEN '铁岭县法律援助中心' ELSE '铁岭县公安局派出所' END,
           now() - interval '120 days'
    FROM team t WHERE t.county_code = ${countyCode} AND t.code IN ('legal_adviser', 'rule_of_law_secretary')`.execute(
    tx,
  );
}
