import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logging.js';
import { ensureDemo, openRuntime, type Runtime } from '../server/bootstrap.js';
import { serve } from '../server/main.js';
import { RoleSchema } from '../modules/accounts/roles.js';
import { createAccount } from '../modules/accounts/service.js';
import { importGridsFromFile } from '../modules/grids/import.js';
import { countyCommand, departmentCommand } from './departments.js';
import { partitionsCommand } from './partitions.js';

/** The `wangge` command. Every subcommand calls the same services the API uses. */
const program = new Command('wangge').description('Wangge 网格 — grid-based grassroots governance platform');

async function withRuntime<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const rt = await openRuntime(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  try {
    return await fn(rt);
  } finally {
    await rt.database.close();
  }
}

const number = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('a positive number');
  return n;
};

program
  .command('serve')
  .description(
    'start the HTTP server (embedded database unless DATABASE_URL is set; loads the demo on first start)',
  )
  .action(async () => serve(loadConfig()));

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => withRuntime(async () => console.log('database is at the latest migration')));

program
  .command('demo')
  .description('demo data')
  .command('load')
  .option('--scale <n>', 'population scale (1 ≈ 300,000 residents)', number)
  .description('load the demo county if the database does not hold it yet')
  .action(async (opts: { scale?: number }) =>
    withRuntime(async (rt) => {
      const report = await ensureDemo(rt, { scale: opts.scale });
      if (!report) console.log('The demo county is already loaded.');
    }),
  );

program
  .command('user')
  .description('accounts')
  .command('create')
  .requiredOption('--username <name>')
  .requiredOption('--role <role>', `one of ${RoleSchema.options.join(', ')}`)
  .requiredOption('--scope <code>', 'region code the account sees (county, township, village or grid)')
  .option('--name <displayName>', 'display name')
  .option('--password <password>', 'password (else read from WANGGE_NEW_PASSWORD)')
  .option('--department <id>', 'department staff: the id of their department (at the scope node)', number)
  .option('--worker <id>', 'grid workers: the id of their roster record (in the scope grid)', number)
  .action(
    async (o: {
      username: string;
      role: string;
      scope: string;
      name?: string;
      password?: string;
      department?: number;
      worker?: number;
    }) => {
      const role = RoleSchema.safeParse(o.role);
      if (!role.success)
        throw new InvalidArgumentError(`role must be one of ${RoleSchema.options.join(', ')}`);
      const password = o.password ?? process.env.WANGGE_NEW_PASSWORD;
      if (!password || password.length < 10)
        throw new InvalidArgumentError('a password of at least 10 characters is required');
      await withRuntime(async (rt) => {
        const id = await createAccount(
          rt.ctx.db,
          {
            username: o.username,
            displayName: o.name ?? o.username,
            password,
            role: role.data,
            scopeCode: o.scope,
            departmentId: o.department,
            workerId: o.worker,
          },
          null,
        );
        console.log(`created account ${o.username} (id ${id})`);
      });
    },
  );

program
  .command('grids')
  .description('grids')
  .command('import')
  .argument(
    '<file>',
    'GeoJSON FeatureCollection (.geojson/.json), or a plain list (.csv/.xlsx) with code,name[,kind]',
  )
  .option('--dry-run', 'validate only')
  .description('import grids; validates everything first and imports nothing when any problem is found')
  .action(async (file: string, o: { dryRun?: boolean }) =>
    withRuntime(async (rt) => {
      const result = await importGridsFromFile(rt.ctx.db, file, { dryRun: o.dryRun === true });
      for (const p of result.problems) console.error(`${p.where}: ${p.code} ${p.message} / ${p.messageZh}`);
      if (!result.ok) {
        console.error(`${result.problems.length} problem(s); nothing imported.`);
        process.exitCode = 1;
        return;
      }
      console.log(
        o.dryRun
          ? `${result.count} grids are valid (dry run, nothing imported).`
          : `imported ${result.count} grids.`,
      );
    }),
  );

program.addCommand(departmentCommand(withRuntime));
program.addCommand(countyCommand(withRuntime));
program.addCommand(partitionsCommand(withRuntime));

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
