/**
 * The whole error catalogue: the core codes and every module's. The `satisfies`
 * clause makes the type checker fail when a module's errors.ts widens
 * `ErrorCatalogue` but its table is not listed here (ADR 0005).
 */
import { ACCOUNT_ERRORS } from '../modules/accounts/errors.js';
import { CADRE_ERRORS } from '../modules/cadres/errors.js';
import { CASE_ERRORS } from '../modules/cases/errors.js';
import { DEPARTMENT_ERRORS } from '../modules/departments/errors.js';
import { DISCLOSURE_ERRORS } from '../modules/disclosures/errors.js';
import { ENTERPRISE_ERRORS } from '../modules/enterprises/errors.js';
import { DISPUTE_ERRORS } from '../modules/disputes/errors.js';
import { ERRAND_ERRORS } from '../modules/errands/errors.js';
import { INDICATOR_ERRORS } from '../modules/indicators/errors.js';
import { PARTY_ERRORS } from '../modules/party/errors.js';
import { PEOPLE_ERRORS } from '../modules/people/errors.js';
import { POINTS_ERRORS } from '../modules/points/errors.js';
import { VISIT_ERRORS } from '../modules/visits/errors.js';
import { WISH_ERRORS } from '../modules/wishes/errors.js';
import { PETITION_ERRORS } from '../modules/petitions/errors.js';
import { TEAM_ERRORS } from '../modules/teams/errors.js';
import { STATION_ERRORS } from '../modules/stations/errors.js';
import { CAMPAIGN_ERRORS } from '../modules/campaigns/errors.js';
import { EMERGENCY_ERRORS } from '../modules/emergency/errors.js';
import { CALL_ERRORS } from '../modules/calls/errors.js';
import { MEETING_ERRORS } from '../modules/meetings/errors.js';
import { MAP_ERRORS } from '../modules/maps/errors.js';
import { REPORT_ERRORS } from '../modules/reports/errors.js';
import { WHISTLE_ERRORS } from '../modules/whistles/errors.js';
import { IN_SERVICE_ERRORS } from '../modules/inservice/errors.js';
import { ORGLIFE_ERRORS } from '../modules/orglife/errors.js';
import { EXCHANGE_ERRORS } from '../modules/exchange/errors.js';
import { CORE_ERRORS, type ErrorCode, type ErrorEntry } from '../platform/errors.js';

export const ERROR_CATALOGUE = {
  ...CORE_ERRORS,
  ...ACCOUNT_ERRORS,
  ...CASE_ERRORS,
  ...VISIT_ERRORS,
  ...POINTS_ERRORS,
  ...WISH_ERRORS,
  ...ERRAND_ERRORS,
  ...PETITION_ERRORS,
  ...TEAM_ERRORS,
  ...STATION_ERRORS,
  ...REPORT_ERRORS,
  ...DISCLOSURE_ERRORS,
  ...PARTY_ERRORS,
  ...PEOPLE_ERRORS,
  ...DEPARTMENT_ERRORS,
  ...INDICATOR_ERRORS,
  ...CADRE_ERRORS,
  ...ENTERPRISE_ERRORS,
  ...DISPUTE_ERRORS,
  ...CAMPAIGN_ERRORS,
  ...EMERGENCY_ERRORS,
  ...CALL_ERRORS,
  ...MEETING_ERRORS,
  ...MAP_ERRORS,
  ...WHISTLE_ERRORS,
  ...IN_SERVICE_ERRORS,
  ...ORGLIFE_ERRORS,
  ...EXCHANGE_ERRORS,
} satisfies Record<ErrorCode, ErrorEntry>;
