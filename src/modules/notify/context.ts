import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import type { EventHub } from '../../platform/events.js';

/** What this module's routes and use cases need from the server (passed in by server/app.ts). */
export type NotifyDeps = {
  db: Db;
  events: EventHub;
  now: () => Date;
  /** the subtree (ltree path) whose case events also reach this caller's stream; null for none */
  areaOf?: (actor: Actor) => string | null;
};
