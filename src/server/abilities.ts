/**
 * The full role table: every module's abilities (each module authorises against
 * its own table in <module>/abilities.ts). Used where all abilities are needed:
 * the caller's list in `GET /me`, which the web apps read to show only what the
 * caller may do.
 */
import { ACCOUNT_ABILITIES } from '../modules/accounts/abilities.js';
import { definePolicy } from '../modules/accounts/policy.js';
import { AUDIT_ABILITIES } from '../modules/audit/abilities.js';
import { CADRE_ABILITIES } from '../modules/cadres/abilities.js';
import { CASE_ABILITIES } from '../modules/cases/abilities.js';
import { DEPARTMENT_ABILITIES } from '../modules/departments/abilities.js';
import { DISCLOSURE_ABILITIES } from '../modules/disclosures/abilities.js';
import { ENTERPRISE_ABILITIES } from '../modules/enterprises/abilities.js';
import { EXCHANGE_ABILITIES } from '../modules/exchange/abilities.js';
import { DISPUTE_ABILITIES } from '../modules/disputes/abilities.js';
import { ERRAND_ABILITIES } from '../modules/errands/abilities.js';
import { GRID_ABILITIES } from '../modules/grids/abilities.js';
import { INDICATOR_ABILITIES } from '../modules/indicators/abilities.js';
import { PARTY_ABILITIES } from '../modules/party/abilities.js';
import { PEOPLE_ABILITIES } from '../modules/people/abilities.js';
import { POINTS_ABILITIES } from '../modules/points/abilities.js';
import { REGION_ABILITIES } from '../modules/regions/abilities.js';
import { VISIT_ABILITIES } from '../modules/visits/abilities.js';
import { WISH_ABILITIES } from '../modules/wishes/abilities.js';
import { PETITION_ABILITIES } from '../modules/petitions/abilities.js';
import { TEAM_ABILITIES } from '../modules/teams/abilities.js';
import { STATION_ABILITIES } from '../modules/stations/abilities.js';
import { CAMPAIGN_ABILITIES } from '../modules/campaigns/abilities.js';
import { EMERGENCY_ABILITIES } from '../modules/emergency/abilities.js';
import { CALL_ABILITIES } from '../modules/calls/abilities.js';
import { MEETING_ABILITIES } from '../modules/meetings/abilities.js';
import { MAP_ABILITIES } from '../modules/maps/abilities.js';
import { REPORT_ABILITIES } from '../modules/reports/abilities.js';
import { WHISTLE_ABILITIES } from '../modules/whistles/abilities.js';
import { IN_SERVICE_ABILITIES } from '../modules/inservice/abilities.js';
import { ORGLIFE_ABILITIES } from '../modules/orglife/abilities.js';

export const ROLE_TABLE = {
  ...REGION_ABILITIES,
  ...GRID_ABILITIES,
  ...PEOPLE_ABILITIES,
  ...ACCOUNT_ABILITIES,
  ...CASE_ABILITIES,
  ...AUDIT_ABILITIES,
  ...VISIT_ABILITIES,
  ...POINTS_ABILITIES,
  ...WISH_ABILITIES,
  ...ERRAND_ABILITIES,
  ...PETITION_ABILITIES,
  ...TEAM_ABILITIES,
  ...STATION_ABILITIES,
  ...REPORT_ABILITIES,
  ...DISCLOSURE_ABILITIES,
  ...PARTY_ABILITIES,
  ...DEPARTMENT_ABILITIES,
  ...INDICATOR_ABILITIES,
  ...CADRE_ABILITIES,
  ...ENTERPRISE_ABILITIES,
  ...EXCHANGE_ABILITIES,
  ...DISPUTE_ABILITIES,
  ...CAMPAIGN_ABILITIES,
  ...EMERGENCY_ABILITIES,
  ...CALL_ABILITIES,
  ...MEETING_ABILITIES,
  ...MAP_ABILITIES,
  ...WHISTLE_ABILITIES,
  ...IN_SERVICE_ABILITIES,
  ...ORGLIFE_ABILITIES,
};

export type Ability = keyof typeof ROLE_TABLE;

export const { abilitiesOf } = definePolicy(ROLE_TABLE);
