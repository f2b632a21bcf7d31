import type { Actor } from '../accounts/index.js';
import { can } from './abilities.js';

/**
 * The area whose reports and closures reach the caller's event stream (the dashboard's live
 * figures): the caller's scope, for those who read the territory's figures; null for the rest.
 */
export function liveAreaOf(actor: Actor): string | null {
  return can(actor, 'maps.live') ? actor.scopePath : null;
}
