import { earnsPoints } from '../points/index.js';
import type { AccountDeps } from './context.js';
import type { Actor } from './roles.js';

/**
 * The abilities of the caller's role that this person can actually use, as GET /me tells the
 * apps (which show a tile or a menu only for these): a full-time grid worker is paid and earns
 * no points (J4), so 'points.redeem' is left out for them. Routes still check the role's
 * abilities and the rule itself (POINTS_NOT_PART_TIME).
 */
export async function usableAbilities(ctx: AccountDeps, actor: Actor): Promise<string[]> {
  const all = ctx.abilitiesOf(actor);
  if (actor.role !== 'grid_worker' || !all.includes('points.redeem')) return all;
  return (await earnsPoints(ctx.db, actor.countyCode, actor.accountId))
    ? all
    : all.filter((a) => a !== 'points.redeem');
}
