import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../platform/db/database.js';

/**
 * The per-record history of the archive (一户一档): every change writes who, when, what (field
 * names) and the record as it stood after it. Snapshots hold the masked ID number and phone only,
 * never the clear values. A record made before this history gets an `opened` row with its state
 * before the first change, so the archive reads true on any date.
 */
export type HouseholdSnapshot = {
  gridCode: string;
  address: string;
  unitId: number | null;
  careTags: string[];
};
export type ResidentSnapshot = {
  householdId: number;
  gridCode: string;
  name: string;
  gender: string;
  birthYear: number;
  relation: string;
  idNumber: string;
  phone: string | null;
  maritalStatus: string | null;
  careTags: string[];
  isPartyMember: boolean;
  status: string;
  diedOn: string | null;
  mergedInto: number | null;
};

export type HouseholdRecord = {
  county_code: string;
  id: number;
  grid_code: string;
  address: string;
  unit_id: number | null;
  care_tags: string[];
  created_at: Date;
};
export type ResidentRecord = {
  county_code: string;
  id: number;
  household_id: number;
  grid_code: string;
  name: string;
  gender: string;
  birth_date: string;
  relation: string;
  id_number_masked: string;
  phone_masked: string | null;
  marital_status: string | null;
  care_tags: string[];
  is_party_member: boolean;
  status: string;
  died_on: string | null;
  merged_into: number | null;
  created_at: Date;
};

export const householdSnapshot = (h: HouseholdRecord): HouseholdSnapshot => ({
  gridCode: h.grid_code,
  address: h.address,
  unitId: h.unit_id === null ? null : Number(h.unit_id),
  careTags: h.care_tags,
});

export const residentSnapshot = (r: ResidentRecord): ResidentSnapshot => ({
  householdId: Number(r.household_id),
  gridCode: r.grid_code,
  name: r.name,
  gender: r.gender,
  birthYear: Number(String(r.birth_date).slice(0, 4)),
  relation: r.relation,
  idNumber: r.id_number_masked,
  phone: r.phone_masked,
  maritalStatus: r.marital_status,
  careTags: r.care_tags,
  isPartyMember: r.is_party_member,
  status: r.status,
  diedOn: r.died_on,
  mergedInto: r.merged_into === null ? null : Number(r.merged_into),
});

export type HistoryWrite = {
  countyCode: string;
  subject: 'household' | 'resident';
  subjectId: number;
  householdId: number;
  event: string;
  at: Date;
  effectiveOn?: string | null;
  actor: { accountId: number | null; displayName: string } | null;
  reason?: string | null;
  changed?: string[];
  snapshot: HouseholdSnapshot | ResidentSnapshot;
};

export async function writeHistory(tx: DbOrTx, w: HistoryWrite): Promise<void> {
  await tx
    .insertInto('archive_history')
    .values({
      county_code: w.countyCode,
      subject: w.subject,
      subject_id: w.subjectId,
      household_id: w.householdId,
      event: w.event,
      at: w.at,
      effective_on: w.effectiveOn ?? null,
      actor_id: w.actor?.accountId ?? null,
      actor_name: w.actor?.displayName ?? null,
      reason: w.reason ?? null,
      changed: w.changed ?? [],
      snapshot: JSON.stringify(w.snapshot),
    })
    .execute();
}

/** Before a record's first recorded change: its state until then, from when it was made. */
export async function openIfNeeded(
  tx: Tx,
  rec: { subject: 'household'; row: HouseholdRecord } | { subject: 'resident'; row: ResidentRecord },
): Promise<void> {
  const has = await tx
    .selectFrom('archive_history')
    .select('id')
    .where('county_code', '=', rec.row.county_code)
    .where('subject', '=', rec.subject)
    .where('subject_id', '=', rec.row.id)
    .limit(1)
    .executeTakeFirst();
  if (has) return;
  await writeHistory(tx, {
    countyCode: rec.row.county_code,
    subject: rec.subject,
    subjectId: Number(rec.row.id),
    householdId: Number(rec.subject === 'household' ? rec.row.id : rec.row.household_id),
    event: 'opened',
    at: rec.row.created_at,
    actor: null,
    snapshot: rec.subject === 'household' ? householdSnapshot(rec.row) : residentSnapshot(rec.row),
  });
}

