import './errors.js'; // registers this module's codes (ADR 0005)
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { inSubtree } from '../../platform/db/ltree.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as arch from './archive-repository.js';
import { openIfNeeded } from './history.js';
import { recordResidentChange } from './residents.js';

/** Records in the caller's scope that share an ID number with another unmerged record of the county. */
export async function listDuplicates(db: Db, actor: Actor) {
  const rows = await db
    .selectFrom('resident as r')
    .innerJoin('household as h', (j) =>
      j.onRef('h.county_code', '=', 'r.county_code').onRef('h.id', '=', 'r.household_id'),
    )
    .select([
      'r.id',
      'r.name',
      'r.gender',
      'r.birth_date',
      'r.id_number_masked',
      'r.household_id',
      'h.address',
      'r.grid_code',
      'r.created_at',
      sql<string>`encode(r.id_number_hash, 'hex')`.as('key'),
    ])
    .where('r.county_code', '=', actor.countyCode)
    .where(inSubtree('r.grid_path', actor.scopePath))
    .where('r.status', '<>', 'merged')
    .where(
      sql<boolean>`r.id_number_hash IN (SELECT id_number_hash FROM resident WHERE county_code = ${actor.countyCode}
                     AND status <> 'merged' AND legacy_duplicate)`,
    )
    .orderBy('r.id_number_hash')
    .orderBy('r.id')
    .limit(500)
    .execute();
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(r.key, [...(groups.get(r.key) ?? []), r]);
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({
      idNumber: g[0]!.id_number_masked,
      records: g.map((r) => ({
        id: Number(r.id),
        name: r.name,
        gender: r.gender,
        birthYear: Number(r.birth_date.slice(0, 4)),
        householdId: Number(r.household_id),
        address: r.address,
        gridCode: r.grid_code,
        createdAt: r.created_at.toISOString(),
      })),
    }));
}

/**
 * Folds a duplicate record of one person into the record that stays: the duplicate is kept, marked
 * `merged` into the other (its history stays and is shown with the survivor's), its account link
 * moves over when the survivor has none, and both households' counts are redone. Audited.
 */
export async function mergeResident(
  db: Db,
  actor: Actor,
  id: number,
  intoId: number,
  reason: string,
  now: Date,
  requestId?: string,
) {
  return db.transaction().execute(async (tx) => {
    const scope = { countyCode: actor.countyCode, path: actor.scopePath };
    const [a, b] = id < intoId ? [id, intoId] : [intoId, id]; // lock in id order
    const first = await arch.lockResident(tx, scope, a);
    const second = await arch.lockResident(tx, scope, b);
    if (!first || !second || id === intoId) throw new AppError('NOT_FOUND');
    const dup = id === a ? first : second;
    const keep = id === a ? second : first;
    if (dup.status === 'merged' || keep.status === 'merged') throw new AppError('RESIDENT_NOT_PRESENT');
    const same = await tx
      .selectFrom('resident as x')
      .innerJoin('resident as y', (j) =>
        j.onRef('y.county_code', '=', 'x.county_code').onRef('y.id_number_hash', '=', 'x.id_number_hash'),
      )
      .select('x.id')
      .where('x.county_code', '=', actor.countyCode)
      .where('x.id', '=', id)
      .where('y.id', '=', intoId)
      .executeTakeFirst();
    if (!same) throw new AppError('MERGE_NOT_DUPLICATE');
    await openIfNeeded(tx, { subject: 'resident', row: dup });
    await tx
      .updateTable('resident')
      .set({
        status: 'merged',
        merged_into: intoId,
        legacy_duplicate: false,
        version: dup.version + 1,
        updated_at: now,
      })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    // the survivor is the person's one record once no other unmerged copy is left
    await sql`UPDATE resident k SET legacy_duplicate = false
               WHERE k.county_code = ${actor.countyCode} AND k.id = ${intoId} AND k.legacy_duplicate
                 AND NOT EXISTS (SELECT 1 FROM resident o WHERE o.county_code = k.county_code
                   AND o.id_number_hash = k.id_number_hash AND o.id <> k.id AND o.status <> 'merged')`.execute(
      tx,
    );
    await sql`UPDATE resident_account SET resident_id = ${intoId}
               WHERE county_code = ${actor.countyCode} AND resident_id = ${id}
                 AND NOT EXISTS (SELECT 1 FROM resident_account WHERE county_code = ${actor.countyCode} AND resident_id = ${intoId})`.execute(
      tx,
    );
    await arch.recount(tx, actor.countyCode, Number(dup.household_id));
    await recordResidentChange(tx, { now, requestId }, actor, id, {
      event: 'merged',
      reason,
      changed: ['status'],
      auditAfter: { mergedInto: intoId },
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'resident.merge_keep',
      entityType: 'resident',
      entityId: intoId,
      after: { merged: id },
      reason,
      requestId,
    });
    return { id: intoId, merged: id };
  });
}
