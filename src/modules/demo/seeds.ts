import type { Tx } from '../../platform/db/database.js';
import { seedVisitConfig, seedVisitDemo } from '../visits/index.js';
import { seedPointsConfig, seedPointsDemo } from '../points/index.js';
import { seedWishConfig, seedWishDemo } from '../wishes/index.js';
import { seedErrandConfig, seedErrandDemo, seedRelayDemo } from '../errands/index.js';
import { seedInServiceDemo } from '../inservice/index.js';
import { seedDisclosureConfig, seedDisclosureDemo } from '../disclosures/index.js';
import { seedCadreConfig, seedCadreDemo } from '../cadres/index.js';
import { seedEnterpriseConfig, seedEnterpriseDemo } from '../enterprises/index.js';
import { seedPetitionConfig, seedPetitionDemo } from '../petitions/index.js';
import { seedTeamConfig, seedTeamDemo } from '../teams/index.js';
import { seedDisputeConfig, seedDisputeDemo } from '../disputes/index.js';
import { seedCampaignConfig, seedCampaignDemo } from '../campaigns/index.js';
import { seedEmergencyConfig, seedEmergencyDemo } from '../emergency/index.js';
import { seedCallConfig, seedCallDemo } from '../calls/index.js';
import { seedMeetingConfig, seedMeetingDemo } from '../meetings/index.js';
import { seedOrgLifeConfig, seedOrgLifeDemo } from '../orglife/index.js';
import { seedPeopleConfig, seedPeopleDemo } from '../people/index.js';
import { seedMapConfig, seedMapDemo } from '../maps/index.js';
import { seedWhistleConfig, seedWhistleDemo } from '../whistles/index.js';
import { seedStationConfig, seedStationDemo } from '../stations/index.js';
import { seedCaseDemo, seedCountyCaseConfig } from '../cases/index.js';

/** A demo seed with no county settings of its own. */
const noConfig = async (_tx: Tx, _countyCode: string): Promise<void> => {};

/** Each module's default configuration of a county, then its demo data (after people and accounts), in this order. */
export const MODULE_SEEDS = [
  [seedPeopleConfig, seedPeopleDemo],
  // after people (its grid units): the units get their points before any case is reported
  [seedMapConfig, seedMapDemo],
  [seedVisitConfig, seedVisitDemo],
  // a year of case history before the other modules' demo cases; each case linked at intake to the
  // unit of its grid nearest its point (placing the units after the cases rewrote 100,000 cases)
  [seedCountyCaseConfig, seedCaseDemo],
  [seedWishConfig, seedWishDemo],
  [seedErrandConfig, seedErrandDemo],
  [seedDisclosureConfig, seedDisclosureDemo],
  [seedCadreConfig, seedCadreDemo],
  // after cadres: its helpers are cadres too
  [seedEnterpriseConfig, seedEnterpriseDemo],
  [seedPetitionConfig, seedPetitionDemo],
  [seedTeamConfig, seedTeamDemo],
  [seedDisputeConfig, seedDisputeDemo],
  [seedCampaignConfig, seedCampaignDemo],
  [seedEmergencyConfig, seedEmergencyDemo],
  // after enterprises (their needs) and departments
  [seedWhistleConfig, seedWhistleDemo],
  [seedCallConfig, seedCallDemo],
  // after disclosures and party: its major matter publishes into 三务公开
  [seedMeetingConfig, seedMeetingDemo],
  // after maps: the stations stand at the points of the groups and buildings
  [seedStationConfig, seedStationDemo],
  // after meetings: its demo villager joins the party after the demo village's members are enrolled
  [seedOrgLifeConfig, seedOrgLifeDemo],
  // last: its opening ledger of the part-time worker follows the awards the others made
  [seedPointsConfig, seedPointsDemo],
  // after points (nothing of theirs earns points): its accounts come after every other seed's picks
  [noConfig, seedInServiceDemo],
  [noConfig, seedRelayDemo],
] as const;

export const POPULATION_TABLES = [
  'household',
  'resident',
  'grid_worker',
  'party_member',
  'party_member_household',
];

/**
 * The seeds that only build on the population (its archive history and grid units, their points,
 * the visit rhythm): they run while the population's plain indexes are still dropped, so the
 * archive's and the visits' updates of 300,000 residents and 100,000 households write no GiST,
 * GIN or B-tree entries; the indexes are built once after them.
 */
export const ON_POPULATION: ReadonlySet<unknown> = new Set([seedPeopleDemo, seedMapDemo, seedVisitDemo]);

/**
 * A county's settings from the national defaults: departments named after the county,
 * escalation rules, visit policy, points rules, service items. Adds only what is missing,
 * never overwriting what the county changed (`wangge county setup` runs it for a new county).
 */
export async function seedCountySettings(tx: Tx, countyCode: string): Promise<void> {
  for (const [config] of MODULE_SEEDS) await config(tx, countyCode);
}
