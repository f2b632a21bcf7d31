import type { DbOrTx } from '../../platform/db/database.js';
import { claimPhotos } from '../photos/index.js';

/** Attaches uploaded photos to a case (see claimPhotos in the photos module). */
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
