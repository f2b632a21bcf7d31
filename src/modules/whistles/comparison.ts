import { sql } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';

export type DepartmentFiguresRow = {
  departmentId: number;
  departmentName: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  onTimeRate: number | null;
  avgResponseHours: number | null;
  handedOn: number;
  openNow: number;
  overdueNow: number;
};

/**
 * 部门必应 compared: for every county department of the county, over whistles raised inside `path`,
 * read from the step log in [from, to): received (raised to it, handed or directed to it, reopened
 * with it), answered, answered within the limit it held, the mean hours from its receipt to its
 * answer, handed on; and, now, what it holds open and overdue.
 */
export async function compareDepartments(
  db: DbOrTx,
  countyCode: string,
  path: string,
  from: Date,
  to: Date,
  now: Date,
): Promise<DepartmentFiguresRow[]> {
  const { rows } = await sql<{
    id: string;
    name: string;
    received: string;
    answered: string;
    on_time: string;
    avg_hours: string | null;
    handed_on: string;
    open_now: string;
    overdue_now: string;
  }>`
    WITH steps AS (
      SELECT s.* FROM whistle_step s
      JOIN whistle w ON w.county_code = s.county_code AND w.id = s.whistle_id
      WHERE s.county_code = ${countyCode} AND w.region_path <@ ${path}::ltree
        AND s.at >= ${from} AND s.at < ${to}
    ), receipts AS (
      SELECT CASE WHEN action IN ('hand_on', 'direct') THEN to_department_id ELSE department_id END AS dept
      FROM steps WHERE action IN ('raise', 'hand_on', 'direct', 'reopen')
    ), held AS (
      SELECT department_id AS dept, count(*) FILTER (WHERE due_at < ${now}) AS overdue, count(*) AS open
      FROM whistle
      WHERE county_code = ${countyCode} AND region_path <@ ${path}::ltree AND state = 'raised'
      GROUP BY department_id
    )
    SELECT d.id, d.name,
      (SELECT count(*) FROM receipts r WHERE r.dept = d.id) AS received,
      count(s.id) FILTER (WHERE s.action = 'answer') AS answered,
      count(s.id) FILTER (WHERE s.action = 'answer' AND s.at <= s.due_at) AS on_time,
      avg(extract(epoch FROM s.at - s.received_at) / 3600) FILTER (WHERE s.action = 'answer') AS avg_hours,
      count(s.id) FILTER (WHERE s.action = 'hand_on') AS handed_on,
      coalesce(max(h.open), 0) AS open_now,
      coalesce(max(h.overdue), 0) AS overdue_now
    FROM department d
    LEFT JOIN steps s ON s.department_id = d.id
    LEFT JOIN held h ON h.dept = d.id
    WHERE d.county_code = ${countyCode} AND d.tier = 'county' AND d.active
    GROUP BY d.id, d.name
    ORDER BY d.id`.execute(db);
  return rows.map((r) => {
    const answered = Number(r.answered);
    const onTime = Number(r.on_time);
    return {
      departmentId: Number(r.id),
      departmentName: r.name,
      received: Number(r.received),
      answered,
      answeredOnTime: onTime,
      onTimeRate: answered === 0 ? null : Math.round((onTime / answered) * 1000) / 10,
      avgResponseHours: r.avg_hours === null ? null : Math.round(Number(r.avg_hours) * 10) / 10,
      handedOn: Number(r.handed_on),
      openNow: Number(r.open_now),
      overdueNow: Number(r.overdue_now),
    };
  });
}
