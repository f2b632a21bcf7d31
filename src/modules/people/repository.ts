import type { DbOrTx } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { RESIDENT_COLUMNS, type Scope } from './list-repository.js';

export {
  listHouseholds,
  listResidents,
  type HouseholdFilter,
  type ResidentFilter,
  type Scope,
} from './list-repository.js';

export async function findHousehold(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('household as h')
    .innerJoin('region as g', 'g.code', 'h.grid_code')
    .select([
      'h.id',
      'h.grid_code',
      'g.name as grid_name',
      'h.address',
      'h.member_count',
      'h.care_tags',
      'h.last_visit_at',
      'h.unit_id',
      'h.version',
      'h.created_at',
    ])
    .where('h.county_code', '=', scope.countyCode)
    .where('h.id', '=', id)
    .where(inSubtree('h.grid_path', scope.path))
    .executeTakeFirst();
}

export async function findResident(db: DbOrTx, scope: Scope, id: number) {
  return db
    .selectFrom('resident as r')
    .select(RESIDENT_COLUMNS)
    .select(['r.id_number_enc', 'r.phone_enc'])
    .where('r.county_code', '=', scope.countyCode)
    .where('r.id', '=', id)
    .where(inSubtree('r.grid_path', scope.path))
    .executeTakeFirst();
}
