import { createHash } from 'node:crypto';
import exifr from 'exifr';
import { fileTypeFromBuffer } from 'file-type';
import heicConvert from 'heic-convert';
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { AppError } from '../../platform/errors.js';
import type { BlobStore } from './blob-store.js';

/**
 * Photos from residents and grid workers (snap-and-report) and departments'
 * after-photos. The original is kept byte for byte (evidence); what is shown is
 * a re-encoded JPEG without any metadata, so GPS and device data never leak.
 */

export type PhotoMime =
  'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'image/heif' | 'image/avif';

export type ProcessedPhoto = {
  /** sniffed from the bytes, never from a file name or a declared type */
  mime: PhotoMime;
  ext: 'jpg' | 'png' | 'webp' | 'heic' | 'heif' | 'avif';
  /** full-resolution size as displayed, i.e. after EXIF orientation */
  width: number;
  height: number;
  /** size of the original */
  bytes: number;
  /** hex SHA-256 of the original */
  sha256: string;
  /** EXIF capture time; zone-less EXIF times are taken as Asia/Shanghai (+08:00) */
  takenAt: Date | null;
  /** EXIF GPS position as recorded (WGS-84); null when absent, invalid or 0,0 */
  gps: { lat: number; lng: number } | null;
  original: Buffer;
  /** auto-rotated, at most 2048 px on the long edge, JPEG q82, no metadata */
  publicJpeg: Buffer;
  /** at most 320 px on the long edge, no metadata */
  thumbJpeg: Buffer;
};

export const DEFAULT_MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/** Decoding cost guard (a 15 MiB PNG can hold far more pixels than any phone takes). */
export const MAX_PHOTO_PIXELS = 100_000_000;
const PUBLIC_EDGE = 2048;
const PUBLIC_QUALITY = 82;
const THUMB_EDGE = 320;
const THUMB_QUALITY = 78;
const CHINA_OFFSET_MINUTES = 8 * 60;

const ACCEPTED: Record<string, ProcessedPhoto['ext']> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/avif': 'avif', // AV1 in a HEIF container, which sharp decodes itself
};
const HEIF_FAMILY = new Set(['image/heic', 'image/heif', 'image/avif']);

// 'error' rather than sharp's default 'warning': cheap phones' JPEGs often carry
// harmless libjpeg warnings (extraneous bytes), while truncation still fails.
const DECODE: SharpOptions = { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS };

/** The decoder's own message stays server-side: it names library internals. */
function corrupt(): AppError {
  return new AppError('VALIDATION_FAILED', {
    detail: '图片文件已损坏或不完整，无法解码，请重新拍摄或上传',
    detailEn: 'the image is damaged or incomplete and cannot be decoded; please take or upload it again',
  });
}

export async function processPhoto(data: Buffer, opts: { maxBytes?: number } = {}): Promise<ProcessedPhoto> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PHOTO_BYTES;
  if (data.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      detail: '上传的文件为空',
      detailEn: 'the uploaded file is empty',
    });
  }
  if (data.length > maxBytes) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    throw new AppError('PAYLOAD_TOO_LARGE', {
      detail: `照片不能超过 ${mb} MB`,
      detailEn: `a photo may be at most ${mb} MB`,
      details: { maxBytes, bytes: data.length },
    });
  }

  const type = await fileTypeFromBuffer(data);
  const ext = type ? ACCEPTED[type.mime] : undefined;
  if (!type || !ext) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      detail: `仅支持 JPEG、PNG、WebP、HEIC 格式的照片（实际内容：${type?.mime ?? '无法识别'}）`,
      detailEn: `only JPEG, PNG, WebP and HEIC photos are accepted (the content is ${type?.mime ?? 'not recognised'})`,
      details: { detected: type?.mime ?? null },
    });
  }
  const mime = type.mime as PhotoMime;

  let meta: Metadata;
  try {
    // header only; the pixel limit is checked below with a clearer error
    meta = await sharp(data, { ...DECODE, limitInputPixels: false }).metadata();
  } catch {
    throw corrupt();
  }
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PHOTO_PIXELS) {
    throw new AppError('PAYLOAD_TOO_LARGE', {
      detail: `照片像素过多（上限 ${MAX_PHOTO_PIXELS / 1_000_000} 百万像素）`,
      detailEn: `the photo has too many pixels (at most ${MAX_PHOTO_PIXELS / 1_000_000} megapixels)`,
    });
  }

  const { takenAt, gps } = await readExif(data, meta.exif);

  let rendered: Rendered;
  try {
    rendered = await render(data);
  } catch {
    // The prebuilt sharp has libheif without an HEVC decoder: decode HEIC in WASM instead.
    if (!HEIF_FAMILY.has(mime)) throw corrupt();
    let decoded: Buffer;
    try {
      decoded = Buffer.from(await heicConvert({ buffer: data, format: 'JPEG', quality: 0.95 }));
    } catch {
      throw corrupt();
    }
    rendered = await render(decoded).catch(() => {
      throw corrupt();
    });
  }

  return {
    mime,
    ext,
    ...rendered,
    bytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    takenAt,
    gps,
    original: data,
  };
}

type Rendered = { width: number; height: number; publicJpeg: Buffer; thumbJpeg: Buffer };

