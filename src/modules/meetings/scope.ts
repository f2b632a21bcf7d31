import { AppError } from '../../platform/errors.js';
import type { DbOrTx } from '../../platform/db/database.js';
import { inScope, narrowScope, type Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';
import type { Scope } from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** Labels of a village's path: province.city.county.township.village. */
const VILLAGE_DEPTH = 5;

/**
 * The subtree a read covers: the caller's scope — for a grid worker, their whole village (its
 * meetings and major matters concern every grid of it) — or a region inside it (`within`; 404 outside).
 */
export function scopeOf(actor: Actor, within?: string): Scope {
  const labels = actor.scopePath.split('.');
  const base =
    actor.role === 'grid_worker' && labels.length > VILLAGE_DEPTH
      ? { ...actor, scopePath: labels.slice(0, VILLAGE_DEPTH).join('.') }
      : actor;
  return { countyCode: actor.countyCode, path: narrowScope(base, within, pathOf) };
}

/** A local (UTC+8) calendar day. */
export const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The village the caller's scope is exactly (village staff), else null. */
export function ownVillage(actor: Actor): { code: string; path: string } | null {
  return actor.scopePath.split('.').length === VILLAGE_DEPTH
    ? { code: actor.scopeCode, path: actor.scopePath }
    : null;
}

/** The village or grid a meeting is held for: an existing one inside the caller's scope, else 400. */
export async function placeOf(db: DbOrTx, actor: Actor, code: string | undefined) {
  const c = code ?? actor.scopeCode;
  const invalid = new AppError('MEETING_REGION_INVALID');
  if (!/^(\d{12}|\d{15})$/.test(c)) throw invalid;
  const path = pathOf(c);
  if (!inScope(actor, path)) throw invalid;
  const r = await db
    .selectFrom('region')
    .select(['code', 'path'])
    .where('code', '=', c)
    .where('county_code', '=', actor.countyCode)
    .executeTakeFirst();
  if (!r) throw invalid;
  return { code: r.code, path: r.path };
}
