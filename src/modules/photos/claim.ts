import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { setOwner, type OwnerColumn } from './repository.js';

/** What an uploaded photo can serve: exactly one case, visit, wish or errand (a CHECK holds it). */
export type PhotoOwner = { column: OwnerColumn; id: number };

/**
 * Gives uploaded photos to their one owner. Only photos the same account uploaded
 * and that nothing uses yet qualify; any other id is an error (PHOTO_NOT_FOUND) and
 * nothing is attached (the caller's transaction rolls back). Returns the ids, once each.
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
  const taken = await setOwner(tx, countyCode, owner.column, owner.id, unique, uploadedBy, phase);
  if (taken !== unique.length) throw new AppError('PHOTO_NOT_FOUND');
  return unique;
}
