import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/db/database.js';

/** The record as the history keeps it (masked numbers only), like history.ts's residentSnapshot. */
const SNAPSHOT = (r: string, status: string, diedOn: string, careTags: string) =>
  sql.raw(`jsonb_build_object(
  'householdId', ${r}.household_id, 'gridCode', ${r}.grid_code, 'name', ${r}.name, 'gender', ${r}.gender,
  'birthYear', extract(year FROM ${r}.birth_date)::int, 'relation', ${r}.relation,
  'idNumber', ${r}.id_number_masked, 'phone', ${r}.phone_masked, 'maritalStatus', ${r}.marital_status,
  'careTags', to_jsonb(${careTags}), 'isPartyMember', ${r}.is_party_member, 'status', ${status},
  'diedOn', ${diedOn}, 'mergedInto', NULL)`);

/**
 * Ten months of the archive's life (一户一档), set-based and proportionate to the population:
 * births registered a few days after the day, deaths (the very old), moves out and in, 60th
 * birthdays tagged 'pensioner-60' and disabilities certified (tags the records carry today, so
 * the records before the change are shown without them). Each change
 * has its history row as the archive writes it (who: the grid's full-time worker; when; what;
 * the record after the change), and the records changed before carry their `opened` row, so
 * the archive reads true on any date of the past months. `h` below is a stable hash 0..9999.
 */
