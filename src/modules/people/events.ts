import './errors.js'; // registers this module's codes (ADR 0005)
import type { Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { DB } from '../../platform/db/schema.js';
import type { Pii } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import * as arch from './archive-repository.js';
import type { ResidentEvent } from './archive-schemas.js';
import { householdSnapshot, openIfNeeded, writeHistory } from './history.js';
import { recordResidentChange } from './residents.js';

type Ctx = { db: Db; pii: Pii; now: Date; requestId?: string };

/**
 * A life event of a resident (死亡、婚姻、迁出、关爱标签), in one transaction with its history row
 * (who, when, what, why, the date it happened) and its audit row. Only a present resident has
 * events; a move to another grid takes the record and its history there, out of the mover's scope.
 */
export async function recordResidentEvent(c: Ctx, actor: Actor, id: number, e: ResidentEvent) {
  return c.db.transaction().execute(async (tx) => {
    const scope = { countyCode: actor.countyCode, path: actor.scopePath };
    const r = await arch.lockResident(tx, scope, id);
    if (!r) throw new AppError('NOT_FOUND');
    if (r.status !== 'present') throw new AppError('RESIDENT_NOT_PRESENT');
    const from = Number(r.household_id);
    const set: Updateable<DB['resident']> = {};
    let changed: string[] = [];
    let auditAfter: Record<string, unknown> = {};
    switch (e.type) {
      case 'death':
        Object.assign(set, { status: 'deceased', died_on: e.on });
        changed = ['status', 'diedOn'];
        break;
      case 'marriage': {
        set.marital_status = 'married';
        changed = ['maritalStatus'];
        if (e.joinHouseholdId !== undefined && e.joinHouseholdId !== from) {
          const h = await arch.lockHousehold(tx, scope, e.joinHouseholdId);
          if (!h) throw new AppError('NOT_FOUND');
          const grid = await arch.gridOfCounty(tx, actor.countyCode, h.grid_code);
          Object.assign(set, {
            household_id: h.id,
            relation: 'spouse',
            grid_code: h.grid_code,
            grid_path: grid!.path,
          });
          changed.push('householdId', 'relation');
          auditAfter = { householdId: Number(h.id) };
        }
        break;
      }
      case 'move_out': {
        if (!e.toGridCode) {
          set.status = 'moved_out';
          changed = ['status'];
          break;
        }
        if (!e.address)
          throw new AppError('VALIDATION_FAILED', {
            detail: 'address: 请填写迁入地址',
            detailEn: 'address: required with toGridCode',
          });
        const grid = await arch.gridOfCounty(tx, actor.countyCode, e.toGridCode);
        if (!grid) throw new AppError('GRID_NOT_FOUND');
        const h = await tx
          .insertInto('household')
          .values({
            county_code: actor.countyCode,
            grid_code: grid.code,
            grid_path: grid.path,
            address: e.address,
            member_count: 0,
            created_at: c.now,
            created_by: actor.accountId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeHistory(tx, {
          countyCode: actor.countyCode,
          subject: 'household',
          subjectId: Number(h.id),
          householdId: Number(h.id),
          event: 'move_in',
          at: c.now,
          effectiveOn: e.on,
          actor,
          reason: e.reason,
          snapshot: householdSnapshot(await arch.householdRecord(tx, actor.countyCode, Number(h.id))),
        });
        Object.assign(set, {
          household_id: h.id,
          relation: 'head',
          grid_code: grid.code,
          grid_path: grid.path,
        });
        changed = ['householdId', 'gridCode', 'relation'];
        auditAfter = { toGridCode: grid.code, householdId: Number(h.id) };
        break;
      }
      case 'care_tag_added':
      case 'care_tag_ended': {
        const has = r.care_tags.includes(e.tag);
        if (has === (e.type === 'care_tag_added')) throw new AppError('CARE_TAG_STATE');
        set.care_tags = (has ? r.care_tags.filter((t) => t !== e.tag) : [...r.care_tags, e.tag]).sort();
        changed = ['careTags'];
        auditAfter = { tag: e.tag };
        break;
      }
    }
    await openIfNeeded(tx, { subject: 'resident', row: r });
    await tx
      .updateTable('resident')
      .set({ ...set, version: r.version + 1, updated_at: c.now })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await arch.recount(tx, actor.countyCode, from);
    if (set.household_id !== undefined) await arch.recount(tx, actor.countyCode, Number(set.household_id));
    const reason = 'reason' in e ? (e.reason ?? null) : null;
    const after = await recordResidentChange(tx, c, actor, id, {
      event: e.type,
      on: e.on,
      reason,
      changed,
      auditAfter,
    });
    return { id, householdId: Number(after.household_id), gridCode: after.grid_code, status: after.status };
  });
}
