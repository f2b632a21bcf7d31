import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../modules/accounts/http.js';
import { authenticate } from '../modules/accounts/service.js';
import type { Db } from '../platform/db/database.js';
import { AppError } from '../platform/errors.js';

function tokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || undefined;
  return req.cookies[SESSION_COOKIE] || undefined;
}

/**
 * Deny by default: every route needs a live session unless its config says
 * `public: true`. Runs before validation, so an anonymous caller learns nothing
 * about a route's input rules.
 */
export function installAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const { public: open, session } = req.routeOptions.config;
    if (open === true && session !== 'optional') return;
    if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
    const token = tokenOf(req);
    const actor = token ? await authenticate(db, token) : undefined;
    if (!actor && open === true) return; // optional session: the route answers anonymous callers itself
    if (!actor) throw new AppError('UNAUTHENTICATED');
    req.actor = actor;
    req.log = req.log.child({ actor: actor.accountId });
  });
}

/** @deprecated moved to the accounts module (ADR 0005); kept one release so parallel branches merge. */
export { actorOf, SESSION_COOKIE } from '../modules/accounts/index.js';
