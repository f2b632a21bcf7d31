import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';

/**
 * Demo 周调度 / 月调度: a meeting for every issued weekly or monthly report (the same region and
 * period; the week's held two days before its end, the month's on its last day), chaired by the
 * township's deputy director or the county's politics-and-law committee, with up to three disputes
 * of the period that were passed up to that tier, each with an assignee and a decision. A week whose
 * report is missing has no meeting either, so the board flags both. One set-based statement each.
 */
export async function seedDispatches(tx: Tx, county: string): Promise<void> {
  await sql`
    INSERT INTO dispute_dispatch (county_code, region_code, region_path, period, period_start, held_on, chair,
      attendees, notes, recorded_at)
    SELECT p.county_code, p.region_code, p.region_path, p.period, p.period_start,
           CASE p.period WHEN 'week' THEN p.period_start + 4
                ELSE (p.period_start + interval '1 month' - interval '1 day')::date END,
           CASE p.period WHEN 'week' THEN '党委副书记（矛盾调处中心主任）' ELSE '县委政法委副书记' END,
           CASE p.period WHEN 'week' THEN '综治中心、司法所、派出所、信访办、各村党组织书记'
                ELSE '县综治中心、信访局、司法局、公安局、人社局、自然资源局、各乡镇分管领导' END,
           '逐件研判本期纠纷，明确责任单位和办结时限',
           p.issued_at - interval '2 hours'
    FROM dispute_report p WHERE p.county_code = ${county}`.execute(tx);
  await sql`
    INSERT INTO dispute_dispatch_item (county_code, dispatch_id, dispute_id, assignee, decision, due_on)
    SELECT m.county_code, m.id, x.id,
           CASE m.period WHEN 'week' THEN '司法所牵头，派出所、村委会配合' ELSE '县直责任部门' END,
           CASE WHEN x.settled_at IS NOT NULL THEN '限期调处，已化解' ELSE '继续调处，包案领导跟进' END,
           m.held_on + CASE m.period WHEN 'week' THEN 3 ELSE 5 END
    FROM dispute_dispatch m
    CROSS JOIN LATERAL (
      SELECT d.id, d.settled_at FROM dispute d
      WHERE d.county_code = m.county_code AND d.grid_path <@ m.region_path
        AND d.tier = CASE m.period WHEN 'week' THEN 'township' ELSE 'county' END
        AND (d.created_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN m.period_start AND m.held_on
      ORDER BY d.id LIMIT 3) x
    WHERE m.county_code = ${county}`.execute(tx);
}
