import path from 'node:path';
import { z } from 'zod';

/** Configuration comes from environment variables only; see README "Configuration". */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  WANGGE_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_REPLICA_URL: z.string().url().optional(),
  WANGGE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  WANGGE_DEMO_SCALE: z.coerce.number().positive().max(10).default(1),
  WANGGE_DEMO_PASSWORD: z.string().min(8).optional(),
  WANGGE_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  WANGGE_NO_DEMO: z.enum(['0', '1']).default('0'),
  WANGGE_TRUST_PROXY: z
    .string()
    .regex(
      /^(0|1|false|true|([0-9a-fA-F:./]+|loopback|linklocal|uniquelocal)(,\s*([0-9a-fA-F:./]+|loopback|linklocal|uniquelocal))*)$/,
      'must be 0/false, 1/true, or comma-separated proxy addresses, CIDR ranges or loopback/linklocal/uniquelocal',
    )
    .default('0'),
  WANGGE_RATE_LIMITS: z.enum(['memory', 'database']).default('memory'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // several instances (docs/DEPLOY.md): the LISTEN connection, the instance's name, a pooler's limits
  DATABASE_LISTEN_URL: z.string().url().optional(),
  WANGGE_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 letters, digits, dots, dashes or underscores')
    .optional(),
  WANGGE_PREPARED_STATEMENTS: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** a streaming replica for read-only work (dashboards, reports, exports, lists); unset: the primary */
  replicaUrl: string | undefined;
  /** reads go to the primary while the replica's replay lags more than this */
  replicaMaxLagMs: number;
  demoScale: number;
  demoPassword: string | undefined;
  secretKeyHex: string | undefined;
  loadDemo: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /**
   * Whom to believe about X-Forwarded-For/-Proto/-Host (Fastify `trustProxy`): false,
   * true (any peer: only when the proxy is the sole way in), or the proxies' addresses.
   */
  trustProxy: boolean | string;
  /** rate-limit counters in this process (one instance) or in the database (several instances share them) */
  rateLimits: 'memory' | 'database';
  /**
   * The connection that LISTENs (DATABASE_LISTEN_URL): a pooler in transaction mode cannot carry
   * a LISTEN, so behind PgBouncer it names the primary directly. Defaults to the database's URL.
   */
  listenUrl: string | undefined;
  /** This instance's name (WANGGE_INSTANCE_ID), sent as `x-wangge-instance` on every answer when set. */
  instanceId: string | undefined;
  /** Named prepared statements (WANGGE_PREPARED_STATEMENTS=off behind PgBouncer before 1.21). */
  preparedStatements: boolean;
};

/** WANGGE_TRUST_PROXY → Fastify's trustProxy. */
export function parseTrustProxy(v: string): boolean | string {
  if (v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  return v
    .split(',')
    .map((s) => s.trim())
    .join(',');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.WANGGE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    replicaUrl: e.DATABASE_REPLICA_URL,
    replicaMaxLagMs: e.WANGGE_REPLICA_MAX_LAG_MS,
    demoScale: e.WANGGE_DEMO_SCALE,
    demoPassword: e.WANGGE_DEMO_PASSWORD,
    secretKeyHex: e.WANGGE_SECRET_KEY,
    loadDemo: e.WANGGE_NO_DEMO === '0',
    logLevel: e.LOG_LEVEL,
    trustProxy: parseTrustProxy(e.WANGGE_TRUST_PROXY),
    rateLimits: e.WANGGE_RATE_LIMITS,
    listenUrl: e.DATABASE_LISTEN_URL ?? e.DATABASE_URL,
    instanceId: e.WANGGE_INSTANCE_ID,
    preparedStatements: e.WANGGE_PREPARED_STATEMENTS === 'on',
  };
}
