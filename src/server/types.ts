import '../modules/accounts/http.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Routes are authenticated unless they declare `public: true`. */
    public?: boolean;
  }
}

export {};
