import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { createDb, ensureDatabase, withDatabase } from '../src/platform/db/database.js';
import { Migrator } from 'kysely';
import { SqlFileMigrationProvider, MIGRATIONS_DIR, migrateToLatest } from '../src/platform/db/migrate.js';
import { loadDemo } from '../src/modules/demo/load.js';
import { ensureReferenceData } from '../src/modules/cases/seed.js';
import { createPii } from '../src/platform/crypto.js';
const h = await startEmbeddedPostgres({ dataDir: '/tmp/ppg', settings: { fsync: 'off', synchronous_commit: 'off' } });
console.log(h.url);
const mode = process.argv[2];
if (mode === 'demo') {
  await ensureDatabase(h.url, 'pre');
  const { db } = createDb(withDatabase(h.url, 'pre'), 2);
  const m = new Migrator({ db: db as never, provider: new SqlFileMigrationProvider(MIGRATIONS_DIR) });
  const r = await m.migrateTo('0185_in_service_phone_once_approved');
  if (r.error) throw r.error;
  await ensureReferenceData(db);
  await loadDemo(db, createPii(Buffer.alloc(32, 0x5a)), { scale: 0.01, password: 'test-demo-password' });
  await db.destroy();
  console.log('demo loaded');
}
setInterval(() => {}, 1 << 30);
