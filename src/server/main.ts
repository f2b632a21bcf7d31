import type { Config } from '../platform/config.js';
import { createLogger } from '../platform/logging.js';
import { buildApp } from './app.js';
import { ensureDemo, openRuntime } from './bootstrap.js';
import { startWorkers } from './workers.js';

/** `wangge serve`: database, migrations, demo on first start, HTTP server, clean shutdown. */
export async function serve(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const rt = await openRuntime(config, log);
  if (config.loadDemo) await ensureDemo(rt);
  await rt.ctx.events.start();
  const app = await buildApp(rt.ctx, {
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    rateLimits: config.rateLimits,
    instanceId: config.instanceId,
  });
  const stopWorkers = startWorkers(rt.ctx);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopWorkers();
    await app.close();
    await rt.ctx.events.stop();
    await rt.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  const base = `http://${config.host}:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}`;
  process.stdout.write(
    `\nWangge 网格 is running.\n  Sign in (API): POST ${base}/api/v1/auth/login\n  API browser:   ${base}/docs\n  OpenAPI:       ${base}/openapi.json\n  Database:      ${rt.database.embedded ? `embedded PostgreSQL in ${rt.database.embedded.clusterDir}` : 'DATABASE_URL'}\n\n`,
  );
}
