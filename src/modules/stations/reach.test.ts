import { describe, expect, it } from 'vitest';
import {
  CIRCLE_RADIUS_M,
  DETOUR_FACTOR,
  greatCircleMetres,
  greedyCandidates,
  walkingMetres,
  withinReach,
  type Place,
} from './reach.js';

/** A point `east` and `north` metres from 铁岭县's 42.2 N, 123.8 E (small distances: flat enough). */
const LAT0 = 42.2;
const LNG0 = 123.8;
const M_PER_DEG_LAT = 111_195;
const at = (east: number, north: number) => ({
  lng: LNG0 + east / (M_PER_DEG_LAT * Math.cos((LAT0 * Math.PI) / 180)),
  lat: LAT0 + north / M_PER_DEG_LAT,
});
const place = (key: string, east: number, north: number, households: number): Place => ({
  key,
  ...at(east, north),
  households,
});

describe('the 500 m walk', () => {
  it('is the great-circle distance times the detour factor', () => {
    // one degree of latitude is 111.2 km on the mean sphere
    expect(greatCircleMetres({ lng: 123.8, lat: 42 }, { lng: 123.8, lat: 43 })).toBeCloseTo(111_195, -1);
    const a = at(0, 0);
    const b = at(300, 0);
    expect(greatCircleMetres(a, b)).toBeCloseTo(300, 0);
    expect(walkingMetres(a, b)).toBe(Math.round(300 * DETOUR_FACTOR));
  });

  it('reaches 500 m walking, about 385 m as the crow flies', () => {
    expect(CIRCLE_RADIUS_M).toBeCloseTo(384.6, 1);
    expect(withinReach(at(0, 0), at(380, 0))).toBe(true);
    expect(withinReach(at(0, 0), at(0, 384))).toBe(true);
    expect(withinReach(at(0, 0), at(0, 390))).toBe(false);
    expect(withinReach(at(0, 0), at(300, 300))).toBe(false); // 424 m straight, 552 m walking
  });
});

describe('the greedy candidate search', () => {
  // three clusters: west (40 households in 3 places), middle (25 in 2), far east (30 in one place)
  const fixed: Place[] = [
    place('w1', 0, 0, 10),
    place('w2', 200, 0, 20),
    place('w3', 100, 150, 10),
    place('m1', 2000, 0, 15),
    place('m2', 2300, 0, 10),
    place('e1', 5000, 0, 30),
    place('e2', 5000, 1000, 0),
  ];

  it('picks the site covering the most households first, then the next best of what is left', () => {
    const picked = greedyCandidates(fixed, 3);
    expect(picked.map((c) => [c.key, c.covers])).toEqual([
      ['w1', 40], // w1 reaches w2 (200 m → 260 walking) and w3 (180 m → 234): 10 + 20 + 10
      ['e1', 30],
      ['m1', 25], // m1 reaches m2 (300 m → 390)
    ]);
  });

  it('stops when nothing more is gained and never counts a household twice', () => {
    const picked = greedyCandidates(fixed, 10);
    expect(picked).toHaveLength(3);
    expect(picked.reduce((n, c) => n + c.covers, 0)).toBe(95);
  });

  it('breaks ties by the smaller key, so the answer is stable', () => {
    const twins = [place('b', 0, 0, 5), place('a', 3000, 0, 5)];
    expect(greedyCandidates(twins, 1).map((c) => c.key)).toEqual(['a']);
    expect(greedyCandidates([...twins].reverse(), 1).map((c) => c.key)).toEqual(['a']);
  });

  it('answers nothing for nobody outside', () => {
    expect(greedyCandidates([], 3)).toEqual([]);
  });
});
