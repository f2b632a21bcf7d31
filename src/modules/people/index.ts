/** The public entry of the people module: other modules import only this file (ADR 0005). */
export { PEOPLE_ABILITIES } from './abilities.js';
export { CARE_TAGS, CARE_TAG_NAMES } from './schemas.js';
export { seedPeopleConfig, seedPeopleDemo } from './seed.js';
export { moveHouseholdIn } from './households.js';
export { MoveHouseholdBody } from './archive-schemas.js';
export { electorsAmong, villageElectorate } from './electorate.js';
export {
  importHouseholdRecords,
  type HouseholdRecord,
  type Importer,
  type RowError,
} from './excel-import.js';
