import { AppError } from '../../platform/errors.js';
import { type Actor, type Role } from './roles.js';

/** Named abilities → the roles that hold them (deny by default: a role not listed lacks it). */
export type AbilityTable = Record<string, readonly Role[]>;

/**
 * A module's policy over its own ability table (`<module>/abilities.ts`):
 * `can`/`authorize` accept only the names in that table, so a typo or another
 * module's ability fails to compile. Scope is checked separately: an ability
 * applies only inside the caller's subtree. server/abilities.ts composes every
 * module's table for the caller's full list (`GET /me`).
 */
export function definePolicy<const T extends AbilityTable>(table: T) {
  type Ability = keyof T & string;
  const can = (actor: Actor, ability: Ability): boolean =>
    (table[ability] as readonly Role[] | undefined)?.includes(actor.role) ?? false;
  return {
    table,
    can,
    authorize(actor: Actor, ability: Ability): void {
      if (!can(actor, ability)) throw new AppError('FORBIDDEN');
    },
    abilitiesOf(actor: Actor): Ability[] {
      return (Object.keys(table) as Ability[]).filter((a) => can(actor, a));
    },
  };
}

/** A region code: the digits of one level (province 2, city 4, county 6, township 9, village 12, grid 15). */
const REGION_CODE = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15})$/;

/** True when `path` lies in the actor's subtree (ltree prefix semantics). */
export function inScope(actor: Pick<Actor, 'scopePath'>, path: string): boolean {
  return path === actor.scopePath || path.startsWith(`${actor.scopePath}.`);
}

/**
 * The subtree a listing covers: the region `code` when it lies inside the
 * actor's scope (or is the scope itself), the actor's whole scope when `code` is
 * absent. Any other region — beside the scope or above it — is outside the caller's
 * view: 404, never a quiet fallback to the caller's own data. So is a code that
 * names no region at all (digits of no level's length: `pathOf` would refuse it).
 */
export function narrowScope(
  actor: Actor,
  code: string | undefined,
  pathOf: (code: string) => string,
): string {
  if (!code) return actor.scopePath;
  if (!REGION_CODE.test(code)) throw new AppError('NOT_FOUND');
  const path = pathOf(code);
  if (inScope(actor, path)) return path;
  throw new AppError('NOT_FOUND');
}
