import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Actor, Role } from '../accounts/index.js';
import { publishMajorMatter } from '../disclosures/index.js';
import { seedBranchMembers, villageBranch } from '../party/index.js';
import { MAJOR_MATTER, PARTICIPANTS, PROBLEMS } from './seed-content.js';
import { seedStepMeetings } from './seed-step-meetings.js';

/** Nothing per county: meetings belong to villages and grids. */
export async function seedMeetingConfig(_tx: Tx, _countyCode: string): Promise<void> {}

const MEETINGS = 24;
const DAY = 86_400_000;

/**
 * The deliberation hall over the last seven months (set-based): 24 meetings in eight villages (the demo
 * village first), 36 matters (the first twelve meetings take up two), a resolution for each followed
 * through — those of meetings older than a month done, the rest in progress — and one major matter of
 * the demo village through all six steps of 四议两公开 with its two publications.
 */
export async function seedMeetingDemo(tx: Tx, countyCode: string): Promise<void> {
  const staff = await tx
    .selectFrom('account as a')
    .innerJoin('region as r', 'r.code', 'a.scope_code')
    .select(['a.id', 'a.username', 'a.display_name', 'a.role', 'a.scope_code', 'r.path'])
    .where('a.username', '=', 'village')
    .where('a.county_code', '=', countyCode)
    .executeTakeFirst();
  if (!staff) return;
  const problems = sql.join(
    PROBLEMS.map((p, i) => sql`(${i}::int, ${p})`),
    sql`, `,
  );
  const people = sql.join(
    PARTICIPANTS.map(([k, n], i) => sql`(${i}::int, ${k}, ${n})`),
    sql`, `,
  );
  await sql`
    WITH v AS (
      SELECT code, path, name, row_number() OVER (ORDER BY code = ${staff.scope_code} DESC, code) - 1 AS n
      FROM region WHERE county_code = ${countyCode} AND level = 'village'
    ), p(pi, title) AS (VALUES ${problems})
    INSERT INTO meeting (county_code, region_code, region_path, convener_kind, convener_name, title, held_on,
                         place, agenda, minutes, state, created_by, created_at, updated_at)
    SELECT ${countyCode}, v.code, v.path,
           CASE WHEN i % 3 = 0 THEN 'village' ELSE 'grid_party' END,
           CASE WHEN i % 3 = 0 THEN '村(社区)两委' ELSE '网格党小组' END,
           p.title || '议事会', current_date - (i * 9 + 4),
           v.name || '议事厅',
           ARRAY['通报' || p.title || '情况', '听取各方意见', '商定解决办法和责任人'],
           '到会各方充分发表意见，议定解决办法，明确责任人和完成时限。',
           'held', ${staff.id}, now() - make_interval(days => i * 9 + 4), now() - make_interval(days => i * 9 + 4)
    FROM generate_series(0, ${MEETINGS - 1}) AS i
    JOIN v ON v.n = i % 8
    JOIN p ON p.pi = i % ${PROBLEMS.length}`.execute(tx);
  const ours = sql`SELECT id, held_on, row_number() OVER (ORDER BY held_on DESC, id) - 1 AS i
                   FROM meeting WHERE county_code = ${countyCode}`;
  await sql`
    WITH m AS (${ours}), k(j, kind, name) AS (VALUES ${people})
    INSERT INTO meeting_participant (county_code, meeting_id, kind, name, attended)
    SELECT ${countyCode}, m.id, k.kind, k.name, (m.i + k.j) % 7 <> 0 FROM m CROSS JOIN k`.execute(tx);
  // matter j of meeting i: the meeting's own problem first, then (first twelve) the next one
  await sql`
    WITH m AS (${ours}), p(pi, title) AS (VALUES ${problems})
    INSERT INTO meeting_matter (county_code, meeting_id, title)
    SELECT ${countyCode}, m.id, p.title
    FROM m CROSS JOIN generate_series(0, 1) AS j
    JOIN p ON p.pi = (m.i + j) % ${PROBLEMS.length}
    WHERE j = 0 OR m.i < 12`.execute(tx);
  await sql`
    INSERT INTO meeting_resolution (county_code, meeting_id, matter_id, text, responsible, due_on, status,
                                    progress, done_on, created_at, updated_at)
    SELECT x.county_code, x.meeting_id, x.id, '落实“' || x.title || '”的解决办法',
           CASE x.id % 3 WHEN 0 THEN '物业服务企业' WHEN 1 THEN '网格长' ELSE '村(社区)两委' END,
           m.held_on + 30,
           CASE WHEN m.held_on < current_date - 30 THEN 'done' ELSE 'in_progress' END,
           CASE WHEN m.held_on < current_date - 30 THEN 100 ELSE 50 END,
           CASE WHEN m.held_on < current_date - 30 THEN m.held_on + 20 END,
           m.created_at, m.created_at
    FROM meeting_matter x JOIN meeting m ON m.county_code = x.county_code AND m.id = x.meeting_id
    WHERE x.county_code = ${countyCode}`.execute(tx);
  await sql`
    INSERT INTO resolution_update (county_code, resolution_id, on_date, status, progress, note,
                                   actor_account_id, actor_name, at)
    SELECT r.county_code, r.id, d.on_date, d.status, d.progress, d.note, ${staff.id}, ${staff.display_name},
           d.on_date::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '10 hours'
    FROM meeting_resolution r JOIN meeting m ON m.county_code = r.county_code AND m.id = r.meeting_id
    CROSS JOIN LATERAL (VALUES (m.held_on + 7, 'in_progress', 50, '已协调施工队进场，正在推进'),
                               (r.done_on, 'done', 100, '已完成，居民满意')) AS d(on_date, status, progress, note)
    WHERE r.county_code = ${countyCode} AND d.on_date IS NOT NULL AND d.on_date <= current_date`.execute(tx);
  await seedMajorMatter(tx, countyCode, {
    accountId: Number(staff.id),
    username: staff.username,
    displayName: staff.display_name,
    role: staff.role as Role,
    scopeCode: staff.scope_code,
    scopePath: staff.path,
    countyCode,
    sessionId: 0,
  });
}

