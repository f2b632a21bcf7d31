import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { countPresentMembers, seedArchiveHistory } from './demo-history.js';

/** The people module keeps no per-county settings yet (corrections' limit is fixed: CORRECTION_DAYS). */
export async function seedPeopleConfig(_tx: Tx, _countyCode: string): Promise<void> {}

/**
 * Demo data of the archive, set-based: grid units from the demo addresses (villagers' groups
 * "N组" in villages; buildings "N号楼" and their units "N单元" in communities) with every household
 * placed in one; the demo villager's account tied to a member of a household in its grid; and a
 * few duplicate records of one person from before the one-person-one-record rule, for the merge tool.
 */
export async function seedPeopleDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  await sql`
    INSERT INTO grid_unit (county_code, grid_code, grid_path, kind, name)
    SELECT DISTINCT county_code, grid_code, grid_path, 'villagers_group', substring(address from '(\\d+组)')
      FROM household WHERE county_code = ${countyCode} AND address ~ '\\d+组'
    UNION ALL
    SELECT DISTINCT county_code, grid_code, grid_path, 'building', substring(address from '(\\d+号楼)')
      FROM household WHERE county_code = ${countyCode} AND address ~ '\\d+号楼'`.execute(tx);
  await sql`
    INSERT INTO grid_unit (county_code, grid_code, grid_path, kind, parent_id, name)
    SELECT DISTINCT b.county_code, b.grid_code, b.grid_path, 'unit', b.id, substring(h.address from '\\d+号楼(\\d+单元)')
      FROM household h JOIN grid_unit b ON b.county_code = h.county_code AND b.grid_code = h.grid_code
       AND b.kind = 'building' AND b.name = substring(h.address from '(\\d+号楼)')
     WHERE h.county_code = ${countyCode} AND h.address ~ '\\d+号楼\\d+单元'`.execute(tx);
  // statistics of the new units (their indexes are dropped during the load): without them the
  // households' join to the buildings' units was a nested loop with the address parsed per pair (49 s
  // at scale 1); each household's group, building and unit are parsed once, then hash-joined
  await sql`ANALYZE grid_unit`.execute(tx);
  await sql`
    UPDATE household h SET unit_id = u.id
      FROM (SELECT id, grid_code, substring(address from '(\\d+组)') AS grp FROM household
             WHERE county_code = ${countyCode} AND address ~ '\\d+组' OFFSET 0) x
      JOIN grid_unit u ON u.county_code = ${countyCode} AND u.grid_code = x.grid_code AND u.kind = 'villagers_group'
       AND u.name = x.grp
     WHERE h.county_code = ${countyCode} AND h.id = x.id`.execute(tx);
  await sql`
    UPDATE household h SET unit_id = u.id
      FROM (SELECT id, grid_code, substring(address from '(\\d+号楼)') AS building,
                   substring(address from '\\d+号楼(\\d+单元)') AS unit FROM household
             WHERE county_code = ${countyCode} AND address ~ '\\d+号楼\\d+单元' OFFSET 0) x
      JOIN grid_unit b ON b.county_code = ${countyCode} AND b.grid_code = x.grid_code AND b.kind = 'building'
       AND b.name = x.building
      -- the whole unique key (grid, parent, name): the unit is one index probe, not a scan of its name
      JOIN grid_unit u ON u.county_code = b.county_code AND u.grid_code = b.grid_code
       AND coalesce(u.parent_id, 0) = b.id AND u.name = x.unit
     WHERE h.county_code = ${countyCode} AND h.id = x.id`.execute(tx);
  // the demo villager (account `resident`) is the head of the first household of its grid
  await sql`
    INSERT INTO resident_account (county_code, resident_id, account_id, linked_at)
    SELECT r.county_code, r.id, a.id, now()
      FROM account a
      JOIN LATERAL (SELECT county_code, id FROM resident WHERE county_code = a.county_code
                      AND grid_code = a.scope_code AND relation = 'head' AND status = 'present'
                    ORDER BY id LIMIT 1) r ON true
     WHERE a.username = 'resident' AND a.county_code = ${countyCode}
    ON CONFLICT DO NOTHING`.execute(tx);
  // three people entered twice before the rule (in another household of their village), marked legacy
  await sql`
    INSERT INTO resident (county_code, household_id, grid_code, grid_path, name, gender, birth_date, relation,
                          id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked,
                          care_tags, is_party_member, legacy_duplicate, created_at)
    SELECT r.county_code, h2.id, h2.grid_code, h2.grid_path, r.name, r.gender, r.birth_date, 'other',
           r.id_number_enc, r.id_number_hash, r.id_number_masked, r.phone_enc, r.phone_hash, r.phone_masked,
           r.care_tags, false, true, now() - interval '400 days'
      FROM (SELECT * FROM resident WHERE county_code = ${countyCode} AND relation IN ('spouse', 'child')
              AND left(grid_code, 12) IN (SELECT left(scope_code, 12) FROM account WHERE username = 'gridworker')
             ORDER BY id LIMIT 3) r
      JOIN LATERAL (SELECT id, grid_code, grid_path FROM household WHERE county_code = r.county_code
                      AND left(grid_code, 12) = left(r.grid_code, 12)
                      AND id <> r.household_id ORDER BY id DESC LIMIT 1) h2 ON true`.execute(tx);
  await countPresentMembers(
    tx,
    countyCode,
    sql`SELECT household_id FROM resident WHERE county_code = ${countyCode} AND legacy_duplicate`,
  );
  await seedArchiveHistory(tx, countyCode, new Date());
}
