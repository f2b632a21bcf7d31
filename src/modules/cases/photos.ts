import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';

/** What an uploaded photo can serve: exactly one case, visit, wish or errand (a CHECK holds it). */
export type PhotoOwner = { column: 'case_id' | 'visit_id' | 'wish_id' | 'errand_id'; id: number };

/**
 * Gives uploaded photos to their one owner. Only photos the same account
 * uploaded and that nothing uses yet qualify; any other id is an error and
 * nothing is attached (the caller's transaction rolls back).
 */
export async function claimPhotos(
  tx: DbOrTx,
  countyCode: string,
  owner: PhotoOwner,
  ids: string[],
  uploadedBy: number | null,
  phase?: 'before' | 'after' | 'evidence',
): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  let q = tx
    .updateTable('case_photo')
    .set({ [owner.column]: owner.id, ...(phase ? { phase } : {}) })
    .where('county_code', '=', countyCode)
    .where('id', 'in', unique)
    .where('case_id', 'is', null)
    .where('visit_id', 'is', null)
    .where('wish_id', 'is', null)
    .where('errand_id', 'is', null);
  q = uploadedBy === null ? q.where('uploaded_by', 'is', null) : q.where('uploaded_by', '=', uploadedBy);
  const res = await q.executeTakeFirst();
  if (Number(res.numUpdatedRows) !== unique.length) throw new AppError('PHOTO_NOT_FOUND');
  return unique;
}

/** Attaches uploaded photos to a case (see claimPhotos). */
export function attachPhotos(
  tx: DbOrTx,
  countyCode: string,
  caseId: number,
  ids: string[],
  phase: 'before' | 'after' | 'evidence',
  uploadedBy: number | null,
): Promise<string[]> {
  return claimPhotos(tx, countyCode, { column: 'case_id', id: caseId }, ids, uploadedBy, phase);
}
