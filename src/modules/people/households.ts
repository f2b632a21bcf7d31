import './errors.js'; // registers this module's codes (ADR 0005)
import type { z } from 'zod';
import type { Db, Tx } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { createOnce } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import * as arch from './archive-repository.js';
import type { MoveHouseholdBody, NewHouseholdBody, UpdateHouseholdBody } from './archive-schemas.js';
import { householdSnapshot, openIfNeeded, residentSnapshot, writeHistory } from './history.js';
import { dayOf, oneRecordPerPerson, personColumns } from './person.js';

type Ctx = { db: Db; pii: Pii; now: Date; requestId?: string };
const scopeOf = (a: Actor) => ({ countyCode: a.countyCode, path: a.scopePath });

/** A grid in the caller's scope (404 when not visible) and, if named, a unit of it (400). */
async function placeIn(
  tx: Tx,
  actor: Actor,
  gridCode: string,
  unitId: number | null | undefined,
  anyGrid = false,
) {
  const grid = await arch.gridOfCounty(tx, actor.countyCode, gridCode);
  if (!grid) throw new AppError(anyGrid ? 'GRID_NOT_FOUND' : 'NOT_FOUND');
  if (!anyGrid && !inScope(actor, grid.path)) throw new AppError('NOT_FOUND');
  if (unitId != null && !(await arch.unitInGrid(tx, actor.countyCode, unitId, gridCode)))
    throw new AppError('GRID_UNIT_MISMATCH');
  return grid;
}

/**
 * A new household with its head (迁入 or 补录), in one transaction: both records, their history
 * and the audit. The head's ID number must be new to the county (one person, one record).
 */
