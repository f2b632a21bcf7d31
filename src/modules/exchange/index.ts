/** The public entry of the exchange module: other modules import only this file (ADR 0005). */
export { EXCHANGE_ABILITIES } from './abilities.js';
export { EXCHANGE_ERRORS } from './errors.js';
export { exchangeAdminRoutes } from './admin-routes.js';
export { exchangeSystemRoutes } from './system-routes.js';
export { openDataRoutes } from './open-data-routes.js';
export { deliverWebhooks, httpPost, MAX_DELIVERY_ATTEMPTS, type Post } from './deliver.js';
export { emitProgress, PROGRESS_EVERY_SECONDS } from './progress.js';
export { sign, verifySignature, SIGNATURE_HEADER } from './signature.js';
export { type ExchangeDeps } from './context.js';
export { OPERATIONS, EVENTS, type Operation, type ExchangeEvent } from './operations.js';
