import type { DbOrTx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import type { PhotoRecord } from './repository.js';
import type { PhotoVariant } from './urls.js';

export type PhotoOwnerKind =
  'case' | 'visit' | 'wish' | 'errand' | 'mediation' | 'campaign_target' | 'whistle';

/** Does this signed-in caller see that case (visit, wish, errand)? The owning module's own rule. */
export type OwnerVisibility = (db: DbOrTx, actor: Actor, ownerId: number) => Promise<boolean>;

/**
 * The owning modules' rules, handed to the photos module when the app is wired (so that
 * photos imports none of its owners): who sees each kind of owner, and which case photos
 * are published to anyone (Open311's before/after photos of cases that are not restricted).
 */
export type PhotoRules = {
  sees: Record<PhotoOwnerKind, OwnerVisibility>;
  published: (db: DbOrTx, countyCode: string, caseId: number, phase: string) => Promise<boolean>;
};

/** Who may cache the answer: anyone (a published photo's copies) or the caller's browser only. */
export type PhotoAudience = 'public' | 'private';

/** What a photo serves, from the one owner column that is set. */
export function ownerOf(p: PhotoRecord): { kind: PhotoOwnerKind; id: number } | null {
  if (p.case_id !== null) return { kind: 'case', id: p.case_id };
  if (p.visit_id !== null) return { kind: 'visit', id: p.visit_id };
  if (p.wish_id !== null) return { kind: 'wish', id: p.wish_id };
  if (p.errand_id !== null) return { kind: 'errand', id: p.errand_id };
  if (p.mediation_session_id !== null) return { kind: 'mediation', id: p.mediation_session_id };
  if (p.campaign_target_id !== null) return { kind: 'campaign_target', id: p.campaign_target_id };
  if (p.whistle_id !== null) return { kind: 'whistle', id: p.whistle_id };
  return null;
}

/**
 * The one decision on who sees a photo (404 when not visible, 403 when visible but the
 * variant is not allowed):
 * - a published case photo (Open311's media_url, the village's own cases): its public copy
 *   and thumbnail to anyone, even without signing in;
 * - its uploader: every variant, claimed or not (an unclaimed photo: nobody else);
 * - whoever sees what the photo serves, by the owner's rule: the public copy and thumbnail;
 *   the original (with its EXIF position) only for staff who see the case it serves.
 */
export async function authorizePhotoView(
  db: DbOrTx,
  rules: PhotoRules,
  actor: Actor | null,
  photo: PhotoRecord,
  variant: PhotoVariant,
): Promise<PhotoAudience> {
  if (
    variant !== 'original' &&
    photo.case_id !== null &&
    (await rules.published(db, photo.county_code, photo.case_id, photo.phase))
  )
    return 'public';
  if (!actor || actor.countyCode !== photo.county_code) throw new AppError('NOT_FOUND');
  if (photo.uploaded_by === actor.accountId) return 'private';
  const owner = ownerOf(photo);
  if (!owner || !(await rules.sees[owner.kind](db, actor, owner.id))) throw new AppError('NOT_FOUND');
  if (variant === 'original' && (owner.kind !== 'case' || actor.role === 'resident'))
    throw new AppError('FORBIDDEN');
  return 'private';
}
