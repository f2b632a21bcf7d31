import type { Db } from '../../platform/db/database.js';
import type { Pii } from '../../platform/crypto.js';
import { idNumberColumns, phoneColumns } from '../../platform/crypto.js';
import { isUniqueViolation } from '../../platform/db/idempotency.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type Actor } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { pathOf } from '../regions/index.js';
import * as repo from './repository.js';
import type { CadreInput, CadrePatch } from './schemas.js';
import './errors.js';

export type Scope = repo.Scope;
type Ctx = { db: Db; pii: Pii; now: () => Date };
const scopeOf = (actor: Actor): Scope => ({ countyCode: actor.countyCode, path: actor.scopePath });

/** The region a cadre serves must be the county, a township or a village of the caller's scope. */
async function checkRegion(db: Db, actor: Actor, code: string, posts: readonly string[]) {
  const r = await repo.regionOf(db, code);
  if (!r || !['county', 'township', 'village'].includes(r.level)) throw new AppError('CADRE_REGION_INVALID');
  // a region beside the caller's scope, or in another county, is out of view: 404
  const path = pathOf(code);
  if (r.county_code !== actor.countyCode || !inScope(actor, path)) throw new AppError('NOT_FOUND');
  if (posts.length > 0 && r.level !== 'village') throw new AppError('CADRE_POSTS_NEED_VILLAGE');
  return path;
}

/** One cadre record per person in a county: a second record of an ID number is refused. */
async function onePerson<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err, 'cadre_id_number_hash_idx')) throw new AppError('CADRE_DUPLICATE');
    throw err;
  }
}

/** Registers a cadre in the caller's scope; audited (field names, never the phone). */
export async function createCadre(ctx: Ctx, actor: Actor, input: CadreInput, requestId?: string) {
  const posts = [...new Set(input.posts)];
  const path = await checkRegion(ctx.db, actor, input.regionCode, posts);
  if (input.accountId !== null && !(await repo.accountInCounty(ctx.db, actor.countyCode, input.accountId)))
    throw new AppError('CADRE_ACCOUNT_INVALID');
  return onePerson(() =>
    ctx.db.transaction().execute(async (tx) => {
      const { id } = await repo.insertCadre(tx, {
        county_code: actor.countyCode,
        region_code: input.regionCode,
        region_path: path,
        name: input.name,
        gender: input.gender,
        birth_year: input.birthYear,
        education: input.education,
        posts,
        reserve: input.reserve,
        unit: input.unit,
        account_id: input.accountId,
        ...phoneColumns(ctx.pii, input.phone),
        ...idNumberColumns(ctx.pii, input.idNumber),
      });
      await recordAudit(tx, {
        actor,
        countyCode: actor.countyCode,
        action: 'cadre.create',
        entityType: 'cadre',
        entityId: id,
        after: {
          regionCode: input.regionCode,
          posts,
          reserve: input.reserve,
          phone: input.phone !== null,
          idNumber: input.idNumber !== null,
          accountId: input.accountId,
        },
        requestId,
      });
      return { id };
    }),
  );
}

/** Changes a cadre's record (posts, education, reserve, …); audited with the fields changed. */
export async function updateCadre(ctx: Ctx, actor: Actor, id: number, patch: CadrePatch, requestId?: string) {
  return onePerson(() =>
    ctx.db.transaction().execute(async (tx) => {
      const row = await repo.lockCadre(tx, scopeOf(actor), id);
      if (!row) throw new AppError('NOT_FOUND');
      const posts = patch.posts ? [...new Set(patch.posts)] : row.posts;
      const regionCode = patch.regionCode ?? row.region_code;
      const path =
        patch.regionCode !== undefined || patch.posts !== undefined
          ? await checkRegion(ctx.db, actor, regionCode, posts)
          : row.region_path;
      await repo.updateCadre(tx, row.county_code, id, {
        region_code: regionCode,
        region_path: path,
        posts,
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.gender !== undefined && { gender: patch.gender }),
        ...(patch.birthYear !== undefined && { birth_year: patch.birthYear }),
        ...(patch.education !== undefined && { education: patch.education }),
        ...(patch.reserve !== undefined && { reserve: patch.reserve }),
        ...(patch.unit !== undefined && { unit: patch.unit }),
        ...(patch.phone !== undefined && phoneColumns(ctx.pii, patch.phone)),
        ...(patch.idNumber !== undefined && idNumberColumns(ctx.pii, patch.idNumber)),
        updated_at: ctx.now(),
      });
      await recordAudit(tx, {
        actor,
        countyCode: row.county_code,
        action: 'cadre.update',
        entityType: 'cadre',
        entityId: id,
        before: { regionCode: row.region_code, posts: row.posts, reserve: row.reserve },
        after: { fields: Object.keys(patch), regionCode, posts },
        requestId,
      });
    }),
  );
}

/** The clear phone and/or ID number, with a reason; the audit row (who, which fields, why) in the same transaction. */
export async function revealCadre(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { reason: string; fields: Array<'phone' | 'idNumber'> },
  requestId?: string,
) {
  const fields = [...new Set(input.fields)];
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.findCadre(tx, scopeOf(actor), id);
    if (!c) throw new AppError('NOT_FOUND');
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'cadre.reveal',
      entityType: 'cadre',
      entityId: id,
      after: { fields },
      reason: input.reason,
      requestId,
    });
    const clear = (enc: Buffer | null, field: 'phone' | 'idNumber') =>
      enc && fields.includes(field) ? ctx.pii.decrypt(enc) : null;
    return { id, phone: clear(c.phone_enc, 'phone'), idNumber: clear(c.id_number_enc, 'idNumber') };
  });
}

