import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';

/**
 * Attaches uploaded photos to a case. Only photos the same account uploaded
 * and that nothing uses yet (no case, visit, wish or errand) qualify; any other id is an error (nothing attached).
 */
export async function attachPhotos(tx: DbOrTx, countyCode: string, caseId: number, ids: string[], phase: 'before' | 'after' | 'evidence', uploadedBy: number | null): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  let q = tx
    .updateTable('case_photo')
    .set({ case_id: caseId, phase })
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
