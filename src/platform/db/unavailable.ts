/**
 * Whether an error means the database cannot be reached right now — a failover, a restart, a
 * pooler with no server — rather than a fault of the request or of the code. Such errors answer
 * 503 DATABASE_UNAVAILABLE (the client may retry; nothing was acknowledged), never 500.
 *
 * - socket errors of the driver (refused, reset, timed out, host unreachable, name not resolved);
 * - the driver's own messages when a connection ends under it or a checkout times out;
 * - SQLSTATE class 08 (connection exception; PgBouncer answers 08P01 when it has no server),
 *   57P01–57P03 (the server shutting down, crashed or starting) and 25006 (a read-only
 *   transaction: the connection reached a standby, or a primary demoted during a switchover).
 */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '25006']);
const DRIVER_MESSAGES =
  /^(Connection terminated( unexpectedly)?|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)$/;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    if (SOCKET_CODES.has(e.code) || SQLSTATES.has(e.code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(e.code)) return true;
  }
  if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
  // Node's connect to several addresses fails with an AggregateError of each attempt's error
  if (Array.isArray(e.errors) && e.errors.length > 0)
    return e.errors.every((x) => isDatabaseUnavailable(x, depth + 1));
  return e.cause !== undefined && isDatabaseUnavailable(e.cause, depth + 1);
}
