/** The public entry of the maps module (issue 11 "Maps"): other modules import only this file (ADR 0005). */
export { MAP_ABILITIES, can as canMap } from './abilities.js';
export { MAP_ERRORS } from './errors.js';
export { caseLiveFeed } from './live-feed.js';
export { liveAreaOf } from './live-area.js';
export { seedMapConfig, seedMapDemo } from './seed.js';
