import { Command } from 'commander';
import {
  archivePartitions,
  listPartitions,
  maintainPartitions,
  parseMonth,
  type PartitionInfo,
} from '../platform/db/partitions.js';
import type { Runtime } from '../server/bootstrap.js';

type WithRuntime = <T>(fn: (rt: Runtime) => Promise<T>) => Promise<T>;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const line = (p: PartitionInfo) =>
  `${p.table.padEnd(13)}  ${(p.month ?? 'default').padEnd(7)}  ${p.schema.padEnd(7)}  ${`${p.schema}.${p.partition}`.padEnd(36)}  ${String(p.rows).padStart(10)}  ${mb(p.bytes).padStart(10)}`;

/**
 * `wangge partitions list|maintain|archive`: the monthly partitions of the tables that grow
 * without bound (ADR 0008). Archiving detaches old months into the `archive` schema, never deletes.
 */
export function partitionsCommand(withRuntime: WithRuntime): Command {
  const cmd = new Command('partitions').description(
    'monthly partitions of case history, audit log, notifications and outbox',
  );

  cmd
    .command('list')
    .description('list live and archived partitions (rows are the planner’s estimate)')
    .action(async () =>
      withRuntime(async (rt) => {
        const items = await listPartitions(rt.ctx.db);
        console.log(
          `${'table'.padEnd(13)}  ${'month'.padEnd(7)}  ${'schema'.padEnd(7)}  ${'relation'.padEnd(36)}  ${'rows'.padStart(10)}  ${'size'.padStart(10)}`,
        );
        for (const p of items) console.log(line(p));
        console.log(`${items.length} partition(s).`);
      }),
    );

  cmd
    .command('maintain')
    .description('create the next months’ partitions now (the server does it every hour)')
    .action(async () =>
      withRuntime(async (rt) => {
        const r = await maintainPartitions(rt.ctx.db, rt.ctx.now());
        if (!r.locked) console.log('Another instance is maintaining the partitions; nothing done.');
        else
          console.log(r.created.length ? `Created: ${r.created.join(', ')}` : 'All partitions are in place.');
      }),
    );

  cmd
    .command('archive')
    .requiredOption('--before <YYYY-MM>', 'archive the months before this one (China Standard Time)')
    .description('detach old months into the archive schema (kept and queryable, never deleted)')
    .action(async (o: { before: string }) => {
      const before = parseMonth(o.before); // before opening the database: bad input changes nothing
      await withRuntime(async (rt) => {
        const r = await archivePartitions(rt.ctx.db, before, rt.ctx.now());
        for (const a of r.archived) console.log(`archived  ${a}`);
        for (const f of r.refused) console.log(`kept      ${f.partition}  ${f.code}: ${f.reason}`);
        console.log(`${r.archived.length} partition(s) archived, ${r.refused.length} kept.`);
        if (r.refused.length) process.exitCode = 2;
      });
    });
  return cmd;
}
