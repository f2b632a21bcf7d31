import { sql } from 'kysely';
import type { Pii } from '../../platform/crypto.js';
import { maskPhone } from '../../platform/crypto.js';
import { bulkInsert, reserveIds } from '../../platform/db/bulk.js';
import type { Tx } from '../../platform/db/database.js';
import { pathOf } from '../regions/index.js';
import { planCadres, type Unit } from './demo-plan.js';

/** Cadres need no per-county configuration. */
export async function seedCadreConfig(_tx: Tx, _countyCode: string): Promise<void> {}

/** 盘山县: the territory whose figures seed 004 reports (J16). */
export const PANSHAN_COUNTY_CODE = '211122';

/**
 * The demo's cadres: in 盘山县, whose figures seed 004 reports, and in the demo county (铁岭县,
 * where the demo accounts work) with the same figures, so that both show them. A few set-based
 * statements per county.
 */
export async function seedCadreDemo(tx: Tx, countyCode: string, pii: Pii): Promise<void> {
  for (const county of new Set([countyCode, PANSHAN_COUNTY_CODE])) await seedCounty(tx, county, pii);
}

async function seedCounty(tx: Tx, county: string, pii: Pii) {
  const units = (await tx
    .selectFrom('region')
    .select(['code', 'kind'])
    .where('county_code', '=', county)
    .where('level', '=', 'village')
    .orderBy('code')
    .execute()) as Unit[];
  if (units.length === 0) return;
  const plan = planCadres(units, Number(county));
  const now = new Date();
  const year = now.getUTCFullYear();
  const ids = await reserveIds(tx, 'cadre', plan.cadres.length);
  await bulkInsert(
    tx,
    'cadre',
    [
      { name: 'county_code', type: 'text' },
      { name: 'id', type: 'bigint' },
      { name: 'region_code', type: 'text' },
      { name: 'region_path', type: 'text', expr: '$::ltree' },
      { name: 'name', type: 'text' },
      { name: 'gender', type: 'text' },
      { name: 'birth_year', type: 'int' },
      { name: 'education', type: 'text' },
      { name: 'posts', type: 'text', expr: "string_to_array($, ',')" },
      { name: 'reserve', type: 'boolean' },
      { name: 'unit', type: 'text' },
      { name: 'phone_enc', type: 'bytea' },
      { name: 'phone_hash', type: 'bytea' },
      { name: 'phone_masked', type: 'text' },
    ],
    plan.cadres.map((c, i) => {
      // two-committee members and first secretaries have a (synthetic) mobile number on record
      const phone =
        c.posts.length > 0 || c.unit
          ? `139${String(Number(county) * 7 + i * 7919)
              .slice(-8)
              .padStart(8, '0')}`
          : null;
      return [
        county,
        ids[i],
        c.regionCode,
        pathOf(c.regionCode),
        c.name,
        c.gender,
        year - c.age,
        c.education,
        c.posts.join(','),
        c.reserve,
        c.unit,
        phone ? pii.encrypt(phone) : null,
        phone ? pii.blindIndex('phone', phone) : null,
        phone ? maskPhone(phone) : null,
      ];
    }),
    { overridingSystemValue: true },
  );
  // training of reserve cadres: a county course for all, a township one for every second
  const reserveIdsList = plan.reserves.map((i) => ids[i]!);
  await sql`
    INSERT INTO cadre_training (county_code, cadre_id, title, held_on, hours)
    SELECT ${county}, c.id, t.title, make_date(${year - 1}, t.month, 10 + (c.id % 15)::int), t.hours
    FROM unnest(${reserveIdsList}::bigint[]) WITH ORDINALITY AS c(id, n)
    CROSS JOIN (VALUES ('“三向培养”后备干部集中培训', 4, 16.0), ('镇街后备干部岗位实训', 9, 8.0)) AS t(title, month, hours)
    WHERE t.month = 4 OR c.n % 2 = 0`.execute(tx);
  await bulkInsert(
    tx,
    'first_secretary',
    [
      { name: 'county_code', type: 'text' },
      { name: 'cadre_id', type: 'bigint' },
      { name: 'village_code', type: 'text' },
      { name: 'village_path', type: 'text', expr: '$::ltree' },
      { name: 'sending_unit', type: 'text' },
      { name: 'unit_kind', type: 'text' },
      { name: 'started_on', type: 'date' },
      { name: 'ended_on', type: 'date' },
    ],
    plan.postings.map((p) => [
      county,
      ids[p.cadre],
      p.village,
      pathOf(p.village),
      p.unit,
      p.kind,
      `${year - p.years}-06-01`,
      p.ended ? `${year - 1}-05-31` : null,
    ]),
  );
  await bulkInsert(
    tx,
    'cadre_mentor',
    [
      { name: 'county_code', type: 'text' },
      { name: 'mentor_id', type: 'bigint' },
      { name: 'mentee_id', type: 'bigint' },
      { name: 'started_on', type: 'date' },
    ],
    plan.pairs.map((p) => [county, ids[p.mentor], ids[p.mentee], `${year - 1}-03-01`]),
  );
}
