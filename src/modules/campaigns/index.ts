/** The public entry of the campaigns module: other modules import only this file (ADR 0005). */
export { CAMPAIGN_ABILITIES } from './abilities.js';
export { CAMPAIGN_ERRORS } from './errors.js';
export { seedCampaignConfig, seedCampaignDemo } from './seed.js';
export { warnCampaignEnds } from './notices.js';