export async function seedArchiveHistory(tx: Tx, countyCode: string, now: Date): Promise<void> {
  await sql`
    CREATE TEMP TABLE demo_life ON COMMIT DROP AS
    WITH workers AS (
      SELECT DISTINCT ON (gw.grid_code) gw.grid_code, p.name
        FROM grid_worker gw JOIN resident p ON p.county_code = gw.county_code AND p.id = gw.resident_id
       WHERE gw.county_code = ${countyCode} AND gw.employment = 'fullTime'
       ORDER BY gw.grid_code, gw.resident_id
    )
    SELECT r.id, r.household_id, r.grid_code, r.created_at, w.name AS worker,
           (abs(hashint8(r.id)) % 10000)::int AS h,
           CASE
             -- registered within days of birth (the demo's newborns are this year's)
             WHEN r.birth_date > ${now}::date - 300 THEN 'birth'
             WHEN r.birth_date < ${now}::date - interval '80 years' AND abs(hashint8(r.id)) % 10000 < 700 THEN 'death'
             WHEN abs(hashint8(r.id)) % 10000 < 45 THEN 'move_out'
             WHEN abs(hashint8(r.id)) % 10000 BETWEEN 45 AND 89 AND r.relation <> 'head' THEN 'move_in'
             WHEN r.birth_date BETWEEN ${now}::date - interval '60 years 300 days' AND ${now}::date - interval '60 years'
                  AND 'pensioner-60' = ANY(r.care_tags) THEN 'care_tag_added'
             WHEN 'disabled' = ANY(r.care_tags) AND abs(hashint8(r.id)) % 10000 < 3000 THEN 'care_tag_added'
           END AS event,
           CASE WHEN r.birth_date BETWEEN ${now}::date - interval '60 years 300 days' AND ${now}::date - interval '60 years'
                THEN 'pensioner-60' ELSE 'disabled' END AS tag,
           -- the day it happened: within the last 300 days (births: the birthday)
           CASE WHEN r.birth_date > ${now}::date - 300 THEN r.birth_date
                WHEN r.birth_date BETWEEN ${now}::date - interval '60 years 300 days' AND ${now}::date - interval '60 years'
                  THEN (r.birth_date + interval '60 years')::date
                ELSE (${now}::date - 3 - (abs(hashint8(r.id + 7)) % 297)::int) END AS day
      FROM resident r
      LEFT JOIN workers w ON w.grid_code = r.grid_code
     WHERE r.county_code = ${countyCode} AND r.status = 'present' AND NOT r.legacy_duplicate
       -- the people other demo data stand on stay as they are: grid workers, party members, villagers with accounts
       AND NOT r.is_party_member
       AND r.id NOT IN (SELECT resident_id FROM grid_worker WHERE county_code = ${countyCode} AND resident_id IS NOT NULL)
       AND r.id NOT IN (SELECT resident_id FROM resident_account WHERE county_code = ${countyCode} AND resident_id IS NOT NULL)`.execute(
    tx,
  );
  await sql`DELETE FROM demo_life WHERE event IS NULL`.execute(tx);
  // the record as it stood before the change, from when it was made (not for births and move-ins: they begin here)
  await sql`
    INSERT INTO archive_history (county_code, subject, subject_id, household_id, event, at, actor_name, snapshot)
    SELECT r.county_code, 'resident', r.id, r.household_id, 'opened', r.created_at, NULL,
           ${SNAPSHOT('r', "'present'", 'NULL', "CASE WHEN l.event = 'care_tag_added' THEN array_remove(r.care_tags, l.tag) ELSE r.care_tags END")}
      FROM demo_life l JOIN resident r ON r.county_code = ${countyCode} AND r.id = l.id
     WHERE l.event NOT IN ('birth', 'move_in')`.execute(tx);
  // births and move-ins are new records: made on the day they were registered
  await sql`
    UPDATE resident r SET created_at = (l.day + 2 + l.h % 5)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '10 hours'
      FROM demo_life l WHERE r.county_code = ${countyCode} AND r.id = l.id AND l.event IN ('birth', 'move_in')`.execute(
    tx,
  );
  await sql`
    UPDATE resident r SET
      status = CASE l.event WHEN 'death' THEN 'deceased' WHEN 'move_out' THEN 'moved_out' ELSE r.status END,
      died_on = CASE WHEN l.event = 'death' THEN l.day END
      FROM demo_life l WHERE r.county_code = ${countyCode} AND r.id = l.id AND l.event IN ('death', 'move_out')`.execute(
    tx,
  );
  await sql`
    INSERT INTO archive_history (county_code, subject, subject_id, household_id, event, at, effective_on,
                                 actor_name, reason, changed, snapshot)
    SELECT r.county_code, 'resident', r.id, r.household_id, l.event,
           CASE WHEN l.event IN ('birth', 'move_in') THEN r.created_at
                ELSE (l.day + 1 + l.h % 6)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '9 hours' END,
           l.day, coalesce(l.worker, '网格员'),
           CASE l.event WHEN 'birth' THEN '新生儿落户' WHEN 'death' THEN '因病去世' WHEN 'move_out' THEN '外出务工，迁往外地'
                        WHEN 'move_in' THEN '投亲迁入'
                        WHEN 'care_tag_added' THEN CASE l.tag WHEN 'pensioner-60' THEN '年满60周岁' ELSE '残疾认定' END END,
           CASE l.event WHEN 'death' THEN ARRAY['status', 'diedOn'] WHEN 'move_out' THEN ARRAY['status']
                        WHEN 'care_tag_added' THEN ARRAY['careTags'] ELSE '{}'::text[] END,
           ${SNAPSHOT('r', 'r.status', 'r.died_on', 'r.care_tags')}
      FROM demo_life l JOIN resident r ON r.county_code = ${countyCode} AND r.id = l.id`.execute(tx);
  // households count their present members
  await countPresentMembers(
    tx,
    countyCode,
    sql`SELECT household_id FROM demo_life WHERE event IN ('death', 'move_out')`,
  );
}

/**
 * Households (ids from `households`, a query) count their present members again: one grouped
 * pass over their residents, not a count per household (the demo load runs this while the
 * residents' index by household is dropped).
 */
export async function countPresentMembers(tx: Tx, countyCode: string, households: RawBuilder<unknown>) {
  await sql`
    UPDATE household h SET member_count = c.n
      FROM (SELECT household_id, count(*) FILTER (WHERE status = 'present')::int AS n FROM resident
             WHERE county_code = ${countyCode} AND household_id IN (${households}) GROUP BY household_id) c
     WHERE h.county_code = ${countyCode} AND h.id = c.household_id AND h.member_count IS DISTINCT FROM c.n`.execute(
    tx,
  );
}
