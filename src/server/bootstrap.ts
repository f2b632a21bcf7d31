import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { GridLocator } from '../modules/grids/locator.js';
import { demoLoaded, loadDemo, type DemoReport } from '../modules/demo/load.js';
import type { Config } from '../platform/config.js';
import { createPii, loadMasterKey, type Pii } from '../platform/crypto.js';
import { openDatabase, type Database, type Db } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import type { Logger } from '../platform/logging.js';
import type { AppContext } from './context.js';
import { ReadRouting } from './read-routing.js';
import { ReadRouter } from '../platform/replica/router.js';
import { progressPrinter } from '../platform/progress.js';
import { combineFeeds, EventHub } from '../platform/events.js';
import { liveFeed } from '../modules/notify/live.js';
import { caseLiveFeed } from '../modules/maps/index.js';
import { callLiveFeed } from '../modules/calls/index.js';
import { emergencyLiveFeed } from '../modules/emergency/index.js';
import { ensureReferenceData, loadCalendars } from '../modules/cases/seed.js';
import { blobStoreFromEnv, type BlobStore } from '../modules/photos/index.js';

export type Runtime = {
  ctx: AppContext;
  database: Database;
  config: Config;
  reloadCalendar: () => Promise<void>;
};

/** Opens the database, applies migrations and builds the platform services. */
export async function openRuntime(config: Config, log: Logger): Promise<Runtime> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (line) => log.info(line),
    replicaUrl: config.replicaUrl,
    prepared: config.preparedStatements,
  });
  try {
    const { applied } = await migrateToLatest(database.db as never);
    if (applied.length) log.info({ applied }, 'migrations applied');
    await ensureReferenceData(database.db);
    const masterKey = loadMasterKey(config.dataDir, config.secretKeyHex);
    const pii = createPii(masterKey);
    // LISTEN cannot pass a pooler in transaction mode: DATABASE_LISTEN_URL names the primary then
    const { ctx, reloadCalendar } = await makeContext(database.db, config.listenUrl ?? database.url, {
      pii,
      log,
      media: blobStoreFromEnv(process.env, config.dataDir),
      replica: database.replica ? { db: database.replica, maxLagMs: config.replicaMaxLagMs } : undefined,
      readKey: readRoutingKey(masterKey),
    });
    return { ctx, database, config, reloadCalendar };
  } catch (err) {
    await database.close();
    throw err;
  }
}

/** The platform services around a database; `now` is replaceable for tests. */
export async function makeContext(
  db: Db,
  url: string,
  opts: {
    pii: Pii;
    log: Logger;
    media: BlobStore;
    now?: () => Date;
    /** the streaming replica for read-only work (DATABASE_REPLICA_URL) and its lag bound */
    replica?: { db: Db; maxLagMs: number; probeEveryMs?: number };
    /** signs the read-your-writes cookie; one per process when not given (fine for one instance) */
    readKey?: Buffer;
  },
) {
  let calendars = await loadCalendars(db);
  const reloadCalendar = async () => {
    calendars = await loadCalendars(db);
  };
  const router = new ReadRouter(db, opts.replica?.db ?? null, {
    maxLagMs: opts.replica?.maxLagMs ?? 0,
    probeEveryMs: opts.replica?.probeEveryMs,
    onChange: (up, err) =>
      up
        ? opts.log.info('read replica is back')
        : opts.log.warn({ err }, 'read replica down: reads go to the primary'),
  });
  const reads = new ReadRouting(router, opts.readKey ?? randomBytes(32));
  const ctx: AppContext = {
    db,
    readDb: reads.readDb,
    reads,
    pii: opts.pii,
    grids: new GridLocator(db),
    log: opts.log,
    calendar: (countyCode: string) => calendars.forCounty(countyCode),
    reloadCalendar,
    now: opts.now ?? (() => new Date()),
    media: opts.media,
    events: new EventHub(
      url,
      () => combineFeeds(liveFeed(db), caseLiveFeed(db), callLiveFeed(db), emergencyLiveFeed(db)),
      (err) => opts.log.warn({ err }, 'live feed failed'),
    ),
  };
  return { ctx, reloadCalendar };
}

/** The read-your-writes cookie's key: derived from the master key, so every instance shares it. */
function readRoutingKey(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'wangge read routing v1', 32));
}

/** Loads the demo county unless it is there already; prints the accounts when it loads. */
export async function ensureDemo(
  rt: Runtime,
  opts: { scale?: number; print?: (s: string) => void } = {},
): Promise<DemoReport | null> {
  const print = opts.print ?? ((s: string) => process.stdout.write(`${s}\n`));
  if (await demoLoaded(rt.ctx.db)) return null;
  const password = rt.config.demoPassword ?? randomBytes(9).toString('base64url');
  const scale = opts.scale ?? rt.config.demoScale;
  print(`Loading the demo county (铁岭县, scale ${scale}) …`);
  const report = await loadDemo(rt.ctx.db, rt.ctx.pii, { scale, password, progress: progressPrinter(print) });
  if (!report) return null;
  print(
    `Demo loaded in ${report.seconds}s: ${report.regions} regions, ${report.grids} grids (铁岭县 ${report.tielingGrids}), ` +
      `${report.households} households, ${report.residents} residents, ${report.gridWorkers} grid workers, ${report.partyMembers} party members.`,
  );
  print(
    `Seconds by stage: ${Object.entries(report.stages)
      .map(([stage, s]) => `${stage} ${s}`)
      .join(', ')}`,
  );
  print('Demo accounts (username — role — scope):');
  for (const a of report.accounts)
    print(`  ${a.username.padEnd(11)} ${a.role.padEnd(17)} ${a.scopeName} (${a.scopeCode})`);
  print(
    report.open311.key
      ? `Open311 demo API key (shown once): ${report.open311.key}`
      : 'Open311 demo API key: the value of WANGGE_OPEN311_DEMO_KEY',
  );
  if (!rt.config.demoPassword) {
    const file = path.join(rt.config.dataDir, 'demo-password.txt');
    fs.mkdirSync(rt.config.dataDir, { recursive: true, mode: 0o711 });
    fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
    print(`Demo password (generated, shown once; also in ${file}): ${password}`);
  } else {
    print('Demo password: the value of WANGGE_DEMO_PASSWORD');
  }
  return report;
}
