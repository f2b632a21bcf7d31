import type { FastifyRequest } from 'fastify';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * True when a browser tells us the request comes from another site: `Sec-Fetch-Site`
 * other than same-origin/none, or an `Origin` whose host differs from the one the
 * request was sent to (`Host`, or `X-Forwarded-Host` behind a trusted proxy). A
 * request without either header is not from a browser page on another site (browsers
 * send Origin on every cross-origin POST), so it is not refused here.
 */
export function isCrossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  try {
    // URL drops a scheme's default port; so does the comparison on the Host side
    return new URL(origin).host.toLowerCase() !== req.host.toLowerCase().replace(/:(80|443)$/, '');
  } catch {
    return true; // "null" (sandboxed frames, file:) and garbage
  }
}

/** A state change authenticated by the session cookie alone, sent from another site: CSRF. */
export const isCrossSiteStateChange = (req: FastifyRequest): boolean =>
  UNSAFE.has(req.method) && isCrossSite(req);
