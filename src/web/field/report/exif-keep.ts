/**
 * A shrunk photo (canvas → JPEG) loses its EXIF: the capture time and GPS position the server
 * reads to date and place the photo. We read those two before shrinking and write them back
 * into the small JPEG as a minimal EXIF block (nothing else: no camera make, no serial, no
 * orientation — the canvas has already turned the pixels upright). The server then reads and
 * checks them exactly as it does for a photo straight from the camera (photos/process.ts).
 */

/** What is kept: EXIF's own strings for the time, decimal degrees (WGS-84) for the place. */
export type Capture = { time?: string; offset?: string; lat?: number; lng?: number };

const EXIF_TIME = /^\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}$/;
const EXIF_OFFSET = /^[+-]\d{2}:\d{2}$/;

/** The capture time and position of a photo, or null when it has neither (or they cannot be read). */
export async function readCapture(file: Blob): Promise<Capture | null> {
  try {
    const { default: exifr } = await import('exifr/dist/lite.esm.mjs');
    const tags = (await exifr.parse(file, {
      tiff: true,
      exif: true,
      gps: true,
      reviveValues: false,
      translateValues: false,
    })) as Record<string, unknown> | undefined;
    if (!tags) return null;
    const c: Capture = {};
    const time = tags.DateTimeOriginal ?? tags.CreateDate;
    if (typeof time === 'string' && EXIF_TIME.test(time.trim())) c.time = time.trim();
    const offset = tags.OffsetTimeOriginal ?? tags.OffsetTimeDigitized;
    if (c.time && typeof offset === 'string' && EXIF_OFFSET.test(offset.trim())) c.offset = offset.trim();
    const { latitude: lat, longitude: lng } = tags;
    if (typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)) {
      c.lat = lat;
      c.lng = lng;
    }
    return c.time || c.lat !== undefined ? c : null;
  } catch {
    return null;
  }
}

type Entry = { tag: number; type: number; count: number; value: Uint8Array };
const ASCII = 2;
const LONG = 4;
const RATIONAL = 5;
const BYTE = 1;

/** NUL-terminated, padded to an even length (TIFF offsets stay word-aligned); the count says the real length. */
const ascii = (s: string) => {
  const b = new Uint8Array((s.length + 2) & ~1);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0x7f;
  return b;
};
function rationals(parts: Array<[number, number]>): Uint8Array {
  const b = new Uint8Array(parts.length * 8);
  const v = new DataView(b.buffer);
  parts.forEach(([n, d], i) => {
    v.setUint32(i * 8, n, true);
    v.setUint32(i * 8 + 4, d, true);
  });
  return b;
}
/** Degrees as EXIF's three rationals: degrees, minutes, seconds to 1/10000. */
function dms(deg: number): Uint8Array {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s = Math.round(((a - d) * 60 - m) * 60 * 10000);
  return rationals([
    [d, 1],
    [m, 1],
    [s, 10000],
  ]);
}
const long = (n: number) => {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
};

/** A little-endian TIFF with IFD0 pointing to an Exif IFD and/or a GPS IFD. */
function tiff(c: Capture): Uint8Array {
  const exif: Entry[] = [];
  if (c.time) exif.push({ tag: 0x9003, type: ASCII, count: c.time.length + 1, value: ascii(c.time) });
  if (c.offset) exif.push({ tag: 0x9011, type: ASCII, count: c.offset.length + 1, value: ascii(c.offset) });
  const gps: Entry[] = [];
  if (c.lat !== undefined && c.lng !== undefined) {
    gps.push(
      { tag: 0x0000, type: BYTE, count: 4, value: new Uint8Array([2, 3, 0, 0]) },
      { tag: 0x0001, type: ASCII, count: 2, value: ascii(c.lat < 0 ? 'S' : 'N') }, // 2 bytes: inline
      { tag: 0x0002, type: RATIONAL, count: 3, value: dms(c.lat) },
      { tag: 0x0003, type: ASCII, count: 2, value: ascii(c.lng < 0 ? 'W' : 'E') },
      { tag: 0x0004, type: RATIONAL, count: 3, value: dms(c.lng) },
    );
  }
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const dataSize = (es: Entry[]) => es.reduce((s, e) => s + (e.value.length > 4 ? e.value.length : 0), 0);
  const ifd0: Entry[] = [];
  // IFD0 holds only the two pointers; their values are filled in below once offsets are known
  if (exif.length) ifd0.push({ tag: 0x8769, type: LONG, count: 1, value: long(0) });
  if (gps.length) ifd0.push({ tag: 0x8825, type: LONG, count: 1, value: long(0) });
  const at0 = 8;
  const atExif = at0 + ifdSize(ifd0.length);
  const atGps = atExif + (exif.length ? ifdSize(exif.length) + dataSize(exif) : 0);
  const total = atGps + (gps.length ? ifdSize(gps.length) + dataSize(gps) : 0);
  for (const e of ifd0) e.value = long(e.tag === 0x8769 ? atExif : atGps);

  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00], 0); // "II", 42
  v.setUint32(4, at0, true);
  const writeIfd = (at: number, es: Entry[]) => {
    v.setUint16(at, es.length, true);
    let data = at + ifdSize(es.length);
    es.forEach((e, i) => {
      const p = at + 2 + i * 12;
      v.setUint16(p, e.tag, true);
      v.setUint16(p + 2, e.type, true);
      v.setUint32(p + 4, e.count, true);
      if (e.value.length <= 4) out.set(e.value, p + 8);
      else {
        v.setUint32(p + 8, data, true);
        out.set(e.value, data);
        data += e.value.length;
      }
    });
    v.setUint32(at + 2 + es.length * 12, 0, true); // no next IFD
  };
  writeIfd(at0, ifd0);
  if (exif.length) writeIfd(atExif, exif);
  if (gps.length) writeIfd(atGps, gps);
  return out;
}

/** The JPEG with an EXIF (APP1) segment carrying `c`, placed after SOI and any JFIF (APP0) segment. */
export async function withCapture(jpeg: Blob, c: Capture): Promise<Blob> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return jpeg;
  const body = tiff(c);
  const header = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0, 0]); // "Exif\0\0"
  const len = 2 + header.length + body.length;
  const app1 = new Uint8Array(2 + len);
  app1.set([0xff, 0xe1, len >> 8, len & 0xff], 0);
  app1.set(header, 4);
  app1.set(body, 4 + header.length);
  let at = 2;
  if (bytes[2] === 0xff && bytes[3] === 0xe0) at = 4 + ((bytes[4]! << 8) | bytes[5]!);
  return new Blob([bytes.subarray(0, at), app1, bytes.subarray(at)], { type: 'image/jpeg' });
}
