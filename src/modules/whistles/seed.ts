import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notify/index.js';
import * as repo from './repository.js';
import { ESCALATE_NOTE, overdueTitle } from './sweep.js';

/** A department without a limit of its own keeps the default (3 working days, urgent 1): nothing to seed. */
export async function seedWhistleConfig(_tx: Tx, _countyCode: string): Promise<void> {}

const SUBJECTS = [
  ['村道塌陷需住建局鉴定维修', '村内主路雨后塌陷约两米，存在安全隐患，村里无力维修，请县住建局派人鉴定。'],
  ['灌溉渠堵塞影响春耕', '西干渠下游淤堵，两个村民组农田无法灌溉，请县水利局协调清淤。'],
  ['养殖场异味扰民', '村东养殖场粪污直排，周边群众反映强烈，请生态环境部门检查。'],
  ['低保复核材料卡在县里', '三户低保复核材料上报一个月未有回复，请县民政局答复进度。'],
  ['农村客运班线停运', '镇至县城客运班线停运两周，老人就医出行困难，请交通运输局答复。'],
  ['企业用工社保补贴申请', '辖区企业申请稳岗补贴，材料已齐，请人社局明确办理时限。'],
  ['企业厂区道路占用审批', '企业扩建需临时占用道路，请城管执法局答复审批条件。'],
  ['村卫生室缺少药品', '村卫生室常用慢病药品断供，请县卫健局协调配送。'],
] as const;

/**
 * Half a year of whistles in the demo county: raised by the demo village and township (and, for
 * enterprises' needs, from the first enterprises' grids by the township), answered by the county
 * departments at different speeds — some late, some handed on — so the county's comparison of
 * departments has something to compare. One set-based statement per table.
 */
