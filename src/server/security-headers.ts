import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The Content Security Policy the two apps and the API browser (/docs) run under.
 * - scripts only from our own origin (Vite emits no inline script; swagger-ui loads files);
 * - styles also inline: Ant Design and antd-mobile inject <style> elements at run time,
 *   Leaflet and swagger-ui set style attributes;
 * - images from our origin, data: (favicon, swagger-ui icons), blob: (photo previews
 *   before upload) and any web server (a user may set a base-map tile server, and
 *   Tianditu or a county LAN server may be plain http);
 * - nothing may frame us (clickjacking), no plugins, forms post only to us;
 * - no upgrade-insecure-requests: a county LAN may serve plain HTTP on an address.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  mediaSrc: ["'self'", 'blob:'],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  frameguard: { action: 'deny' },
  noSniff: true,
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

/**
 * The headers helmet sets with these options, worked out once: they depend on nothing in the
 * request (no CSP nonces), and @fastify/helmet would rebuild helmet's middleware and re-parse
 * the CSP on every request (about 4% of the server's time per report, bench/profile-intake.ts).
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let done = false;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/**
 * Security headers on every answer (helmet's, computed once): CSP, X-Frame-Options: DENY,
 * nosniff, a referrer policy that sends only the origin to other sites (tile servers
 * ask for one), HSTS without includeSubDomains (other county sites share the domain;
 * browsers ignore it over plain HTTP). Open311 media are for other sites' clients.
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  const headers = securityHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onSend', async (req, reply) => {
    // a published photo's public copy (Open311's media_url) may be shown by other sites; every
    // other answer stays same-origin
    if (
      req.url.startsWith('/api/v1/photos/') &&
      String(reply.getHeader('cache-control')).startsWith('public')
    )
      reply.header('cross-origin-resource-policy', 'cross-origin');
  });
}
