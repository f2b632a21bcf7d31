/** The public entry of the regions module: other modules import only this file (ADR 0005). */
export { authorize as authorizeRegions, REGION_ABILITIES } from './abilities.js';
export { CODE_LENGTHS, countyCodeOf, parentCodeOf, pathOf } from './paths.js';
export { RegionCode } from './schemas.js';
