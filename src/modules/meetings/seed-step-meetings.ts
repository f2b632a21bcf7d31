import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';

const DAY = 86_400_000;
const CADRES = ['村党支部书记', '村委会主任', '村党支部副书记', '村委会委员', '村妇联主席'];

type Step = { id: number; total: number; present: number };
type Person = { kind: string; name: string; refType: string | null; refId: number | null };

/** A participant who is a roster record (a party member, a resident): its name cut to the column's 60. */
const personOf = (kind: 'party_member' | 'resident', r: { id: string; name: string }): Person => ({
  kind,
  name: r.name.slice(0, 60),
  refType: kind,
  refId: Number(r.id),
});

/** One held meeting of the demo village: its participants, the first `came` of them present. */
async function heldMeeting(
  tx: Tx,
  countyCode: string,
  actor: Actor,
  m: { kind: string; title: string; daysAgo: number; agenda: string },
  people: Person[],
  came: number,
): Promise<number> {
  const on = new Date(Date.now() - m.daysAgo * DAY);
  const made = await tx
    .insertInto('meeting')
    .values({
      county_code: countyCode,
      region_code: actor.scopeCode,
      region_path: actor.scopePath,
      kind: m.kind,
      convener_kind: 'village',
      convener_name: '村两委',
      title: m.title,
      held_on: new Date(on.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      place: '村党群服务中心',
      agenda: [m.agenda],
      minutes: `${m.title}：到会${came}人，会议就${m.agenda}进行了表决。`,
      state: 'held',
      created_by: actor.accountId,
      created_at: on,
      updated_at: on,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (people.length > 0)
    await tx
      .insertInto('meeting_participant')
      .values(
        people.map((p, i) => ({
          county_code: countyCode,
          meeting_id: made.id,
          kind: p.kind,
          name: p.name,
          ref_type: p.refType,
          ref_id: p.refId,
          attended: i < came,
        })),
      )
      .execute();
  return Number(made.id);
}

/**
 * Demo: the three meetings that took the demo matter's steps of 四议两公开 — the 两委会议 (five cadres),
 * the 党员大会 (the branch's members invited, 4/5 present) and the 村民代表会议 (up to 30 adult residents
 * as its representatives, 9/10 present) — held 63, 56 and 49 days ago; the figures the steps record are
 * these attendances, as the rules count them.
 */
export async function seedStepMeetings(
  tx: Tx,
  countyCode: string,
  actor: Actor,
  branchPath: string,
  topic: string,
) {
  const members = await sql<{ id: string; name: string }>`
    SELECT m.id, r.name FROM party_member m
    JOIN party_org o ON o.county_code = m.county_code AND o.id = m.org_id
    JOIN resident r ON r.county_code = m.county_code AND r.id = m.resident_id
    WHERE m.county_code = ${countyCode} AND m.left_on IS NULL AND o.region_path <@ ${branchPath}::ltree
    ORDER BY m.id`.execute(tx);
  const residents = await sql<{ id: string; name: string }>`
    SELECT id, name FROM resident
    WHERE county_code = ${countyCode} AND grid_path <@ ${actor.scopePath}::ltree AND died_on IS NULL
      AND status <> 'merged' AND birth_date <= current_date - interval '18 years 60 days'
    ORDER BY id LIMIT 30`.execute(tx);
  const cadres = CADRES.map((name) => ({ kind: 'village_cadre', name, refType: null, refId: null }));
  const held = async (
    m: { kind: string; title: string; daysAgo: number },
    people: Person[],
    /** the share present, as a fraction: numerator and denominator */
    [of, per]: [number, number],
  ): Promise<Step> => {
    const present = Math.ceil((people.length * of) / per);
    const id = await heldMeeting(tx, countyCode, actor, { ...m, agenda: topic }, people, present);
    return { id, total: people.length, present };
  };
  const discuss = await held(
    { kind: 'two_committees', title: '村两委联席会议', daysAgo: 63 },
    cadres,
    [1, 1],
  );
  const review = await held(
    { kind: 'party_members', title: '村党支部党员大会', daysAgo: 56 },
    members.rows.map((r) => personOf('party_member', r)),
    [4, 5],
  );
  const decide = await held(
    { kind: 'representatives', title: '村民代表会议', daysAgo: 49 },
    residents.rows.map((r) => personOf('resident', r)),
    [9, 10],
  );
  return { discuss, review, decide };
}