/** One major matter of the demo village through all six steps, its publications in 三务公开. */
async function seedMajorMatter(tx: Tx, countyCode: string, actor: Actor) {
  // the demo village's archive has few people and no members yet: its branch gets nine
  await seedBranchMembers(tx, countyCode, actor.scopeCode, 9);
  const branch = await villageBranch(tx, countyCode, actor.scopeCode);
  if (!branch || branch.members === 0) return;
  // each vote was taken at a meeting whose attendance gives its figures
  const at_ = await seedStepMeetings(tx, countyCode, actor, actor.scopePath, MAJOR_MATTER.title);
  const present = at_.review.present;
  const reps = at_.decide;
  const repsFor = reps.present - Math.min(2, Math.floor(reps.present / 4));
  const steps = [
    ['propose', '', 'proposed', 70, null, null],
    ['discuss', 'proposed', 'discussed', 63, MAJOR_MATTER.discuss, at_.discuss.id],
    [
      'review',
      'discussed',
      'reviewed',
      56,
      `党员${at_.review.total}人，到会${present}人，赞成${present}人`,
      at_.review.id,
    ],
    [
      'decide',
      'reviewed',
      'decided',
      49,
      `村民代表会议应到${reps.total}人，到会${reps.present}人，赞成${repsFor}人`,
      reps.id,
    ],
    ['publish_resolution', 'decided', 'resolution_published', 47, null, null],
    ['publish_result', 'resolution_published', 'result_published', 10, null, null],
  ] as const;
  const at = (days: number) => new Date(Date.now() - days * DAY);
  const publish = (title: string, body: string, days: number) =>
    publishMajorMatter(tx, {
      actor,
      countyCode,
      villageCode: actor.scopeCode,
      villagePath: actor.scopePath,
      title,
      body,
      now: at(days),
    });
  const resolutionId = await publish(
    `四议两公开·决议公开：${MAJOR_MATTER.title}`,
    `事项：${MAJOR_MATTER.title}\n决议内容：${MAJOR_MATTER.resolution}`,
    47,
  );
  const resultId = await publish(
    `四议两公开·结果公开：${MAJOR_MATTER.title}`,
    `事项：${MAJOR_MATTER.title}\n实施结果：${MAJOR_MATTER.result}`,
    10,
  );
  const made = await tx
    .insertInto('major_matter')
    .values({
      county_code: countyCode,
      village_code: actor.scopeCode,
      village_path: actor.scopePath,
      title: MAJOR_MATTER.title,
      proposal: MAJOR_MATTER.proposal,
      state: 'result_published',
      members_total: at_.review.total,
      members_present: present,
      members_for: present,
      assembly_kind: 'representatives',
      assembly_total: reps.total,
      assembly_present: reps.present,
      assembly_for: repsFor,
      resolution_text: MAJOR_MATTER.resolution,
      result_text: MAJOR_MATTER.result,
      resolution_disclosure_id: resolutionId,
      result_disclosure_id: resultId,
      version: 6,
      created_by: actor.accountId,
      created_at: at(70),
      updated_at: at(10),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('major_matter_step')
    .values(
      steps.map(([action, from, to, days, note, meetingId]) => ({
        county_code: countyCode,
        matter_id: made.id,
        action,
        from_state: from,
        to_state: to,
        actor_account_id: actor.accountId,
        actor_name: actor.displayName,
        note,
        meeting_id: meetingId,
        at: at(days),
      })),
    )
    .execute();
}
