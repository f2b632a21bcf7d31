import type { Insertable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database.js';
import type { CasePhoto } from '../../platform/db/schema.js';

/** The column of `case_photo` that names what a photo serves (at most one is set: a CHECK holds it). */
export type OwnerColumn =
  | 'case_id'
  | 'visit_id'
  | 'wish_id'
  | 'errand_id'
  | 'mediation_session_id'
  | 'campaign_target_id'
  | 'whistle_id';
export const OWNER_COLUMNS: readonly OwnerColumn[] = [
  'case_id',
  'visit_id',
  'wish_id',
  'errand_id',
  'mediation_session_id',
  'campaign_target_id',
  'whistle_id',
];

export async function insertPhoto(db: DbOrTx, row: Insertable<CasePhoto>): Promise<void> {
  await db.insertInto('case_photo').values(row).execute();
}

/**
 * A photo with what it serves, by its id alone (a published photo is served to anyone,
 * whatever their county): authorizePhotoView decides who sees it before anything is sent.
 */
export async function findPhoto(db: DbOrTx, id: string) {
  return db
    .selectFrom('case_photo')
    .select([
      'county_code',
      'id',
      'case_id',
      'visit_id',
      'wish_id',
      'errand_id',
      'mediation_session_id',
      'campaign_target_id',
      'whistle_id',
      'phase',
      'uploaded_by',
      'mime',
      'original_key',
      'public_key',
      'thumb_key',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type PhotoRecord = NonNullable<Awaited<ReturnType<typeof findPhoto>>>;

/**
 * Sets the owner of photos that `uploadedBy` uploaded (null: uploaded without an
 * account) and that serve nothing yet; returns how many it took.
 */
export async function setOwner(
  tx: DbOrTx,
  countyCode: string,
  column: OwnerColumn,
  ownerId: number,
  ids: string[],
  uploadedBy: number | null,
  phase?: 'before' | 'after' | 'evidence',
): Promise<number> {
  let q = tx
    .updateTable('case_photo')
    .set({ [column]: ownerId, ...(phase ? { phase } : {}) })
    .where('county_code', '=', countyCode)
    .where('id', 'in', ids);
  for (const c of OWNER_COLUMNS) q = q.where(c, 'is', null);
  q = uploadedBy === null ? q.where('uploaded_by', 'is', null) : q.where('uploaded_by', '=', uploadedBy);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** The photos serving one owner, oldest first. */
export async function photosOf(db: DbOrTx, countyCode: string, column: OwnerColumn, ownerId: number) {
  return db
    .selectFrom('case_photo')
    .select(['id', 'phase', 'width', 'height', 'taken_at'])
    .where('county_code', '=', countyCode)
    .where(column, '=', ownerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The ids of the photos serving each of several owners of one kind, oldest first. */
export async function photoIdsOf(
  db: DbOrTx,
  countyCode: string,
  column: OwnerColumn,
  ownerIds: number[],
): Promise<Map<number, string[]>> {
  const byOwner = new Map<number, string[]>();
  if (ownerIds.length === 0) return byOwner;
  const rows = await db
    .selectFrom('case_photo')
    .select(['id', column])
    .where('county_code', '=', countyCode)
    .where(column, 'in', ownerIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const owner = (r as Record<OwnerColumn, number | null>)[column]!;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), r.id]);
  }
  return byOwner;
}

/** For each case, the id of its first (or latest) photo of a phase (before, after). */
export async function casePhotoOfPhase(
  db: DbOrTx,
  countyCode: string,
  caseIds: number[],
  phase: 'before' | 'after',
  which: 'first' | 'latest',
): Promise<Map<number, string>> {
  if (caseIds.length === 0) return new Map();
  const order = which === 'first' ? 'asc' : 'desc';
  const rows = await db
    .selectFrom('case_photo')
    .select(['case_id', 'id'])
    .distinctOn('case_id')
    .where('county_code', '=', countyCode)
    .where('case_id', 'in', caseIds)
    .where('phase', '=', phase)
    .orderBy('case_id')
    .orderBy('created_at', order)
    .orderBy('id', order)
    .execute();
  return new Map(rows.map((r) => [r.case_id!, r.id]));
}

/** Which of these photos were taken in a phase (e.g. the after-photos among a step's photos). */
export async function photosInPhase(
  db: DbOrTx,
  countyCode: string,
  ids: string[],
  phase: 'before' | 'after' | 'evidence',
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('case_photo')
    .select('id')
    .where('county_code', '=', countyCode)
    .where('id', 'in', ids)
    .where('phase', '=', phase)
    .execute();
  return new Set(rows.map((r) => r.id));
}
