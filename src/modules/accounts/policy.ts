import { AppError } from '../../platform/errors.js';
import { DEPARTMENT_ABILITIES } from '../departments/abilities.js';
import { DISCLOSURE_ABILITIES } from '../disclosures/abilities.js';
import { ERRAND_ABILITIES } from '../errands/abilities.js';
import { PARTY_ABILITIES } from '../party/abilities.js';
import { POINTS_ABILITIES } from '../points/abilities.js';
import { VISIT_ABILITIES } from '../visits/abilities.js';
import { WISH_ABILITIES } from '../wishes/abilities.js';
import { ROLES, type Actor, type Role } from './roles.js';

/**
 * Named abilities per role (deny by default: a role not listed lacks the ability).
 * Scope is checked separately: an ability applies only inside the caller's subtree.
 */
export const ABILITIES = {
  'regions.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'department_staff',
    'party_organiser',
    'admin',
  ],
  'grids.locate': ROLES,
  'people.read': [
    'grid_worker',
    'village_staff',
    'township_centre',
    'county_centre',
    'party_organiser',
    'admin',
  ],
  'people.reveal': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  'accounts.manage': ['admin'],
  'cases.configure': ['admin'],
  'audit.read': ['admin'],
  'grids.import': ['admin'],
  ...VISIT_ABILITIES,
  ...POINTS_ABILITIES,
  ...WISH_ABILITIES,
  ...ERRAND_ABILITIES,
  ...DISCLOSURE_ABILITIES,
  ...PARTY_ABILITIES,
  ...DEPARTMENT_ABILITIES,
} as const satisfies Record<string, readonly Role[]>;

export type Ability = keyof typeof ABILITIES;

export function can(actor: Actor, ability: Ability): boolean {
  return (ABILITIES[ability] as readonly Role[]).includes(actor.role);
}

export function authorize(actor: Actor, ability: Ability): void {
  if (!can(actor, ability)) throw new AppError('FORBIDDEN');
}

export function abilitiesOf(actor: Actor): Ability[] {
  return (Object.keys(ABILITIES) as Ability[]).filter((a) => can(actor, a));
}

/** True when `path` lies in the actor's subtree (ltree prefix semantics). */
export function inScope(actor: Actor, path: string): boolean {
  return path === actor.scopePath || path.startsWith(`${actor.scopePath}.`);
}

/**
 * The subtree a listing covers: the region `code` when it lies inside the
 * actor's scope, the actor's whole scope when `code` is absent or above it.
 * A region beside the scope is invisible: 404.
 */
export function narrowScope(
  actor: Actor,
  code: string | undefined,
  pathOf: (code: string) => string,
): string {
  if (!code) return actor.scopePath;
  const path = pathOf(code);
  if (inScope(actor, path)) return path;
  if (actor.scopePath.startsWith(`${path}.`)) return actor.scopePath;
  throw new AppError('NOT_FOUND');
}
