import { definePolicy, type Role } from '../accounts/index.js';

export const CAMPAIGN_ABILITIES = {
  /** see campaigns over one's scope, their progress and misses */
  'campaigns.read': ['grid_worker', 'village_staff', 'township_centre', 'county_centre', 'admin'],
  /** export a campaign's filtered target list (names, masked addresses) to Excel, audited: the centres that keep the archive */
  'campaigns.export': ['village_staff', 'township_centre', 'county_centre'],
  /** 上级号召: a county or township launches (and closes) a campaign over its subtree */
  'campaigns.launch': ['township_centre', 'county_centre'],
  /** 全市响应: a city centre launches, follows (counts by county, no personal data) and closes campaigns over its counties */
  'campaigns.city': ['city_centre'],
  /** work the targets of one's grid: done, not applicable, moved within the county */
  'campaigns.work': ['grid_worker', 'village_staff'],
} as const satisfies Record<string, readonly Role[]>;

export const { can, authorize } = definePolicy(CAMPAIGN_ABILITIES);
