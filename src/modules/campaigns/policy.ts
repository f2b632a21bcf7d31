import { inScope, type Actor } from '../accounts/index.js';
import { can } from './abilities.js';
import type { CampaignRow } from './repository.js';

/**
 * Who may close: the launcher's side — a county or township centre whose scope holds the campaign's
 * region. A county's part of a city's campaign closes with the city's campaign only (city.ts).
 */
export const mayClose = (actor: Actor, c: Pick<CampaignRow, 'region_path' | 'city_campaign_id'>) =>
  c.city_campaign_id === null && can(actor, 'campaigns.launch') && inScope(actor, c.region_path);

/** The tier of a caller's scope node (its code's length). */
export const tierOf = (a: Actor): string =>
  (({ 6: 'county', 9: 'township', 12: 'village' }) as Record<number, string>)[a.scopeCode.length] ?? 'grid';

/** Progress and misses are followed by the launcher's side and by the supervising tiers (else 403). */
export const mayFollow = (
  a: Actor,
  c: Pick<CampaignRow, 'region_path' | 'supervising' | 'city_campaign_id'>,
) => mayClose(a, c) || c.supervising.includes(tierOf(a));
