import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import type { DB } from '../platform/db/schema.js';
import { parseLsn } from '../platform/replica/decide.js';
import { ReadRouter } from '../platform/replica/router.js';
import { READ_AFTER_COOKIE, ReadRouting } from './read-routing.js';

// a Kysely that is never asked anything: without a replica the router only hands it back
const primary = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });
const routing = (key = Buffer.alloc(32, 7)) =>
  new ReadRouting(new ReadRouter(primary, null, { maxLagMs: 1000 }), key);
const request = (sessionId: number | null, cookie?: string) =>
  ({
    actor: sessionId === null ? null : { sessionId },
    cookies: cookie === undefined ? {} : { [READ_AFTER_COOKIE]: cookie },
  }) as unknown as FastifyRequest;

describe('the read-your-writes cookie', () => {
  const lsn = parseLsn('3/A0')!;

  it('is read back for the session it was signed for', () => {
    const r = routing();
    expect(r.ownWrite(request(42, r.sign(lsn, 42)))).toBe(lsn);
  });

  it('is ignored for another session, with another key, altered or malformed', () => {
    const r = routing();
    const signed = r.sign(lsn, 42);
    expect(r.ownWrite(request(43, signed))).toBeUndefined();
    expect(routing(Buffer.alloc(32, 8)).ownWrite(request(42, signed))).toBeUndefined();
    expect(r.ownWrite(request(42, signed.replace('3/A0', '3/A1')))).toBeUndefined();
    expect(r.ownWrite(request(42, signed.replace('3/A0', 'FFFFFFFF/FFFFFFFF')))).toBeUndefined();
    for (const bad of ['', '3/A0', '3/A0.42', `${signed}.x`, `${signed}\u0000`, 'x'.repeat(500)])
      expect(r.ownWrite(request(42, bad))).toBeUndefined();
    expect(r.ownWrite(request(null, signed))).toBeUndefined();
  });

  it('without a replica every read is the primary’s', async () => {
    const r = routing();
    const req = request(42, r.sign(lsn, 42));
    expect(await r.readDb(req)).toBe(primary);
    expect(await r.router.choose(lsn)).toMatchObject({ target: 'primary', reason: 'no-replica' });
  });
});
