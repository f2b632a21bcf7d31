import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import exifr from 'exifr';
import sharp, { type Exif } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { LocalBlobStore, type BlobStore } from './blob-store.js';
import { parseExifTime, processPhoto, storePhoto, type ProcessedPhoto } from './process.js';

/*
 * Every image is made here with sharp, except fixtures/hevc-96x64.heic (930 bytes):
 * a real HEVC HEIC, which sharp's prebuilt libheif can neither write nor decode. It was
 * made with Debian's libheif-examples 1.15 (x265) from a 96x64 sharp JPEG carrying
 * DateTimeOriginal 2026:11:03 09:15:00 (no offset) and GPS 31°13'48"N 121°28'12"E:
 *   heif-enc -q 40 -o hevc-96x64.heic src.jpg
 */
const HEIC_FIXTURE = new URL('./fixtures/hevc-96x64.heic', import.meta.url);
const ID = '0b5c2a4e-7f55-4a8e-9f0e-3c1d2b6a9e10';

const EXIF: Exif = {
  IFD0: { Make: 'Cheapphone', Model: 'X1' },
  IFD2: { DateTimeOriginal: '2026:11:03 14:25:36' },
  // 30°15'30"N 120°10'12.34"E, as rationals
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '30/1 15/1 3000/100',
    GPSLongitudeRef: 'E',
    GPSLongitude: '120/1 10/1 1234/100',
  },
};
const LAT = 30 + 15 / 60 + 30 / 3600;
const LNG = 120 + 10 / 60 + 12.34 / 3600;

/** width x height, left half red and right half blue, so rotation can be seen in the pixels */
function halves(width: number, height: number) {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++)
      raw.set(x < width / 2 ? [220, 20, 20] : [20, 20, 220], (y * width + x) * 3);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

async function expectAppError(p: Promise<unknown>, code: AppError['code'], status: number) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).status).toBe(status);
  return err as AppError;
}

/** No EXIF/GPS/XMP/ICC left in a derived JPEG, by parser and by raw bytes. */
async function expectStripped(jpeg: Buffer) {
  expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(await exifr.parse(jpeg, { tiff: true, gps: true, xmp: true })).toBeUndefined();
  const meta = await sharp(jpeg).metadata();
  expect(meta.format).toBe('jpeg');
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(jpeg.includes('Exif')).toBe(false);
  expect(jpeg.includes('GPS')).toBe(false);
  expect(jpeg.includes('Cheapphone')).toBe(false);
}

async function rgbAt(jpeg: Buffer, x: number, y: number) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i], data[i + 1], data[i + 2]] as number[];
}

