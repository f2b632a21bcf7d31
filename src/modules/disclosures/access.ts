import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { can } from './abilities.js';
import { pathOf } from '../regions/index.js';
import type { Status, View } from './repository.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** Labels of a village's path: province.city.county.township.village. */
const VILLAGE_DEPTH = 5;

/** Residents and grid workers are villagers: they read their own village's notices and may ask about them. */
export const isVillager = (actor: Actor) => actor.role === 'resident' || actor.role === 'grid_worker';

/** The village a villager belongs to: the ancestor of their grid at village depth. */
export function villagePathOf(actor: Actor): string {
  const labels = actor.scopePath.split('.');
  return labels.length > VILLAGE_DEPTH ? labels.slice(0, VILLAGE_DEPTH).join('.') : actor.scopePath;
}

/**
 * Who sees what: villagers their village's published disclosures; the village's
 * own staff every status (drafts are their work); monitors above the village
 * published and withdrawn ones (withdrawn stay on record), never drafts.
 */
export function viewOf(actor: Actor, within?: string): View {
  const base = isVillager(actor) ? villagePathOf(actor) : actor.scopePath;
  const statuses: Status[] = isVillager(actor)
    ? ['published']
    : can(actor, 'disclosures.publish')
      ? ['draft', 'published', 'withdrawn']
      : ['published', 'withdrawn'];
  return { countyCode: actor.countyCode, path: narrow(base, within), statuses, accountId: actor.accountId };
}

/** `within` inside the base path narrows it; above or beside it is outside the caller's view (404). */
function narrow(base: string, within: string | undefined): string {
  if (!within) return base;
  const path = pathOf(within);
  const probe = { scopePath: base } as Actor;
  if (inScope(probe, path)) return path;
  throw new AppError('NOT_FOUND');
}

/** The village a staff account publishes for: its scope must be one village. */
export function publishingVillage(actor: Actor): { code: string; path: string } {
  if (!can(actor, 'disclosures.publish') || actor.scopePath.split('.').length !== VILLAGE_DEPTH)
    throw new AppError('DISCLOSURE_NOT_VILLAGE_STAFF');
  return { code: actor.scopeCode, path: actor.scopePath };
}
