/** The public entry of the indicators module: other modules import only this file (ADR 0005). */
export { INDICATOR_ABILITIES } from './abilities.js';
export { INDICATOR_ERRORS } from './errors.js';
export {
  compactRollup,
  foldRollup,
  importRollup,
  rebuildMonthRollup,
  rebuildRollup,
  type RollupCopy,
} from './compact.js';
export {
  categoryFigures,
  localDay,
  reportFigures,
  windowOf,
  type Listed,
  type ReportFigures,
} from './report-figures.js';