export async function addTraining(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { title: string; heldOn: string; hours: number },
  requestId?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCadre(tx, scopeOf(actor), id);
    if (!c) throw new AppError('NOT_FOUND');
    const t = await repo.insertTraining(tx, {
      county_code: c.county_code,
      cadre_id: id,
      title: input.title,
      held_on: input.heldOn,
      hours: input.hours,
    });
    await recordAudit(tx, {
      actor,
      countyCode: c.county_code,
      action: 'cadre.training',
      entityType: 'cadre',
      entityId: id,
      after: { trainingId: t.id, heldOn: input.heldOn },
      requestId,
    });
    return { id: t.id };
  });
}

/** Sends a cadre (of the caller's scope) to a village of the caller's scope as its first secretary. */
export async function postFirstSecretary(
  ctx: Ctx,
  actor: Actor,
  id: number,
  input: { villageCode: string; sendingUnit: string; unitKind: string; startedOn: string },
  requestId?: string,
) {
  const v = await repo.regionOf(ctx.db, input.villageCode);
  if (!v || v.level !== 'village') throw new AppError('CADRE_VILLAGE_INVALID');
  const villagePath = pathOf(input.villageCode);
  if (v.county_code !== actor.countyCode || !inScope(actor, villagePath)) throw new AppError('NOT_FOUND');
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockCadre(tx, scopeOf(actor), id);
    if (!c) throw new AppError('NOT_FOUND');
    const p = await repo.insertPosting(tx, {
      county_code: c.county_code,
      cadre_id: id,
      village_code: input.villageCode,
      village_path: villagePath,
      sending_unit: input.sendingUnit,
      unit_kind: input.unitKind,
      started_on: input.startedOn,
    });
    await recordAudit(tx, {
      actor,
      countyCode: c.county_code,
      action: 'cadre.first_secretary',
      entityType: 'cadre',
      entityId: id,
      after: { postingId: p.id, villageCode: input.villageCode, startedOn: input.startedOn },
      requestId,
    });
    return { id: p.id };
  });
}

export async function endFirstSecretary(
  ctx: Ctx,
  actor: Actor,
  postingId: number,
  endedOn: string,
  requestId?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await repo.lockPosting(tx, scopeOf(actor), postingId);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.ended_on !== null) throw new AppError('CADRE_POSTING_ENDED');
    if (endedOn < p.started_on) throw new AppError('CADRE_DATE_ORDER');
    await repo.endPosting(tx, actor.countyCode, postingId, endedOn);
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'cadre.first_secretary_end',
      entityType: 'first_secretary',
      entityId: postingId,
      after: { endedOn },
      requestId,
    });
  });
}

/** Pairs a mentor with a new secretary (清原's 导师帮带); both must lie in the caller's scope. */
export async function pairMentor(
  ctx: Ctx,
  actor: Actor,
  input: { mentorId: number; menteeId: number; startedOn: string },
  requestId?: string,
) {
  if (input.mentorId === input.menteeId) throw new AppError('CADRE_MENTOR_SELF');
  return ctx.db.transaction().execute(async (tx) => {
    const scope = scopeOf(actor);
    const [mentor, mentee] = await Promise.all([
      repo.lockCadre(tx, scope, input.mentorId),
      repo.lockCadre(tx, scope, input.menteeId),
    ]);
    if (!mentor || !mentee) throw new AppError('NOT_FOUND');
    const running = await repo.pairingsOf(tx, actor.countyCode, input.menteeId, 'mentee');
    if (running.some((p) => p.mentor_id === input.mentorId && p.ended_on === null))
      throw new AppError('CADRE_MENTOR_PAIRED');
    const p = await repo.insertPairing(tx, {
      county_code: actor.countyCode,
      mentor_id: input.mentorId,
      mentee_id: input.menteeId,
      started_on: input.startedOn,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'cadre.mentor',
      entityType: 'cadre',
      entityId: input.menteeId,
      after: { pairingId: p.id, mentorId: input.mentorId },
      requestId,
    });
    return { id: p.id };
  });
}

/** Ends a mentor pair (导师帮带) with a date and a reason; audited. */
export async function endPairing(
  ctx: Ctx,
  actor: Actor,
  pairingId: number,
  input: { endedOn: string; reason: string },
  requestId?: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await repo.lockPairing(tx, scopeOf(actor), pairingId);
    if (!p) throw new AppError('NOT_FOUND');
    if (p.ended_on !== null) throw new AppError('CADRE_PAIRING_ENDED');
    if (input.endedOn < p.started_on) throw new AppError('CADRE_DATE_ORDER');
    await repo.endPairing(tx, actor.countyCode, pairingId, {
      ended_on: input.endedOn,
      end_reason: input.reason,
    });
    await recordAudit(tx, {
      actor,
      countyCode: actor.countyCode,
      action: 'cadre.mentor_end',
      entityType: 'cadre',
      entityId: p.mentee_id,
      after: { pairingId, mentorId: p.mentor_id, endedOn: input.endedOn },
      reason: input.reason,
      requestId,
    });
  });
}
