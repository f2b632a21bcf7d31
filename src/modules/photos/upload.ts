import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.js';
import type { Actor } from '../accounts/index.js';
import type { BlobStore } from './blob-store.js';
import { processPhoto, storePhoto } from './process.js';
import { insertPhoto } from './repository.js';
import { photoLinks } from './urls.js';

/** What the photo use cases need from the platform. */
export type PhotoDeps = { db: Db; media: BlobStore; now: () => Date };

export type UploadedPhoto = {
  id: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  takenAt: string | null;
  gps: { lat: number; lng: number } | null;
  url: string;
  thumbUrl: string;
};

/**
 * Takes an uploaded image: sniffs its type, reads EXIF time and position, keeps the
 * original and writes the EXIF-stripped copy and the thumbnail, then records the photo
 * as the uploader's, serving nothing until a report or an action claims it.
 */
export async function uploadPhoto(deps: PhotoDeps, actor: Actor, data: Buffer): Promise<UploadedPhoto> {
  const processed = await processPhoto(data);
  const id = randomUUID();
  const keys = await storePhoto(deps.media, processed, id, deps.now());
  try {
    await insertPhoto(deps.db, {
      county_code: actor.countyCode,
      id,
      phase: 'evidence',
      mime: processed.mime,
      width: processed.width,
      height: processed.height,
      bytes: processed.bytes,
      sha256: processed.sha256,
      taken_at: processed.takenAt,
      gps_lat: processed.gps?.lat ?? null,
      gps_lng: processed.gps?.lng ?? null,
      original_key: keys.originalKey,
      public_key: keys.publicKey,
      thumb_key: keys.thumbKey,
      uploaded_by: actor.accountId,
    });
  } catch (err) {
    // no row names these blobs: remove them rather than leave them behind
    await Promise.all(Object.values(keys).map((k) => deps.media.delete(k).catch(() => undefined)));
    throw err;
  }
  return {
    mime: processed.mime,
    width: processed.width,
    height: processed.height,
    bytes: processed.bytes,
    takenAt: processed.takenAt?.toISOString() ?? null,
    gps: processed.gps,
    ...photoLinks(id),
  };
}
