/** The public entry of the grids module: other modules import only this file (ADR 0005). */
export { GRID_ABILITIES } from './abilities.js';
export { type GridLocator } from './locator.js';
export {
  COUNTY_BBOXES,
  hashSeed,
  largestRemainder,
  mulberry32,
  shortVillageName,
  TIELING_COUNTY_CODE,
  TIELING_GRID_TARGET,
} from './tiling.js';
export {
  type DivisionRow,
  loadDivisions,
  tileCountyFromDivisions,
  tileCountyInShape,
} from './tiling-divisions.js';
export { countyOutline } from './tiling-outlines.js';
