import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../modules/accounts/http.js';
import { SessionCache, type InvalidationSource } from '../modules/accounts/session-cache.js';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';
import { roleReaches } from './city-reach.js';
import { isCrossSiteStateChange } from './same-origin.js';

function tokenOf(req: FastifyRequest): { token: string; byCookie: boolean } | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) {
    const token = h.slice(7).trim();
    return token ? { token, byCookie: false } : undefined;
  }
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie ? { token: cookie, byCookie: true } : undefined;
}

/**
 * Deny by default: every route needs a live session unless its config says
 * `public: true`. Runs before validation, so an anonymous caller learns nothing
 * about a route's input rules. A state change carried by the session cookie from
 * another site is refused (403 CROSS_ORIGIN_REFUSED); bearer tokens are not sent by
 * browsers on their own, so they are unaffected. Sessions are read through a per-instance
 * cache that forgets ended sessions and changed accounts at once (accounts/session-cache.ts).
 */
export function installAuth(app: FastifyInstance, db: Db, events: InvalidationSource): void {
  const sessions = new SessionCache(db, events);
  app.addHook('onClose', async () => sessions.close());
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const { public: open, session } = req.routeOptions.config;
    if (open === true && session !== 'optional') return;
    if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
    const token = tokenOf(req);
    // the browser attaches the cookie to requests from any site: refuse their state changes
    if (token?.byCookie && isCrossSiteStateChange(req)) throw new AppError('CROSS_ORIGIN_REFUSED');
    const actor = token ? await sessions.actorOf(token.token) : undefined;
    if (!actor && open === true) return; // optional session: the route answers anonymous callers itself
    if (!actor) throw new AppError('UNAUTHENTICATED');
    if (!roleReaches(actor.role, req.method, req.routeOptions.url)) throw new AppError('FORBIDDEN');
    req.actor = actor;
    req.log = req.log.child({ actor: actor.accountId });
  });
}
