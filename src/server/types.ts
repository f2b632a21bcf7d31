import '../modules/accounts/http.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes are authenticated unless they declare `public: true`. */
    public?: boolean;
    /** On a public route: recognise a signed-in caller (req.actor) without requiring one. */
    session?: 'optional';
  }
}

export {};
