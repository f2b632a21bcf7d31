import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { regionOf } from './edit-repository.js';
import { LEADER_KINDS } from './kinds.js';
import { isWithin, notFuture, openOrg } from './org-edit.js';
import type { Scope } from './repository.js';
import type { OrgKind } from './schemas.js';
import type { Chain, LeaderSet } from './schemas-edit.js';
import './errors.js';

type Ctx = { db: Db; now: () => Date };

/**
 * 网格长 (grid leader) is a designation, not a role: a village-staff or grid-worker account of the
 * grid's village is named leader of the grid and reports to a branch covering it. The account keeps
 * its role and scope; the designation puts it in the five-level chain of 丹东元宝区.
 */
export async function setGridLeader(
  ctx: Ctx,
  actor: Actor,
  gridCode: string,
  input: z.infer<typeof LeaderSet>,
  requestId?: string,
) {
  notFuture(ctx, input.since);
  await ctx.db.transaction().execute(async (tx) => {
    const grid = await regionOf(tx, gridCode);
    if (
      !grid ||
      grid.level !== 'grid' ||
      grid.county_code !== actor.countyCode ||
      !isWithin(grid.path, actor.scopePath)
    )
      throw new AppError('NOT_FOUND');
    const org = await openOrg(tx, actor, input.orgId);
    if (!LEADER_KINDS.includes(org.kind as OrgKind) || !isWithin(grid.path, org.region_path))
      throw new AppError('PARTY_LEADER_ORG');
    const villageCode = gridCode.slice(0, 12);
    const account = await tx
      .selectFrom('account')
      .select(['id', 'role', 'scope_code'])
      .where('id', '=', input.accountId)
      .where('county_code', '=', actor.countyCode)
      .where('disabled', '=', false)
      .executeTakeFirst();
    const fits =
      account &&
      ((account.role === 'village_staff' && account.scope_code === villageCode) ||
        (account.role === 'grid_worker' && account.scope_code.startsWith(villageCode)));
    if (!fits) throw new AppError('PARTY_LEADER_ACCOUNT');
    const before = await tx
      .selectFrom('party_grid_leader')
      .select(['account_id', 'org_id'])
      .where('county_code', '=', actor.countyCode)
      .where('grid_code', '=', gridCode)
      .forUpdate()
      .executeTakeFirst();
    await tx
      .insertInto('party_grid_leader')
      .values({
        county_code: actor.countyCode,
        grid_code: gridCode,
        grid_path: grid.path,
        account_id: account.id,
        org_id: org.id,
        since: input.since,
      })
      .onConflict((oc) =>
        oc
          .columns(['county_code', 'grid_code'])
          .doUpdateSet({ account_id: account.id, org_id: org.id, since: input.since }),
      )
      .execute();
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'party_grid_leader.set',
      entityType: 'region',
      entityId: gridCode,
      before: before ? { accountId: before.account_id, orgId: before.org_id } : null,
      after: { accountId: account.id, orgId: org.id, since: input.since },
      requestId,
    });
  });
}

/**
 * The chain of a grid, bottom up: its grid workers, its leader, then the leader's organisation (or,
 * without a leader, the grid's own party group) and every organisation above it.
 */
export async function gridChain(db: Db, scope: Scope, gridCode: string): Promise<z.infer<typeof Chain>> {
  const grid = await db
    .selectFrom('region')
    .select(['code', 'name', 'path'])
    .where('code', '=', gridCode)
    .where('county_code', '=', scope.countyCode)
    .where('level', '=', 'grid')
    .where(inSubtree('path', scope.path))
    .executeTakeFirst();
  if (!grid) throw new AppError('NOT_FOUND');
  const [workers, leader, own] = await Promise.all([
    db
      .selectFrom('grid_worker as w')
      .innerJoin('resident as r', (j) =>
        j.onRef('r.county_code', '=', 'w.county_code').onRef('r.id', '=', 'w.resident_id'),
      )
      .select(['r.name', 'w.employment', 'w.duty'])
      .where('w.county_code', '=', scope.countyCode)
      .where('w.grid_code', '=', gridCode)
      .where('w.active', '=', true)
      .orderBy('w.employment')
      .orderBy('w.id')
      .execute(),
    db
      .selectFrom('party_grid_leader as l')
      .innerJoin('account as a', 'a.id', 'l.account_id')
      .select(['l.account_id', 'a.display_name', 'l.since', 'l.org_id'])
      .where('l.county_code', '=', scope.countyCode)
      .where('l.grid_code', '=', gridCode)
      .executeTakeFirst(),
    db
      .selectFrom('party_org')
      .select('id')
      .where('county_code', '=', scope.countyCode)
      .where('region_code', '=', gridCode)
      .where('closed_on', 'is', null)
      .orderBy('id')
      .executeTakeFirst(),
  ]);
  const start = leader?.org_id ?? own?.id ?? null;
  const { rows } =
    start === null
      ? { rows: [] }
      : await sql<{ id: number; kind: OrgKind; name: string }>`
          WITH RECURSIVE up AS (
            SELECT id, parent_id, kind, name, 0 AS depth FROM party_org WHERE county_code = ${scope.countyCode} AND id = ${start}
            UNION ALL
            SELECT o.id, o.parent_id, o.kind, o.name, up.depth + 1 FROM party_org o
              JOIN up ON o.county_code = ${scope.countyCode} AND o.id = up.parent_id
          ) SELECT id::int AS id, kind, name FROM up ORDER BY depth`.execute(db);
  return {
    grid: { code: grid.code, name: grid.name },
    workers: workers.map((w) => ({ name: w.name, employment: w.employment as 'fullTime', duty: w.duty })),
    leader: leader ? { accountId: leader.account_id, name: leader.display_name, since: leader.since } : null,
    orgs: rows,
  };
}
