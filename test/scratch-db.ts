import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from '../src/platform/db/database.js';

/**
 * An empty database of its own on the test server, for a test that must start from nothing (no
 * template, no demo): its URL, and how to create and drop it.
 */
export function scratchDatabase(server: string) {
  const name = `wangge_test_${randomBytes(6).toString('hex')}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  return {
    url: withDatabase(server, name),
    create: () => admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
