import './errors.js'; // registers this module's codes (ADR 0005)
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/idempotency.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as arch from './archive-repository.js';
import type { GridUnitItem, NewGridUnitBody } from './archive-schemas.js';

type Item = z.infer<typeof GridUnitItem>;

/** The grid units in the caller's scope (or one grid of it), with how many present households each holds. */
export async function listGridUnits(db: Db, actor: Actor, gridCode: string | undefined): Promise<Item[]> {
  let q = db
    .selectFrom('grid_unit as u')
    .leftJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'u.county_code').onRef('h.unit_id', '=', 'u.id'),
    )
    .select([
      'u.id',
      'u.grid_code',
      'u.kind',
      'u.parent_id',
      'u.name',
      sql<number>`count(h.id)::int`.as('households'),
    ])
    .where('u.county_code', '=', actor.countyCode)
    .where(inSubtree('u.grid_path', actor.scopePath))
    .groupBy(['u.county_code', 'u.id'])
    .orderBy('u.grid_code')
    .orderBy('u.name')
    .limit(2000);
  if (gridCode) q = q.where('u.grid_code', '=', gridCode);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    gridCode: r.grid_code,
    kind: r.kind as Item['kind'],
    parentId: r.parent_id == null ? null : Number(r.parent_id),
    name: r.name,
    households: r.households,
  }));
}

/** Adds a building, unit, hamlet or villagers' group to a grid in the caller's scope; audited. */
export async function createGridUnit(
  db: Db,
  actor: Actor,
  body: z.infer<typeof NewGridUnitBody>,
  now: Date,
  requestId: string,
): Promise<Item> {
  try {
    return await db.transaction().execute(async (tx) => {
      const grid = await arch.gridOfCounty(tx, actor.countyCode, body.gridCode);
      if (!grid || !inScope(actor, grid.path)) throw new AppError('NOT_FOUND');
      if ((body.kind === 'unit') !== (body.parentId != null)) throw new AppError('GRID_UNIT_PARENT');
      if (body.parentId != null) {
        const parent = await tx
          .selectFrom('grid_unit')
          .select('id')
          .where('county_code', '=', actor.countyCode)
          .where('id', '=', body.parentId)
          .where('grid_code', '=', body.gridCode)
          .where('kind', '=', 'building')
          .executeTakeFirst();
        if (!parent) throw new AppError('GRID_UNIT_PARENT');
      }
      const row = await tx
        .insertInto('grid_unit')
        .values({
          county_code: actor.countyCode,
          grid_code: grid.code,
          grid_path: grid.path,
          kind: body.kind,
          parent_id: body.parentId ?? null,
          name: body.name,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const item: Item = {
        id: Number(row.id),
        gridCode: grid.code,
        kind: body.kind,
        parentId: body.parentId ?? null,
        name: body.name,
        households: 0,
      };
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'grid_unit.create',
        entityType: 'grid_unit',
        entityId: item.id,
        after: { gridCode: item.gridCode, kind: item.kind, parentId: item.parentId, name: item.name },
        requestId,
      });
      return item;
    });
  } catch (err) {
    if (isUniqueViolation(err, 'grid_unit_name_key')) throw new AppError('GRID_UNIT_EXISTS');
    throw err;
  }
}
