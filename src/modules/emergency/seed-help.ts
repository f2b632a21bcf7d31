import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { seedUrgentDemoCases } from '../cases/index.js';

/** What the flood's requests for help were about (G0205 防汛隐患: the flood template's category). */
const WORDS = [
  '院内积水没过膝盖，卧床老人无法自行转移，请求派人协助转移',
  '房屋后墙渗水开裂，独居老人不敢留在屋内，请求转移安置',
  '道路被冲毁，残疾人家庭断水断粮，请求送水送食品',
  '老人突发头晕，村道积水救护车进不来，请求协助送医',
  '留守儿童与祖母被困二楼，一楼进水，请求救援',
];

/**
 * The demo flood's requests for help: about three in a hundred of the checked households first
 * reported "needs help" — each became an urgent case (through the cases module's demo intake,
 * urgency `emergency`, settled and closed within hours, most on the spot by the village) — and
 * were evacuated some hours later (two reports each). Returns how many.
 */
export async function seedFloodHelp(
  tx: Tx,
  countyCode: string,
  eventId: number,
  categoryCode: string,
  title: string,
): Promise<number> {
  // one in thirty of the households reported safe at once (at least two), picked by a hash
  const { rows } = await sql<{
    id: string;
    household_id: string;
    grid_code: string;
    grid_path: string;
    reported_by: string;
    first_reported_at: Date;
  }>`SELECT c.id, c.household_id, c.grid_code, c.grid_path::text AS grid_path, c.reported_by, c.first_reported_at
    FROM (SELECT c.*, row_number() OVER (ORDER BY hashint8(c.household_id + 7), c.id) AS rn, count(*) OVER () AS n
      FROM emergency_check c
      WHERE c.county_code = ${countyCode} AND c.event_id = ${eventId} AND c.status = 'safe'
        AND c.reported_at = c.first_reported_at) c
    WHERE c.rn <= greatest(2, c.n / 30)
    ORDER BY c.id`.execute(tx);
  if (rows.length === 0) return 0;
  const caseIds = await seedUrgentDemoCases(
    tx,
    countyCode,
    rows.map((r, i) => ({
      gridCode: r.grid_code,
      categoryCode,
      description: `【应急求助·${title}】${WORDS[i % WORDS.length]}`,
      reportedAt: new Date(r.first_reported_at),
      settledBy: i % 4 === 3 ? 'township' : 'village',
    })),
  );
  const ids = rows.map((r) => Number(r.id));
  const cases = caseIds.map(Number);
  // the first report said "needs help"; evacuated five hours later (the check's standing status)
  await sql`UPDATE emergency_report r SET status = 'needs_help', note = '已上报求助，转为特急事件'
    FROM unnest(${ids}::bigint[]) AS x(id)
    WHERE r.county_code = ${countyCode} AND r.check_id = x.id`.execute(tx);
  await sql`UPDATE emergency_check c SET status = 'evacuated', reported_at = c.first_reported_at + make_interval(hours => 5),
      case_id = x.case_id, version = c.version + 1
    FROM unnest(${ids}::bigint[], ${cases}::bigint[]) AS x(id, case_id)
    WHERE c.county_code = ${countyCode} AND c.id = x.id`.execute(tx);
  await sql`INSERT INTO emergency_report (county_code, event_id, check_id, status, note, reported_by, reported_by_name,
      reported_at, received_at)
    SELECT c.county_code, c.event_id, c.id, 'evacuated', '已协助转移至安置点', c.reported_by, u.display_name,
      c.reported_at, c.reported_at
    FROM emergency_check c JOIN account u ON u.id = c.reported_by
    WHERE c.county_code = ${countyCode} AND c.id = ANY(${ids}::bigint[])`.execute(tx);
  await sql`INSERT INTO emergency_help (county_code, event_id, check_id, case_id, grid_code, grid_path, asked_by, asked_at)
    SELECT c.county_code, c.event_id, c.id, c.case_id, c.grid_code, c.grid_path, c.reported_by, c.first_reported_at
    FROM emergency_check c WHERE c.county_code = ${countyCode} AND c.id = ANY(${ids}::bigint[])`.execute(tx);
  return rows.length;
}
