import { describe, expect, it } from 'vitest';
import { COORD_SYSTEMS, fromWgs84, isCoordSystem, toWgs84 } from './coords.js';

/** Approximate ground distance in metres (equirectangular; fine for < 10 km). */
function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const r = 6_371_000;
  const rad = Math.PI / 180;
  const x = (b.lng - a.lng) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.hypot(x, y) * r;
}

const TIELING = { lng: 123.84, lat: 42.29 };

describe('coords', () => {
  it('shifts a point in Tieling by a few hundred metres to GCJ-02', () => {
    const gcj = fromWgs84(TIELING.lng, TIELING.lat, 'gcj02');
    // Reference values produced by gcoord 1.0.7 (the standard GCJ-02 formula).
    expect(gcj.lng).toBeCloseTo(123.8458633509297, 9);
    expect(gcj.lat).toBeCloseTo(42.292119885938085, 9);
    // GCJ-02 moves points in Liaoning north-east, by roughly 0.5 km.
    expect(gcj.lng).toBeGreaterThan(TIELING.lng);
    expect(gcj.lat).toBeGreaterThan(TIELING.lat);
    const d = metres(TIELING, gcj);
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(800);
  });

  it('applies the Baidu offset on top of GCJ-02', () => {
    const gcj = fromWgs84(TIELING.lng, TIELING.lat, 'gcj02');
    const bd = fromWgs84(TIELING.lng, TIELING.lat, 'bd09');
    expect(bd.lng).toBeCloseTo(123.8522499959488, 9);
    expect(bd.lat).toBeCloseTo(42.298476643205284, 9);
    // BD-09 is roughly GCJ-02 + (0.0065, 0.006).
    expect(bd.lng - gcj.lng).toBeGreaterThan(0.005);
    expect(bd.lng - gcj.lng).toBeLessThan(0.008);
    expect(bd.lat - gcj.lat).toBeGreaterThan(0.005);
    expect(bd.lat - gcj.lat).toBeLessThan(0.008);
  });

  it('round-trips within 1e-5 degrees', () => {
    const points = [
      TIELING,
      { lng: 116.391, lat: 39.907 },
      { lng: 121.47, lat: 31.23 },
      { lng: 87.6, lat: 43.8 },
    ];
    for (const p of points) {
      for (const system of COORD_SYSTEMS) {
        const there = fromWgs84(p.lng, p.lat, system);
        const back = toWgs84(there.lng, there.lat, system);
        expect(Math.abs(back.lng - p.lng)).toBeLessThan(1e-5);
        expect(Math.abs(back.lat - p.lat)).toBeLessThan(1e-5);
      }
    }
  });

  it('converts GCJ-02 back to WGS-84 (inverse direction)', () => {
    const wgs = toWgs84(123.8458633509297, 42.292119885938085, 'gcj02');
    expect(Math.abs(wgs.lng - TIELING.lng)).toBeLessThan(1e-6);
    expect(Math.abs(wgs.lat - TIELING.lat)).toBeLessThan(1e-6);
  });

  it('is the identity for wgs84 -> wgs84', () => {
    expect(toWgs84(123.84, 42.29, 'wgs84')).toEqual({ lng: 123.84, lat: 42.29 });
    expect(fromWgs84(123.84, 42.29, 'wgs84')).toEqual({ lng: 123.84, lat: 42.29 });
  });

  describe('outside China (documented gcoord behaviour)', () => {
    it('does not shift to GCJ-02 outside the China bounding rectangle', () => {
      for (const p of [
        { lng: 2.35, lat: 48.85 }, // Paris
        { lng: -74, lat: 40.7 }, // New York
        { lng: 139.7, lat: 35.68 }, // Tokyo: lng > 137.8347
      ]) {
        expect(fromWgs84(p.lng, p.lat, 'gcj02')).toEqual(p);
        expect(toWgs84(p.lng, p.lat, 'gcj02')).toEqual(p);
      }
    });

    it('does shift places inside the rectangle even if not in China (e.g. Seoul)', () => {
      const seoul = { lng: 126.98, lat: 37.57 };
      expect(metres(seoul, fromWgs84(seoul.lng, seoul.lat, 'gcj02'))).toBeGreaterThan(100);
    });

    it('still applies the Baidu offset outside China', () => {
      const paris = fromWgs84(2.35, 48.85, 'bd09');
      expect(paris.lng - 2.35).toBeGreaterThan(0.005);
      expect(paris.lat - 48.85).toBeGreaterThan(0.005);
      const back = toWgs84(paris.lng, paris.lat, 'bd09');
      expect(Math.abs(back.lng - 2.35)).toBeLessThan(1e-5);
      expect(Math.abs(back.lat - 48.85)).toBeLessThan(1e-5);
    });
  });

  it('rejects non-finite coordinates and unknown systems', () => {
    expect(() => toWgs84(Number.NaN, 42, 'gcj02')).toThrow(RangeError);
    expect(() => fromWgs84(123, Number.POSITIVE_INFINITY, 'bd09')).toThrow(RangeError);
    expect(() => toWgs84(123, 42, 'mars' as never)).toThrow(/Unknown coordinate system/);
  });

  it('recognises coordinate system names', () => {
    expect(isCoordSystem('gcj02')).toBe(true);
    expect(isCoordSystem('GCJ02')).toBe(false);
    expect(isCoordSystem(undefined)).toBe(false);
  });
});
