/**
 * Generates src/platform/db/schema.ts (the Kysely types the code is written
 * against) from a fresh database migrated to the latest version, or with
 * `--check` verifies that the committed file matches the migrations (CI runs it).
 * Uses DATABASE_URL when set, else an embedded PostgreSQL under .test-data/schema.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { createDb, withDatabase } from '../src/platform/db/database.js';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';

const check = process.argv.includes('--check');
const NAME = 'wangge_schema_check';
const OUT = 'src/platform/db/schema.ts';

const embedded = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: path.resolve('.test-data/schema') });
const serverUrl = process.env.DATABASE_URL ?? embedded!.url;
const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
let code = 0;
try {
  const url = withDatabase(serverUrl, NAME);
  const { db } = createDb(url, 1);
  await migrateToLatest(db as never);
  await db.destroy();
  const args = [
    'kysely-codegen',
    '--dialect=postgres',
    `--url=${url}`,
    `--out-file=${OUT}`,
    '--date-parser=string',
    '--exclude-pattern=kysely_*',
    `--type-mapping=${JSON.stringify({ int8: 'number' })}`,
    '--log-level=error',
  ];
  if (check) args.push('--verify');
  execFileSync('npx', args, { stdio: 'inherit' });
  console.log(check ? `${OUT} matches the migrations.` : `wrote ${OUT}`);
} catch {
  console.error(
    check
      ? `${OUT} does not match the migrations: run \`npm run schema:gen\` and commit it.`
      : 'schema generation failed',
  );
  code = 1;
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.end();
  await embedded?.stop();
}
process.exit(code);
