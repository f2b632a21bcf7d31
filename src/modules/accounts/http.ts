import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { Actor } from './roles.js';

/** The cookie that carries a browser's session token. */
export const SESSION_COOKIE = 'wangge_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the server's auth hook on every non-public route; null only on public ones. */
    actor: Actor | null;
  }
}

/** The signed-in caller of a non-public route. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED');
  return req.actor;
}