export async function seedWhistleDemo(tx: Tx, countyCode: string): Promise<void> {
  const raisers = await tx
    .selectFrom('account')
    .select(['id', 'username', 'scope_code'])
    .where('county_code', '=', countyCode)
    .where('username', 'in', ['village', 'township'])
    .execute();
  const village = raisers.find((r) => r.username === 'village');
  const township = raisers.find((r) => r.username === 'township');
  if (!village || !township) return;
  const subjects = sql.join(SUBJECTS.map(([s, d], i) => sql`(${i}::int, ${s}::text, ${d}::text)`));
  await sql`
    WITH depts AS (
      SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n
      FROM department WHERE county_code = ${countyCode} AND tier = 'county' AND active
    ), ents AS (
      SELECT e.id, e.grid_code, e.grid_path, h.cadre_id, row_number() OVER (ORDER BY e.id) - 1 AS k
      FROM enterprise e
      LEFT JOIN enterprise_helper h ON h.county_code = e.county_code AND h.enterprise_id = e.id AND h.ended_on IS NULL
      WHERE e.county_code = ${countyCode} AND e.grid_path <@ (SELECT path FROM region WHERE code = ${township.scope_code})
      ORDER BY e.id LIMIT 6
    ), subj(k, subject, description) AS (VALUES ${subjects}),
    g AS (
      SELECT i, now() - make_interval(hours => i * 29 + 3) AS raised_at FROM generate_series(1, 150) i
    ), rows AS (
      SELECT g.i, g.raised_at, d.id AS department_id, d.k AS dk,
        ent.id AS enterprise_id, ent.grid_code, ent.grid_path, ent.cadre_id,
        s.subject, s.description
      FROM g
      JOIN depts d ON d.k = (g.i * 7) % d.n
      JOIN subj s ON s.k = g.i % 8
      LEFT JOIN ents ent ON g.i % 10 = 5 AND ent.k = (g.i / 10) % 6
    )
    INSERT INTO whistle (county_code, number, kind, subject, description, urgent, region_code, region_path,
      raised_by, department_id, state, raised_at, received_at, due_at, answer, answered_at, confirmed_at,
      escalated_at, hand_on_count, enterprise_id, follow_cadre_id, created_at, updated_at)
    SELECT ${countyCode},
      'CS' || to_char(r.raised_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('whistle_number_seq')::text, 5, '0'),
      CASE WHEN r.enterprise_id IS NULL THEN 'grassroots' ELSE 'enterprise' END,
      r.subject, r.description, r.i % 13 = 0,
      coalesce(r.grid_code, CASE WHEN r.i % 3 = 0 THEN ${township.scope_code} ELSE ${village.scope_code} END),
      coalesce(r.grid_path, (SELECT path FROM region WHERE code =
        CASE WHEN r.i % 3 = 0 THEN ${township.scope_code} ELSE ${village.scope_code} END)),
      CASE WHEN r.i % 3 = 0 OR r.enterprise_id IS NOT NULL THEN ${township.id}::bigint ELSE ${village.id}::bigint END,
      r.department_id,
      CASE WHEN r.i <= 4 THEN 'raised' WHEN r.i <= 9 THEN 'answered' ELSE 'confirmed' END,
      r.raised_at, r.raised_at,
      r.raised_at + CASE WHEN r.i % 13 = 0 THEN interval '1 day' ELSE interval '4 days' END,
      CASE WHEN r.i > 4 THEN '已派人现场核实，已列入本月工作计划并答复村里。' END,
      CASE WHEN r.i > 4 THEN r.raised_at + make_interval(hours => (6 + (r.dk % 5) * 14 + (r.i % 4) * 9)::int) END,
      CASE WHEN r.i > 9 THEN r.raised_at + make_interval(hours => (30 + (r.dk % 5) * 14 + (r.i % 4) * 9)::int) END,
      -- still unanswered past its limit: escalated as the sweep would have done a minute after the limit
      CASE WHEN r.i <= 4 AND r.raised_at + CASE WHEN r.i % 13 = 0 THEN interval '1 day' ELSE interval '4 days' END < now()
        THEN r.raised_at + CASE WHEN r.i % 13 = 0 THEN interval '1 day' ELSE interval '4 days' END + interval '1 minute' END,
      CASE WHEN r.i % 9 = 0 THEN 1 ELSE 0 END,
      r.enterprise_id, CASE WHEN r.enterprise_id IS NOT NULL THEN r.cadre_id END,
      r.raised_at, r.raised_at
    FROM rows r`.execute(tx);
  // the step log the indicators read: raise, hand on (every ninth), answer, confirm
  await sql`
    INSERT INTO whistle_step (county_code, whistle_id, at, action, from_state, to_state, department_id,
      to_department_id, received_at, due_at, actor_account_id, actor_name, note)
    SELECT w.county_code, w.id, x.at, x.action, x.from_state, x.to_state, x.department_id, x.to_department_id,
      w.received_at, w.due_at, x.actor, x.actor_name, x.note
    FROM whistle w
    LEFT JOIN LATERAL (
      SELECT d.id FROM department d WHERE d.county_code = w.county_code AND d.tier = 'county' AND d.id <> w.department_id
      ORDER BY d.id LIMIT 1
    ) other ON true
    CROSS JOIN LATERAL (VALUES
      (w.raised_at, 'raise', NULL, 'raised', CASE WHEN w.hand_on_count > 0 THEN other.id ELSE w.department_id END,
        NULL::bigint, w.raised_by, NULL::text, NULL::text),
      (CASE WHEN w.hand_on_count > 0 THEN w.raised_at + interval '2 hours' END, 'hand_on', 'raised', 'raised',
        other.id, w.department_id, NULL::bigint, '县直部门', '职责不属本部门，转交主管部门答复'),
      (w.answered_at, 'answer', 'raised', 'answered', w.department_id, NULL::bigint, NULL::bigint, '县直部门', w.answer),
      (w.confirmed_at, 'confirm', 'answered', 'confirmed', w.department_id, NULL::bigint, w.raised_by, NULL::text, NULL::text),
      (w.escalated_at, 'escalate', 'raised', 'raised', w.department_id, NULL::bigint, NULL::bigint, NULL::text, ${ESCALATE_NOTE}::text)
    ) AS x(at, action, from_state, to_state, department_id, to_department_id, actor, actor_name, note)
    WHERE w.county_code = ${countyCode} AND x.at IS NOT NULL
    ORDER BY x.at`.execute(tx);
  await escalatedAsTheSweep(tx, countyCode);
}

/**
 * The demo's requests already past their limit at load were escalated "by the sweep": their audit
 * rows and notices as `sweepWhistles` writes them, so a fresh start escalates nothing.
 */
async function escalatedAsTheSweep(tx: Tx, countyCode: string): Promise<void> {
  const late = await tx
    .selectFrom('whistle')
    .select(['id', 'number', 'subject', 'department_id', 'raised_by'])
    .where('county_code', '=', countyCode)
    .where('escalated_at', 'is not', null)
    .execute();
  for (const w of late) {
    await recordAudit(tx, {
      actor: null,
      countyCode,
      action: 'whistle.escalate',
      entityType: 'whistle',
      entityId: w.id,
      before: { state: 'raised' },
      after: { state: 'raised', escalated: true, departmentId: w.department_id },
    });
    await notify(tx, {
      countyCode,
      accountIds: [
        ...(await repo.countyCentre(tx, countyCode)),
        ...(await repo.departmentStaff(tx, countyCode, w.department_id)),
        w.raised_by,
      ],
      kind: 'whistle.overdue',
      about: { type: 'whistle', id: w.id },
      title: overdueTitle(w.number, w.subject),
      event: { number: w.number, state: 'raised' },
    });
  }
}
