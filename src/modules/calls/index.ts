/** The public entry of the calls module (the video link, issue 13): other modules import only this file (ADR 0005). */
export { CALL_ABILITIES } from './abilities.js';
export { CALL_ERRORS } from './errors.js';
export { callRoutes } from './routes.js';
export { callLiveFeed } from './live.js';
export { sweepCalls } from './sweep.js';
export { iceConfigFromEnv, type IceConfig } from './ice.js';
export { seedCallConfig, seedCallDemo } from './seed.js';
