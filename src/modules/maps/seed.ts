import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';

/** The maps module's county settings (map_setting) are made when an administrator first sets them. */
export async function seedMapConfig(_tx: Tx, _countyCode: string): Promise<void> {}

/**
 * Demo: the grid units (villagers' groups, buildings) get a point — spread on a lattice inside
 * their grid's box, as a village would place them — in one statement. Placing them links the
 * cases of those grids reported before to their nearest unit (trigger of migration 0114); cases
 * reported afterwards are linked at intake.
 */
export async function seedMapDemo(tx: Tx, countyCode: string, _pii: Pii): Promise<void> {
  await sql`
    UPDATE grid_unit u SET lng = p.lng, lat = p.lat
      FROM (
        SELECT k.county_code, k.id,
               g.min_lng + (g.max_lng - g.min_lng) * (mod(k.i, k.cols) + 0.5) / k.cols AS lng,
               g.min_lat + (g.max_lat - g.min_lat) * (floor(k.i / k.cols) + 0.5) / ceil(k.n::float8 / k.cols) AS lat
          FROM (SELECT county_code, id, grid_code, n, i, ceil(sqrt(n))::int AS cols
                  FROM (SELECT county_code, id, grid_code,
                               (row_number() OVER w - 1)::int AS i, (count(*) OVER (PARTITION BY grid_code))::int AS n
                          FROM grid_unit
                         WHERE county_code = ${countyCode} AND parent_id IS NULL AND lng IS NULL
                        WINDOW w AS (PARTITION BY grid_code ORDER BY id)) x) k
          JOIN region g ON g.code = k.grid_code AND g.min_lng IS NOT NULL
      ) p
     WHERE u.county_code = p.county_code AND u.id = p.id`.execute(tx);
}
