import type { Actor } from '../accounts/index.js';
import { narrowScope } from '../accounts/index.js';
import { pathOf } from '../regions/index.js';

/** Every query here is scoped: the caller's county (the distribution key) and subtree. */
export type Scope = { countyCode: string; path: string };

/** The caller's scope, or a region inside it (`within`; 404 outside). */
export const scopeOf = (actor: Actor, within?: string): Scope => ({
  countyCode: actor.countyCode,
  path: narrowScope(actor, within, pathOf),
});
