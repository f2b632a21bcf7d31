import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '../modules/accounts/http.js';
import { formatLsn, parseLsn, type Lsn, type ReadTarget } from '../platform/replica/decide.js';
import type { ReadDb, ReadRouter } from '../platform/replica/router.js';

/** The cookie that carries "this session wrote up to WAL position X" (signed, tied to the session). */
export const READ_AFTER_COOKIE = 'wangge_read_after';
/** The header that says where a request's read-only work ran (for tests and operators). */
export const READ_HEADER = 'x-wangge-read';
/** Long enough for any sane replica to catch up; after it the replica has long passed the position. */
const COOKIE_SECONDS = 600;
/** Sessions remembered in this process for callers without cookies (bearer tokens). */
const RECENT_MAX = 10_000;

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes for the read router (issue 16). After a signed-in caller's state change succeeds
 * (any method but GET/HEAD/OPTIONS answered below 400) the primary's WAL position is remembered for
 * its session — in a signed cookie (every instance behind the balancer can read it) and in this
 * process (for bearer-token callers) — and `readDb(req)` sends that session's reads to the replica
 * only once the replica has replayed that far. Each route that used `readDb` answers `x-wangge-read`.
 */
export class ReadRouting {
  private readonly used = new WeakMap<FastifyRequest, ReadTarget>();
  private readonly recent = new Map<number, Lsn>();

  constructor(
    readonly router: ReadRouter,
    private readonly key: Buffer,
  ) {}

  readonly readDb: ReadDb = async (req) => {
    const choice = await this.router.choose(this.ownWrite(req));
    this.used.set(req, choice.target);
    return choice.db;
  };

  /** The hook that names the read target and remembers a successful write's WAL position. */
  install(app: FastifyInstance): void {
    app.addHook('onSend', async (req, reply, payload) => {
      const used = this.used.get(req);
      if (used) reply.header(READ_HEADER, used);
      if (this.router.enabled && !SAFE.has(req.method) && reply.statusCode < 400 && req.actor)
        await this.rememberWrite(req, reply, req.actor.sessionId);
      return payload;
    });
  }

  /** The WAL position the caller's session last wrote up to, if known (a bad cookie is ignored). */
  ownWrite(req: FastifyRequest): Lsn | undefined {
    const session = req.actor?.sessionId;
    if (session === undefined) return undefined;
    const inMemory = this.recent.get(session);
    const fromCookie = this.verify(req.cookies[READ_AFTER_COOKIE], session);
    if (inMemory === undefined) return fromCookie;
    return fromCookie === undefined || inMemory > fromCookie ? inMemory : fromCookie;
  }

  private async rememberWrite(req: FastifyRequest, reply: FastifyReply, session: number) {
    let lsn: Lsn;
    try {
      lsn = await this.router.primaryLsn();
    } catch (err) {
      req.log.warn({ err }, 'WAL position after a write unknown: reads stay on the replica rules');
      return;
    }
    this.recent.delete(session); // re-insert: the Map's order is the eviction order
    this.recent.set(session, lsn);
    if (this.recent.size > RECENT_MAX) this.recent.delete(this.recent.keys().next().value!);
    reply.setCookie(READ_AFTER_COOKIE, this.sign(lsn, session), {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: req.protocol === 'https',
      maxAge: COOKIE_SECONDS,
    });
  }

  /** `<lsn>.<session>.<mac>`: the MAC (HMAC-SHA256 with the server's key) covers both. */
  sign(lsn: Lsn, session: number): string {
    const body = `${formatLsn(lsn)}.${session}`;
    return `${body}.${this.mac(body)}`;
  }

  /** The position in a cookie this server signed for this very session; undefined otherwise. */
  verify(cookie: string | undefined, session: number): Lsn | undefined {
    if (!cookie || cookie.length > 80) return undefined;
    const parts = cookie.split('.');
    if (parts.length !== 3 || parts[1] !== String(session)) return undefined;
    const expected = Buffer.from(this.mac(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return parseLsn(parts[0]);
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 22);
  }
}
