import type { Actor } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';

/** Whose stations a caller sees: their county, stations belonging to regions inside `path`. */
export type StationScope = { countyCode: string; path: string };

/**
 * The caller as far as stations go: a grid worker's stations are those of their village (a station
 * serves a village or community, not one grid), everyone else keeps their own scope.
 */
export function stationViewer(actor: Actor): Actor {
  if (actor.scopeCode.length <= 12) return actor;
  const village = actor.scopeCode.slice(0, 12);
  return { ...actor, scopePath: pathOf(village), scopeCode: village };
}

export const scopeOf = (actor: Actor, path?: string): StationScope => ({
  countyCode: actor.countyCode,
  path: path ?? stationViewer(actor).scopePath,
});
