import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import type { Runtime } from '../server/bootstrap.js';
import { countyCommand, departmentCommand } from './departments.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const runtime = async <T>(fn: (rt: Runtime) => Promise<T>) => fn({ ctx: t.ctx } as Runtime);

/** Runs `wangge department …` against the test database; answers what it printed. */
async function run(...args: string[]): Promise<string> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s));
  try {
    const cmd = (args[0] === 'setup' ? countyCommand : departmentCommand)(runtime);
    cmd.exitOverride();
    await cmd.parseAsync(args, { from: 'user' });
  } finally {
    log.mockRestore();
  }
  return lines.join('\n');
}

describe('wangge department', () => {
  it('adds, renames, deactivates and lists a township office, audited as the operator', async () => {
    const township = '211122001';
    const added = await run(
      'add',
      '--region',
      township,
      '--code',
      'cli_office',
      '--name',
      '太平街道测试办公室',
    );
    expect(added).toContain('太平街道测试办公室');
    const row = await t.db
      .selectFrom('department')
      .select(['id', 'tier', 'county_code', 'active'])
      .where('region_code', '=', township)
      .where('code', '=', 'cli_office')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ tier: 'township', county_code: '211122', active: true });
    await run('rename', String(row.id), '--name', '太平街道改名办公室');
    await run('deactivate', String(row.id));
    const after = await t.db
      .selectFrom('department')
      .select(['name', 'active'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ name: '太平街道改名办公室', active: false });
    expect(await run('list', '--within', township)).not.toContain('cli_office');
    expect(await run('list', '--within', township, '--all')).toContain('cli_office');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'county_code'])
      .where('entity_type', '=', 'department')
      .where('entity_id', '=', String(row.id))
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'department.create', actor_id: null, county_code: '211122' },
      { action: 'department.update', actor_id: null, county_code: '211122' },
      { action: 'department.deactivate', actor_id: null, county_code: '211122' },
    ]);
    await expect(
      run('add', '--region', '211122001211', '--code', 'x_office', '--name', '村里办公室'),
    ).rejects.toThrow(/DEPARTMENT_REGION_INVALID/);
  });
});

describe('wangge county setup', () => {
  it('gives a county the national defaults it lacks, keeping what it changed', async () => {
    await t.db
      .deleteFrom('points_rule')
      .where('county_code', '=', '211122')
      .where('code', '<>', 'visit')
      .execute();
    await t.db
      .updateTable('points_rule')
      .set({ points: 9 })
      .where('county_code', '=', '211122')
      .where('code', '=', 'visit')
      .execute();
    const before = await t.db
      .selectFrom('points_rule')
      .select('code')
      .where('county_code', '=', '211122')
      .execute();
    expect(before).toHaveLength(1);
    await run('setup', '211122');
    const after = await t.db
      .selectFrom('points_rule')
      .select(['code', 'points'])
      .where('county_code', '=', '211122')
      .execute();
    expect(after.length).toBeGreaterThan(1);
    expect(after.find((r) => r.code === 'visit')?.points).toBe(9);
  });
});
