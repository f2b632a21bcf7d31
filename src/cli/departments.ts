import { Command, InvalidArgumentError } from 'commander';
import { pathOf } from '../modules/regions/paths.js';
import {
  addDepartment,
  listDepartments,
  updateDepartment,
  type DepartmentItem,
} from '../modules/departments/service.js';
import { seedCountySettings } from '../modules/demo/load.js';
import type { Runtime } from '../server/bootstrap.js';

type WithRuntime = <T>(fn: (rt: Runtime) => Promise<T>) => Promise<T>;

const id = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('a department id');
  return n;
};
const line = (d: DepartmentItem) =>
  `${String(d.id).padStart(6)}  ${d.active ? 'active  ' : 'inactive'}  ${d.tier.padEnd(8)}  ${d.regionCode.padEnd(9)}  ${d.code.padEnd(34)}  ${d.name}`;

/**
 * `wangge department add|rename|deactivate|list`: the operator of the machine keeps the
 * departments (职能部门) of a county, through the same use cases (and audit) as the API.
 */
export function departmentCommand(withRuntime: WithRuntime): Command {
  const cmd = new Command('department').description(
    'departments (职能部门): county bureaus and township offices',
  );

  cmd
    .command('list')
    .requiredOption('--within <code>', 'a county or township code')
    .option('--all', 'include deactivated departments')
    .description('list the departments of a county or township')
    .action(async (o: { within: string; all?: boolean }) =>
      withRuntime(async (rt) => {
        if (!/^\d{6}(\d{3})?$/.test(o.within))
          throw new InvalidArgumentError('--within: a county or township code');
        const items = await listDepartments(rt.ctx.db, pathOf(o.within), o.all ? {} : { active: true });
        for (const d of items) console.log(line(d));
        console.log(`${items.length} department(s).`);
      }),
    );

  cmd
    .command('add')
    .requiredOption('--region <code>', 'the county (a bureau) or a township (an office)')
    .requiredOption('--code <code>', 'stable code, e.g. urban_management_office')
    .requiredOption('--name <name>', 'Chinese name, e.g. 太平街道城市管理办公室')
    .option('--name-en <name>', 'English name')
    .description('add a department')
    .action(async (o: { region: string; code: string; name: string; nameEn?: string }) =>
      withRuntime(async (rt) => {
        const d = await addDepartment(rt.ctx.db, null, {
          code: o.code,
          name: o.name,
          nameEn: o.nameEn ?? null,
          regionCode: o.region,
        });
        console.log(`added ${line(d)}`);
      }),
    );

  cmd
    .command('rename')
    .argument('<id>', 'department id', id)
    .requiredOption('--name <name>', 'new Chinese name')
    .option('--name-en <name>', 'new English name')
    .description('rename a department')
    .action(async (deptId: number, o: { name: string; nameEn?: string }) =>
      withRuntime(async (rt) => {
        const d = await updateDepartment(rt.ctx.db, null, deptId, { name: o.name, nameEn: o.nameEn });
        console.log(`renamed ${line(d)}`);
      }),
    );

  cmd
    .command('deactivate')
    .argument('<id>', 'department id', id)
    .option('--undo', 'reactivate instead')
    .description('deactivate a department: no longer offered for dispatch; cases already there stay')
    .action(async (deptId: number, o: { undo?: boolean }) =>
      withRuntime(async (rt) => {
        const d = await updateDepartment(rt.ctx.db, null, deptId, { active: o.undo === true });
        console.log(`${o.undo ? 'reactivated' : 'deactivated'} ${line(d)}`);
      }),
    );
  return cmd;
}

/** `wangge county setup CODE`: give a county the national defaults it lacks (idempotent). */
export function countyCommand(withRuntime: WithRuntime): Command {
  const cmd = new Command('county').description('counties');
  cmd
    .command('setup')
    .argument('<code>', '6-digit county code (its territory must be loaded)')
    .description(
      'add the national default settings a county lacks: departments, escalation rules, visit policy, points rules, service items',
    )
    .action(async (code: string) =>
      withRuntime(async (rt) => {
        if (!/^\d{6}$/.test(code)) throw new InvalidArgumentError('a 6-digit county code');
        await rt.ctx.db.transaction().execute((tx) => seedCountySettings(tx, code));
        console.log(`county ${code}: default settings in place`);
      }),
    );
  return cmd;
}
