import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.js';

/** A second county under 铁岭市 (the demo's territory holds one county per city): 调兵山市. */
export const OTHER = {
  county: '211281',
  township: '211281001',
  village: '211281001001',
  grid: '211281001001001',
};

/**
 * Adds 调兵山市 under 铁岭市 with one township, village and grid, and one household of two
 * pensioners of 60 and more (their encrypted ID numbers copied from the demo county's residents).
 */
export async function addSecondCounty(db: Db): Promise<void> {
  await sql`INSERT INTO region (code, parent_code, county_code, level, name, path, kind) VALUES
    (${OTHER.county}, '2112', ${OTHER.county}, 'county', '调兵山市', '21.2112.211281', NULL),
    (${OTHER.township}, ${OTHER.county}, ${OTHER.county}, 'township', '兀术街街道', '21.2112.211281.211281001', NULL),
    (${OTHER.village}, ${OTHER.township}, ${OTHER.county}, 'village', '测试社区', '21.2112.211281.211281001.211281001001', 'village'),
    (${OTHER.grid}, ${OTHER.village}, ${OTHER.county}, 'grid', '测试网格', '21.2112.211281.211281001.211281001001.211281001001001', 'rural')
  `.execute(db);
  const path = '21.2112.211281.211281001.211281001001.211281001001001';
  const { rows } = await sql<{
    id: number;
  }>`INSERT INTO household (county_code, grid_code, grid_path, address, member_count)
    VALUES (${OTHER.county}, ${OTHER.grid}, ${path}::ltree, '测试社区1号', 2) RETURNING id`.execute(db);
  await sql`INSERT INTO resident (county_code, household_id, grid_code, grid_path, name, gender, birth_date, relation,
      id_number_enc, id_number_hash, id_number_masked, care_tags)
    SELECT ${OTHER.county}, ${rows[0]!.id}, ${OTHER.grid}, ${path}::ltree, r.name, r.gender, '1950-03-01', 'head',
      r.id_number_enc, r.id_number_hash, r.id_number_masked, ARRAY['pensioner-60']
    FROM resident r WHERE r.county_code = '211221' ORDER BY r.id LIMIT 2`.execute(db);
}
