import type { Actor } from '../modules/accounts/roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route; null only on public ones. */
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    /** Routes are authenticated unless they declare `public: true`. */
    public?: boolean;
    /** On a public route: recognise a signed-in caller (req.actor) without requiring one. */
    session?: 'optional';
  }
}

export {};
