/**
 * Every module's own indicators (ADR 0007), handed to the indicators module, which adds the
 * case set it computes from the rollup. A module adding indicators lists them here.
 */
import { DISPUTE_INDICATORS } from '../modules/disputes/indicators.js';
import { PETITION_INDICATORS } from '../modules/petitions/indicators.js';
import { CADRE_INDICATORS } from '../modules/cadres/indicators.js';
import { ENTERPRISE_INDICATORS } from '../modules/enterprises/indicators.js';
import { DISCLOSURE_INDICATORS } from '../modules/disclosures/indicators.js';
import { ERRAND_INDICATORS } from '../modules/errands/indicators.js';
import { GRID_INDICATORS } from '../modules/grids/indicators.js';
import { PARTY_INDICATORS } from '../modules/party/indicators.js';
import { POINTS_INDICATORS } from '../modules/points/indicators.js';
import { VISIT_INDICATORS } from '../modules/visits/indicators.js';
import { WISH_INDICATORS } from '../modules/wishes/indicators.js';
import { CAMPAIGN_INDICATORS } from '../modules/campaigns/indicators.js';
import { EMERGENCY_INDICATORS } from '../modules/emergency/indicators.js';
import { WHISTLE_INDICATORS } from '../modules/whistles/indicators.js';
import { MEETING_INDICATORS } from '../modules/meetings/indicators.js';
import { STATION_INDICATORS } from '../modules/stations/indicators.js';
import { ORGLIFE_INDICATORS } from '../modules/orglife/indicators.js';
import type { IndicatorSource } from '../platform/indicators.js';

export const INDICATOR_SOURCES: readonly IndicatorSource[] = [
  ...VISIT_INDICATORS,
  ...WISH_INDICATORS,
  ...ERRAND_INDICATORS,
  ...DISCLOSURE_INDICATORS,
  ...POINTS_INDICATORS,
  ...PARTY_INDICATORS,
  ...GRID_INDICATORS,
  ...DISPUTE_INDICATORS,
  ...PETITION_INDICATORS,
  ...CAMPAIGN_INDICATORS,
  ...EMERGENCY_INDICATORS,
  ...CADRE_INDICATORS,
  ...ENTERPRISE_INDICATORS,
  ...WHISTLE_INDICATORS,
  ...MEETING_INDICATORS,
  ...STATION_INDICATORS,
  ...ORGLIFE_INDICATORS,
];