describe('processPhoto', () => {
  it('reads a JPEG: type, size, hash, EXIF time (as +08:00) and GPS; derived copies are stripped', async () => {
    const input = await halves(640, 480).jpeg({ quality: 90 }).withExif(EXIF).toBuffer();
    const p = await processPhoto(input);
    expect(p).toMatchObject({ mime: 'image/jpeg', ext: 'jpg', width: 640, height: 480, bytes: input.length });
    expect(p.sha256).toBe(createHash('sha256').update(input).digest('hex'));
    expect(p.original).toBe(input);
    expect(p.takenAt?.toISOString()).toBe('2026-11-03T06:25:36.000Z');
    expect(p.gps?.lat).toBeCloseTo(LAT, 9);
    expect(p.gps?.lng).toBeCloseTo(LNG, 9);
    expect(await sharp(p.publicJpeg).metadata()).toMatchObject({ width: 640, height: 480 });
    expect(await sharp(p.thumbJpeg).metadata()).toMatchObject({ width: 320, height: 240 });
    await expectStripped(p.publicJpeg);
    await expectStripped(p.thumbJpeg);
  });

  it('uses OffsetTimeOriginal and sub-seconds when present', async () => {
    const input = await halves(64, 48)
      .jpeg()
      .withExif({
        IFD2: {
          DateTimeOriginal: '2026:11:03 14:25:36',
          OffsetTimeOriginal: '-05:00',
          SubSecTimeOriginal: '25',
        },
      })
      .toBuffer();
    const p = await processPhoto(input);
    expect(p.takenAt?.toISOString()).toBe('2026-11-03T19:25:36.250Z');
    expect(p.gps).toBeNull();
  });

  it('has null time and position for a photo without EXIF, and ignores a 0,0 fix', async () => {
    expect(await processPhoto(await halves(64, 48).jpeg().toBuffer())).toMatchObject({
      takenAt: null,
      gps: null,
    });
    const zero = await halves(64, 48)
      .jpeg()
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '0/1 0/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '0/1 0/1 0/1',
        },
      })
      .toBuffer();
    expect((await processPhoto(zero)).gps).toBeNull();
  });

  it('limits the public copy to 2048 px and the thumbnail to 320 px on the long edge', async () => {
    const p = await processPhoto(await halves(3000, 1200).jpeg().toBuffer());
    expect(p).toMatchObject({ width: 3000, height: 1200 });
    expect(await sharp(p.publicJpeg).metadata()).toMatchObject({ width: 2048, height: 819 });
    expect(await sharp(p.thumbJpeg).metadata()).toMatchObject({ width: 320, height: 128 });
  });

  it('applies EXIF orientation 6 to the public copy and the reported size', async () => {
    // stored 120x80 (red left, blue right); orientation 6 = display rotated 90° clockwise
    const input = await halves(120, 80)
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .withExifMerge(EXIF)
      .toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    const p = await processPhoto(input);
    expect(p).toMatchObject({ width: 80, height: 120 });
    expect(await sharp(p.publicJpeg).metadata()).toMatchObject({ width: 80, height: 120 });
    expect(await sharp(p.thumbJpeg).metadata()).toMatchObject({ width: 80, height: 120 });
    // the left (red) edge is now on top
    expect((await rgbAt(p.publicJpeg, 40, 5))[0]).toBeGreaterThan(150);
    expect((await rgbAt(p.publicJpeg, 40, 115))[2]).toBeGreaterThan(150);
    await expectStripped(p.publicJpeg);
  });

  it('reads PNG with EXIF, and flattens transparency onto white', async () => {
    const input = await sharp({
      create: { width: 50, height: 40, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .withExif(EXIF)
      .toBuffer();
    const p = await processPhoto(input);
    expect(p).toMatchObject({ mime: 'image/png', ext: 'png', width: 50, height: 40 });
    expect(p.takenAt?.toISOString()).toBe('2026-11-03T06:25:36.000Z');
    expect(p.gps?.lat).toBeCloseTo(LAT, 9);
    expect(await rgbAt(p.publicJpeg, 25, 20)).toEqual([255, 255, 255]);
    await expectStripped(p.publicJpeg);
  });

  it('reads WebP with EXIF (which exifr alone cannot parse)', async () => {
    const input = await halves(90, 60).webp().withExif(EXIF).toBuffer();
    const p = await processPhoto(input);
    expect(p).toMatchObject({ mime: 'image/webp', ext: 'webp', width: 90, height: 60 });
    expect(p.takenAt?.toISOString()).toBe('2026-11-03T06:25:36.000Z');
    expect(p.gps?.lng).toBeCloseTo(LNG, 9);
    await expectStripped(p.publicJpeg);
  });

  it('decodes a real HEVC HEIC through heic-convert and keeps the original bytes', async () => {
    const input = await fs.readFile(HEIC_FIXTURE);
    await expect(sharp(input).jpeg().toBuffer()).rejects.toThrow(); // why the fallback exists
    const p = await processPhoto(input);
    expect(p).toMatchObject({ mime: 'image/heic', ext: 'heic', width: 96, height: 64, bytes: 930 });
    expect(p.original.equals(input)).toBe(true);
    expect(p.takenAt?.toISOString()).toBe('2026-11-03T01:15:00.000Z');
    expect(p.gps?.lat).toBeCloseTo(31.23, 9);
    expect(p.gps?.lng).toBeCloseTo(121.47, 9);
    expect(await sharp(p.publicJpeg).metadata()).toMatchObject({ width: 96, height: 64 });
    expect((await rgbAt(p.publicJpeg, 10, 32))[2]).toBeGreaterThan(150); // left half of the fixture is blue-ish
    await expectStripped(p.publicJpeg);
    await expectStripped(p.thumbJpeg);
  });

  it('accepts AV1 in a HEIF container (AVIF), decoded by sharp itself, honouring its rotation', async () => {
    const input = await halves(60, 40)
      .withMetadata({ orientation: 6 })
      .withExifMerge(EXIF)
      .heif({ compression: 'av1' })
      .toBuffer();
    const p = await processPhoto(input);
    expect(p).toMatchObject({ mime: 'image/avif', ext: 'avif', width: 40, height: 60 });
    expect(p.takenAt?.toISOString()).toBe('2026-11-03T06:25:36.000Z');
    expect(await sharp(p.publicJpeg).metadata()).toMatchObject({ width: 40, height: 60 });
    await expectStripped(p.publicJpeg);
  });

  it.each([
    ['a text file named .jpg', Buffer.from('这不是图片 / not a photo at all\n'.repeat(20))],
    ['a PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')],
  ])('rejects %s as unsupported (415)', async (_name, input) => {
    const err = await expectAppError(processPhoto(input), 'UNSUPPORTED_MEDIA_TYPE', 415);
    expect(err.messageZh).toContain('仅支持 JPEG、PNG、WebP、HEIC');
    expect(err.messageEn).toContain('only JPEG, PNG, WebP and HEIC');
  });

  it('rejects a GIF (415), naming what it is', async () => {
    const gif = await halves(16, 16).gif().toBuffer();
    const err = await expectAppError(processPhoto(gif), 'UNSUPPORTED_MEDIA_TYPE', 415);
    expect(err.details).toEqual({ detected: 'image/gif' });
    expect(err.messageEn).toContain('image/gif');
  });

  it('rejects a truncated JPEG, a corrupt HEIC and an empty file (400)', async () => {
    const jpeg = await halves(400, 300).jpeg().withExif(EXIF).toBuffer();
    const err = await expectAppError(
      processPhoto(jpeg.subarray(0, Math.floor(jpeg.length * 0.6))),
      'VALIDATION_FAILED',
      400,
    );
    expect(err.messageZh).toContain('损坏或不完整');
    expect(err.messageEn).toContain('damaged or incomplete');
    await expectAppError(processPhoto(jpeg.subarray(0, jpeg.length - 2)), 'VALIDATION_FAILED', 400);
    const heic = await fs.readFile(HEIC_FIXTURE);
    await expectAppError(processPhoto(heic.subarray(0, 600)), 'VALIDATION_FAILED', 400);
    await expectAppError(processPhoto(Buffer.alloc(0)), 'VALIDATION_FAILED', 400);
  });

  it('rejects more than 15 MiB, or the given limit, before looking inside (413)', async () => {
    const err = await expectAppError(
      processPhoto(Buffer.alloc(15 * 1024 * 1024 + 1)),
      'PAYLOAD_TOO_LARGE',
      413,
    );
    expect(err.messageZh).toContain('15 MB');
    const jpeg = await halves(64, 48).jpeg().toBuffer();
    await expectAppError(processPhoto(jpeg, { maxBytes: 100 }), 'PAYLOAD_TOO_LARGE', 413);
  });

  it('rejects a small file that claims too many pixels (413) without decoding it', async () => {
    const png = await halves(8, 8).png().toBuffer();
    // patch IHDR (width, height at bytes 16..23) to 20000 x 20000 and fix its CRC
    png.writeUInt32BE(20000, 16);
    png.writeUInt32BE(20000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const err = await expectAppError(processPhoto(png), 'PAYLOAD_TOO_LARGE', 413);
    expect(err.messageEn).toContain('too many pixels');
  });
});

describe('parseExifTime', () => {
  it('treats zone-less times as Beijing time and honours offsets', () => {
    expect(parseExifTime('2026:11:03 00:30:00')?.toISOString()).toBe('2026-11-02T16:30:00.000Z');
    expect(parseExifTime('2026:11:03 00:30:00', '+00:00')?.toISOString()).toBe('2026-11-03T00:30:00.000Z');
    expect(parseExifTime('2026-11-03 00:30:00\0', '+0900', '5')?.toISOString()).toBe(
      '2026-11-02T15:30:00.500Z',
    );
  });

  it.each([
    undefined,
    42,
    '',
    '0000:00:00 00:00:00',
    '2026:02:31 10:00:00',
    '2026:13:01 10:00:00',
    'yesterday',
  ])('gives null for %j', (value) => {
    expect(parseExifTime(value)).toBeNull();
  });
});

describe('storePhoto', () => {
  let root: string;
  let processed: ProcessedPhoto;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'wangge-photos-'));
    processed = await processPhoto(await fs.readFile(HEIC_FIXTURE));
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('writes original, public and thumbnail under photos/YYYY/MM/<id>/ (Beijing month)', async () => {
    const store = new LocalBlobStore(root);
    // 2026-11-30 17:00 UTC is already 1 December in Beijing
    const keys = await storePhoto(store, processed, ID, new Date('2026-11-30T17:00:00Z'));
    expect(keys).toEqual({
      originalKey: `photos/2026/12/${ID}/original.heic`,
      publicKey: `photos/2026/12/${ID}/public.jpg`,
      thumbKey: `photos/2026/12/${ID}/thumb.jpg`,
    });
    expect((await store.get(keys.originalKey))?.equals(processed.original)).toBe(true);
    expect((await store.get(keys.publicKey))?.equals(processed.publicJpeg)).toBe(true);
    expect((await store.get(keys.thumbKey))?.equals(processed.thumbJpeg)).toBe(true);
  });

  it('refuses an id that is not a UUID', async () => {
    await expect(storePhoto(new LocalBlobStore(root), processed, '../../etc')).rejects.toThrow(/UUID/);
  });

  it('removes what it wrote when a later write fails', async () => {
    const inner = new LocalBlobStore(path.join(root, 'failing'));
    const types: string[] = [];
    const failing: BlobStore = {
      put: async (key, data, type) => {
        types.push(type);
        if (key.endsWith('thumb.jpg')) throw new Error('disk full');
        await inner.put(key, data, type);
      },
      get: (key) => inner.get(key),
      delete: (key) => inner.delete(key),
    };
    await expect(storePhoto(failing, processed, ID, new Date('2026-01-15T00:00:00Z'))).rejects.toThrow(
      'disk full',
    );
    expect(types).toEqual(['image/heic', 'image/jpeg', 'image/jpeg']);
    expect(await inner.get(`photos/2026/01/${ID}/original.heic`)).toBeNull();
    expect(await inner.get(`photos/2026/01/${ID}/public.jpg`)).toBeNull();
  });
});