export async function createHousehold(c: Ctx, actor: Actor, body: z.infer<typeof NewHouseholdBody>) {
  const find = async (rid: string) =>
    c.db
      .selectFrom('household')
      .select('id')
      .where('county_code', '=', actor.countyCode)
      .where('created_by', '=', actor.accountId)
      .where('client_request_id', '=', rid)
      .executeTakeFirst();
  return createOnce({
    requestId: body.clientRequestId,
    find,
    constraint: 'household_client_request_key',
    replay: (h) => ({ id: Number(h.id) }),
    create: () =>
      oneRecordPerPerson(() =>
        c.db.transaction().execute(async (tx) => {
          const grid = await placeIn(tx, actor, body.gridCode, body.unitId);
          const h = await tx
            .insertInto('household')
            .values({
              county_code: actor.countyCode,
              grid_code: grid.code,
              grid_path: grid.path,
              address: body.address,
              unit_id: body.unitId ?? null,
              care_tags: [...new Set(body.careTags)].sort(),
              member_count: 1,
              created_at: c.now,
              created_by: actor.accountId,
              client_request_id: body.clientRequestId ?? null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const hid = Number(h.id);
          const r = await tx
            .insertInto('resident')
            .values({
              county_code: actor.countyCode,
              household_id: hid,
              grid_code: grid.code,
              grid_path: grid.path,
              relation: 'head',
              ...personColumns(c.pii, body.head),
              created_at: c.now,
              created_by: actor.accountId,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          const on = body.on ?? dayOf(c.now);
          const common = {
            countyCode: actor.countyCode,
            householdId: hid,
            at: c.now,
            effectiveOn: on,
            actor,
          };
          await writeHistory(tx, {
            ...common,
            subject: 'household',
            subjectId: hid,
            event: body.event,
            snapshot: householdSnapshot(await arch.householdRecord(tx, actor.countyCode, hid)),
          });
          await writeHistory(tx, {
            ...common,
            subject: 'resident',
            subjectId: Number(r.id),
            event: body.event,
            snapshot: residentSnapshot(await arch.residentRecord(tx, actor.countyCode, Number(r.id))),
          });
          await recordAudit(tx, {
            actor,
            countyCode: actor.countyCode,
            action: 'household.create',
            entityType: 'household',
            entityId: hid,
            after: { gridCode: grid.code, headId: Number(r.id), event: body.event },
            requestId: c.requestId,
          });
          return { id: hid };
        }),
      ),
  });
}

/** Address, unit or care tags of a household; who, when and which fields on its history. */
export async function updateHousehold(
  c: Ctx,
  actor: Actor,
  id: number,
  body: z.infer<typeof UpdateHouseholdBody>,
) {
  return c.db.transaction().execute(async (tx) => {
    const h = await arch.lockHousehold(tx, scopeOf(actor), id);
    if (!h) throw new AppError('NOT_FOUND');
    if (body.version !== undefined && body.version !== h.version)
      throw new AppError('HOUSEHOLD_VERSION_CONFLICT');
    if (body.unitId != null && !(await arch.unitInGrid(tx, actor.countyCode, body.unitId, h.grid_code)))
      throw new AppError('GRID_UNIT_MISMATCH');
    const set: { address?: string; unit_id?: number | null; care_tags?: string[] } = {};
    if (body.address !== undefined && body.address !== h.address) set.address = body.address;
    if (body.unitId !== undefined && body.unitId !== (h.unit_id === null ? null : Number(h.unit_id)))
      set.unit_id = body.unitId;
    const tags = body.careTags ? [...new Set(body.careTags)].sort() : undefined;
    if (tags && tags.join() !== h.care_tags.join()) set.care_tags = tags;
    const changed = Object.keys(set).map(
      (k) => ({ address: 'address', unit_id: 'unitId', care_tags: 'careTags' })[k]!,
    );
    if (changed.length === 0) return { id, version: h.version };
    await openIfNeeded(tx, { subject: 'household', row: h });
    await tx
      .updateTable('household')
      .set({ ...set, version: h.version + 1, updated_at: c.now })
      .where('county_code', '=', actor.countyCode)
      .where('id', '=', id)
      .execute();
    await writeHistory(tx, {
      countyCode: actor.countyCode,
      subject: 'household',
      subjectId: id,
      householdId: id,
      event: 'updated',
      at: c.now,
      actor,
      reason: body.reason ?? null,
      changed,
      snapshot: householdSnapshot(await arch.householdRecord(tx, actor.countyCode, id)),
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'household.update',
      entityType: 'household',
      entityId: id,
      after: { fields: changed },
      reason: body.reason ?? null,
      requestId: c.requestId,
    });
    return { id, version: h.version + 1 };
  });
}

/**
 * The whole household moves to another grid of the county (迁出到本县其他网格): the household and
 * its present members take the new grid, their history goes with them, and the record leaves the
 * mover's scope (a later read by the mover is 404).
 */
export async function moveHousehold(
  c: Ctx,
  actor: Actor,
  id: number,
  body: z.infer<typeof MoveHouseholdBody>,
) {
  return c.db.transaction().execute((tx) => moveHouseholdIn(tx, c, actor, id, body));
}

/**
 * The same move inside the caller's transaction (a campaign target marked "moved within the county"
 * moves the household and follows it in one transaction).
 */
export async function moveHouseholdIn(
  tx: Tx,
  c: Pick<Ctx, 'now' | 'requestId'>,
  actor: Actor,
  id: number,
  body: z.infer<typeof MoveHouseholdBody>,
) {
  const h = await arch.lockHousehold(tx, scopeOf(actor), id);
  if (!h) throw new AppError('NOT_FOUND');
  const to = await placeIn(tx, actor, body.toGridCode, body.unitId, true);
  if (to.code === h.grid_code)
    throw new AppError('VALIDATION_FAILED', {
      detail: '迁入网格与现网格相同',
      detailEn: 'the household is already in that grid',
    });
  const members = await tx
    .selectFrom('resident')
    .select(arch.RESIDENT_RECORD)
    .where('county_code', '=', actor.countyCode)
    .where('household_id', '=', id)
    .where('status', '=', 'present')
    .forUpdate()
    .execute();
  await openIfNeeded(tx, { subject: 'household', row: h });
  for (const m of members) await openIfNeeded(tx, { subject: 'resident', row: m });
  await tx
    .updateTable('household')
    .set({
      grid_code: to.code,
      grid_path: to.path,
      address: body.address,
      unit_id: body.unitId ?? null,
      version: h.version + 1,
      updated_at: c.now,
    })
    .where('county_code', '=', actor.countyCode)
    .where('id', '=', id)
    .execute();
  await tx
    .updateTable('resident')
    .set((eb) => ({
      grid_code: to.code,
      grid_path: to.path,
      version: eb('version', '+', 1),
      updated_at: c.now,
    }))
    .where('county_code', '=', actor.countyCode)
    .where('household_id', '=', id)
    .where('status', '=', 'present')
    .execute();
  const common = {
    countyCode: actor.countyCode,
    householdId: id,
    event: 'moved',
    at: c.now,
    effectiveOn: body.on ?? dayOf(c.now),
    actor,
    reason: body.reason,
    changed: ['gridCode', 'address'],
  };
  await writeHistory(tx, {
    ...common,
    subject: 'household',
    subjectId: id,
    snapshot: householdSnapshot(await arch.householdRecord(tx, actor.countyCode, id)),
  });
  for (const m of members)
    await writeHistory(tx, {
      ...common,
      changed: ['gridCode'],
      subject: 'resident',
      subjectId: Number(m.id),
      snapshot: residentSnapshot(await arch.residentRecord(tx, actor.countyCode, Number(m.id))),
    });
  await recordAudit(tx, {
    actor,
    countyCode: actor.countyCode,
    action: 'household.move',
    entityType: 'household',
    entityId: id,
    before: { gridCode: h.grid_code },
    after: { gridCode: to.code, members: members.length },
    reason: body.reason,
    requestId: c.requestId,
  });
  return { id, gridCode: to.code };
}