/** The history of one record (a resident's includes the records merged into it). */
export async function historyOf(
  db: DbOrTx,
  countyCode: string,
  subject: 'household' | 'resident',
  id: number,
) {
  const ids =
    subject === 'resident'
      ? sql<number>`(SELECT ${id}::bigint UNION SELECT id FROM resident WHERE county_code = ${countyCode} AND merged_into = ${id})`
      : sql<number>`(SELECT ${id}::bigint)`;
  return db
    .selectFrom('archive_history')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('subject', '=', subject)
    .where(sql<boolean>`subject_id IN ${ids}`)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/** Household events and its members' events (for the household's page). */
export async function householdTimeline(db: DbOrTx, countyCode: string, householdId: number) {
  return db
    .selectFrom('archive_history')
    .selectAll()
    .where('county_code', '=', countyCode)
    .where('household_id', '=', householdId)
    .orderBy('at')
    .orderBy('id')
    .limit(500)
    .execute();
}

/**
 * A household as it stood at `until`: its last snapshot by then and the members whose last
 * snapshot by then placed them in it and present. A record with no history is taken as it is
 * now, from when it was made. Undefined when the household did not exist yet.
 */
export async function householdAsOf(db: DbOrTx, countyCode: string, householdId: number, until: Date) {
  const h = await sql<{ snapshot: HouseholdSnapshot }>`
    SELECT snapshot FROM archive_history
     WHERE county_code = ${countyCode} AND subject = 'household' AND subject_id = ${householdId} AND at <= ${until}
     ORDER BY at DESC, id DESC LIMIT 1`.execute(db);
  const members = await sql<{ subject_id: string; snapshot: ResidentSnapshot }>`
    WITH touched AS (
      SELECT DISTINCT subject_id FROM archive_history
       WHERE county_code = ${countyCode} AND subject = 'resident' AND household_id = ${householdId}
    ), latest AS (
      SELECT DISTINCT ON (a.subject_id) a.subject_id, a.snapshot FROM archive_history a
        JOIN touched t USING (subject_id)
       WHERE a.county_code = ${countyCode} AND a.subject = 'resident' AND a.at <= ${until}
       ORDER BY a.subject_id, a.at DESC, a.id DESC
    )
    SELECT subject_id, snapshot FROM latest
     WHERE (snapshot->>'householdId')::bigint = ${householdId} AND snapshot->>'status' = 'present'
    UNION ALL
    SELECT r.id, jsonb_build_object(
             'householdId', r.household_id, 'gridCode', r.grid_code, 'name', r.name, 'gender', r.gender,
             'birthYear', extract(year FROM r.birth_date)::int, 'relation', r.relation,
             'idNumber', r.id_number_masked, 'phone', r.phone_masked, 'maritalStatus', r.marital_status,
             'careTags', to_jsonb(r.care_tags), 'isPartyMember', r.is_party_member, 'status', r.status,
             'diedOn', r.died_on, 'mergedInto', r.merged_into)
      FROM resident r
     WHERE r.county_code = ${countyCode} AND r.household_id = ${householdId} AND r.status = 'present'
       AND r.created_at <= ${until}
       AND NOT EXISTS (SELECT 1 FROM archive_history a WHERE a.county_code = r.county_code
                         AND a.subject = 'resident' AND a.subject_id = r.id)
     ORDER BY 1`.execute(db);
  return {
    household: h.rows[0]?.snapshot,
    members: members.rows.map((m) => ({ id: Number(m.subject_id), ...m.snapshot })),
  };
}
