import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.js';
import './errors.js'; // registers this module's codes (ADR 0005)

/** Lesson media: MP4 or WebM video, or PDF slides; at most 50 MB, sniffed from the bytes. */
export const MAX_LESSON_MEDIA_BYTES = 50 * 1024 * 1024;
const KINDS: Record<string, 'video' | 'slides'> = {
  'video/mp4': 'video',
  'video/webm': 'video',
  'application/pdf': 'slides',
};

export async function sniffMedia(data: Buffer) {
  if (data.length === 0 || data.length > MAX_LESSON_MEDIA_BYTES) throw new AppError('LESSON_MEDIA_INVALID');
  const type = await fileTypeFromBuffer(data);
  const kind = type ? KINDS[type.mime] : undefined;
  if (!type || !kind) throw new AppError('LESSON_MEDIA_INVALID');
  return { mime: type.mime, ext: type.ext, kind };
}

/** A blob key beside the photos' (the photos module's store holds both). */
export const mediaKey = (countyCode: string, lessonId: number, ext: string) =>
  `lessons/${countyCode}/${lessonId}/${randomUUID()}.${ext}`;

export type ByteRange = { start: number; end: number };

/**
 * One byte range of a `Range` header (`bytes=a-b`, `bytes=a-`, `bytes=-n`) over a body of `size` bytes:
 * null when there is no header (the whole body), 'unsatisfiable' when it asks for nothing that exists.
 * Several ranges are answered as the whole body (as a server may); so is a header of another unit or
 * one that cannot be read (full-width digits, signs, decimals …), which RFC 9110 §14.2 says to ignore.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
