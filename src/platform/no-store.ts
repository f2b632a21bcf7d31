import type { FastifyReply } from 'fastify';

/**
 * For answers that carry revealed personal data (a full ID number or phone, an exact-search
 * hit): no browser, proxy or service worker may keep a copy. Set before the answer is sent,
 * so an error answer on the same route carries it too.
 */
export function noStore(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('pragma', 'no-cache');
}
