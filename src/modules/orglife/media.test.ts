import { describe, expect, it } from 'vitest';
import { parseRange, sniffMedia } from './media.js';
import { lessonSlidesPdf } from './slides.js';

describe('range requests', () => {
  it('reads the forms a video element sends', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
  });
  it('refuses what lies outside the body', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=20-10', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
  });
  it('ignores a header of another unit or one it cannot read (RFC 9110 §14.2): the whole body', () => {
    for (const h of ['items=0-1', 'bytes=-', 'bytes=--5', 'bytes=0.5-9', 'bytes=０-９', 'bytes=0-1,5-9'])
      expect(parseRange(h, 100)).toBeNull();
  });
});

describe('media types', () => {
  it('takes the generated slides as a PDF and refuses a JPEG or text', async () => {
    expect(await sniffMedia(lessonSlidesPdf('Test', ['one', 'two']))).toMatchObject({
      mime: 'application/pdf',
      kind: 'slides',
    });
    await expect(sniffMedia(Buffer.from('hello world, not a video'))).rejects.toMatchObject({
      code: 'LESSON_MEDIA_INVALID',
    });
    await expect(sniffMedia(Buffer.alloc(0))).rejects.toMatchObject({ code: 'LESSON_MEDIA_INVALID' });
  });
});
