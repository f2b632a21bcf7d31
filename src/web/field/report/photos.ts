import { api } from '../../shared/api.js';
import { ok, timeout } from '../net.js';
import { newKey, type PhotoEntry } from '../offline/db.js';
import { readCapture, withCapture } from './exif-keep.js';

const MAX_BYTES = 1.5 * 1024 * 1024;
const MAX_SIDE = 1600;

/**
 * A picked photo, ready to keep on the phone. Big camera photos are shrunk to
 * ≤1600 px JPEG (a few hundred KB) so they go through a weak signal, keeping their
 * EXIF capture time and position (read first, written back: see exif-keep.ts);
 * small ones are kept as they are. The server reads and checks both either way.
 */
export async function preparePhoto(file: File): Promise<PhotoEntry> {
  let blob: Blob = file;
  if (file.size > MAX_BYTES) {
    const capture = await readCapture(file);
    const small = await shrink(file).catch(() => null);
    if (small) blob = capture ? await withCapture(small, capture).catch(() => small) : small;
  }
  return { key: newKey(), blob, name: file.name || 'photo.jpg' };
}

async function shrink(file: File): Promise<Blob | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const out = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
  return out && out.size < file.size ? out : null;
}

/** POST /api/v1/photos (multipart field `file`) → the photo's id. */
export async function uploadPhoto(photo: PhotoEntry): Promise<string> {
  const form = new FormData();
  form.append('file', photo.blob, photo.name.replace(/\.\w+$/, '') + extOf(photo.blob));
  const res = await ok(
    api.POST('/api/v1/photos', {
      body: form as never,
      bodySerializer: (b: unknown) => b,
      signal: timeout(120_000),
    }),
  );
  return res.id;
}

function extOf(blob: Blob): string {
  if (blob.type === 'image/png') return '.png';
  if (blob.type === 'image/webp') return '.webp';
  if (blob.type === 'image/heic' || blob.type === 'image/heif') return '.heic';
  return '.jpg';
}

/** Upload the photos that have no server id yet; `onId` is told of each new id. */
export async function uploadMissing(
  photos: PhotoEntry[],
  onId: (key: string, id: string) => Promise<void> | void,
): Promise<string[]> {
  const ids: string[] = [];
  for (const p of photos) {
    if (!p.serverId) {
      p.serverId = await uploadPhoto(p);
      await onId(p.key, p.serverId);
    }
    ids.push(p.serverId);
  }
  return ids;
}
