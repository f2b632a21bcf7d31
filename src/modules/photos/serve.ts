import { AppError } from '../../platform/errors.js';
import type { Actor } from '../accounts/index.js';
import { authorizePhotoView, type PhotoRules } from './access.js';
import { findPhoto } from './repository.js';
import type { PhotoDeps } from './upload.js';
import type { PhotoVariant } from './urls.js';

export type ServedPhoto = { body: Buffer; headers: Record<string, string> };

/**
 * One photo variant for a caller (null: not signed in), with the one set of headers
 * every photo answer carries: its content type, nosniff, and a cache policy that lets
 * shared caches keep only a published photo's public copy.
 */
export async function servePhoto(
  deps: PhotoDeps,
  rules: PhotoRules,
  actor: Actor | null,
  id: string,
  variant: PhotoVariant,
): Promise<ServedPhoto> {
  const photo = await findPhoto(deps.db, id);
  if (!photo) throw new AppError('NOT_FOUND');
  const audience = await authorizePhotoView(deps.db, rules, actor, photo, variant);
  const key =
    variant === 'original' ? photo.original_key : variant === 'thumb' ? photo.thumb_key : photo.public_key;
  const body = await deps.media.get(key);
  if (!body) throw new AppError('NOT_FOUND');
  return {
    body,
    headers: {
      'content-type': variant === 'original' ? photo.mime : 'image/jpeg',
      'x-content-type-options': 'nosniff',
      'cache-control': audience === 'public' ? 'public, max-age=86400' : 'private, max-age=86400, immutable',
    },
  };
}
