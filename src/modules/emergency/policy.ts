import { inScope, type Actor } from '../accounts/index.js';
import { can } from './abilities.js';

/** Who may close: the declarer's side — a county or township centre whose scope holds the event's region. */
export const mayClose = (actor: Actor, e: { region_path: string }) =>
  can(actor, 'emergency.declare') && inScope(actor, e.region_path);
