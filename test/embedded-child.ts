// Child process for the kill -9 test (src/platform/db/embedded.test.ts): starts the
// embedded PostgreSQL in argv[2], commits a row, says "ready", then waits to be killed.
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';

const h = await startEmbeddedPostgres({ dataDir: process.argv[2]! });
const c = new pg.Client({ connectionString: h.url });
await c.connect();
await c.query('CREATE TABLE t (v int); INSERT INTO t VALUES (42)');
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