/** Decodes, auto-orients and re-encodes. sharp writes no metadata unless asked (and converts to sRGB). */
async function render(src: Buffer): Promise<Rendered> {
  const meta = await sharp(src, DECODE).metadata();
  const full = meta.autoOrient ?? { width: meta.width, height: meta.height };
  const publicJpeg = await sharp(src, DECODE)
    .autoOrient()
    .resize({ width: PUBLIC_EDGE, height: PUBLIC_EDGE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' }) // transparent PNG/WebP: white, not JPEG's default black
    .jpeg({ quality: PUBLIC_QUALITY, mozjpeg: true })
    .toBuffer();
  const thumbJpeg = await sharp(publicJpeg)
    .resize({ width: THUMB_EDGE, height: THUMB_EDGE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: THUMB_QUALITY, mozjpeg: true })
    .toBuffer();
  if (!full.width || !full.height) throw new Error('image has no dimensions');
  return { width: full.width, height: full.height, publicJpeg, thumbJpeg };
}

type ExifTags = Record<string, unknown>;

/** Capture time and GPS; a photo without (or with broken) EXIF simply has neither. */
async function readExif(
  data: Buffer,
  exifBlock: Buffer | undefined,
): Promise<Pick<ProcessedPhoto, 'takenAt' | 'gps'>> {
  const options = { tiff: true, exif: true, gps: true, reviveValues: false, translateValues: false };
  let tags: ExifTags | undefined;
  try {
    // sharp extracts the EXIF block from every accepted container (exifr alone
    // cannot read WebP, and fails on some libheif-written HEIF files).
    if (exifBlock && exifBlock.length > 8) {
      const tiff =
        exifBlock.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exifBlock.subarray(6) : exifBlock;
      tags = (await exifr.parse(tiff, options)) as ExifTags | undefined;
    } else {
      tags = (await exifr.parse(data, options)) as ExifTags | undefined;
    }
  } catch {
    tags = undefined;
  }
  if (!tags) return { takenAt: null, gps: null };
  const takenAt =
    parseExifTime(tags.DateTimeOriginal, tags.OffsetTimeOriginal, tags.SubSecTimeOriginal) ??
    parseExifTime(tags.CreateDate, tags.OffsetTimeDigitized, tags.SubSecTimeDigitized);
  return { takenAt, gps: validGps(tags.latitude, tags.longitude) };
}

/**
 * 'YYYY:MM:DD HH:MM:SS' (EXIF has no zone) plus the optional '+HH:MM' offset
 * tag and sub-second digits. Without an offset the time is Beijing time.
 */
export function parseExifTime(value: unknown, offset?: unknown, subSec?: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(wall).getUTCDate() !== d) return null; // e.g. 2026:02:31

  let offsetMinutes = CHINA_OFFSET_MINUTES;
  const o = typeof offset === 'string' ? /^([+-])(\d{2}):?(\d{2})$/.exec(offset.trim()) : null;
  if (o) {
    const minutes = Number(o[2]) * 60 + Number(o[3]);
    if (minutes <= 14 * 60) offsetMinutes = o[1] === '-' ? -minutes : minutes;
  }
  let ms = 0;
  const sub = typeof subSec === 'number' ? String(subSec) : typeof subSec === 'string' ? subSec.trim() : '';
  if (/^\d+$/.test(sub)) ms = Math.floor(Number(`0.${sub}`) * 1000);
  return new Date(wall - offsetMinutes * 60_000 + ms);
}

function validGps(lat: unknown, lng: unknown): ProcessedPhoto['gps'] {
  if (typeof lat !== 'number' || typeof lng !== 'number') return null;
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return null;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  // phones without a fix often write 0,0 (the Gulf of Guinea, not a Chinese county)
  if (lat === 0 && lng === 0) return null;
  return { lat, lng };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes original, public and thumbnail under `photos/YYYY/MM/<id>/` (year and
 * month of `now` in Beijing time). On failure, blobs already written are removed.
 */
export async function storePhoto(
  store: BlobStore,
  processed: ProcessedPhoto,
  id: string,
  now: Date = new Date(),
): Promise<{ originalKey: string; publicKey: string; thumbKey: string }> {
  if (!UUID.test(id)) throw new Error(`storePhoto: id must be a UUID, got ${JSON.stringify(id)}`);
  const beijing = new Date(now.getTime() + CHINA_OFFSET_MINUTES * 60_000);
  const prefix = `photos/${beijing.getUTCFullYear()}/${String(beijing.getUTCMonth() + 1).padStart(2, '0')}/${id.toLowerCase()}`;
  const keys = {
    originalKey: `${prefix}/original.${processed.ext}`,
    publicKey: `${prefix}/public.jpg`,
    thumbKey: `${prefix}/thumb.jpg`,
  };
  const writes: [string, Buffer, string][] = [
    [keys.originalKey, processed.original, processed.mime],
    [keys.publicKey, processed.publicJpeg, 'image/jpeg'],
    [keys.thumbKey, processed.thumbJpeg, 'image/jpeg'],
  ];
  const written: string[] = [];
  try {
    for (const [key, bytes, type] of writes) {
      await store.put(key, bytes, type);
      written.push(key);
    }
  } catch (err) {
    await Promise.all(written.map((key) => store.delete(key).catch(() => undefined)));
    throw err;
  }
  return keys;
}
