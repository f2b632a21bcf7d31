/**
 * The 500 m service circle (J9, seed 004 鞍山铁西区): how far a household walks to a station.
 *
 * The data holds no road or path network, and PostGIS is not available (the embedded PostgreSQL
 * ships without it), so the walking distance is ESTIMATED: the great-circle (haversine) distance
 * between the household's place and the station times a detour factor. 1.3 is the usual ratio of
 * walking route to straight line in towns and villages (route-circuity studies find 1.2–1.4);
 * "within 500 m" therefore means within about 385 m as the crow flies. The same formula runs in
 * SQL (coverage-sql.ts) and here (tests, the candidate search); both must agree.
 */
export const DETOUR_FACTOR = 1.3;
export const WALK_LIMIT_M = 500;
/** The straight-line radius of the 500 m walking circle, as the map draws it. */
export const CIRCLE_RADIUS_M = WALK_LIMIT_M / DETOUR_FACTOR;
const EARTH_RADIUS_M = 6_371_008.8;

export type Point = { lng: number; lat: number };

/** Great-circle distance in metres (haversine). */
export function greatCircleMetres(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The estimated walking distance in whole metres (great circle × DETOUR_FACTOR). */
export function walkingMetres(a: Point, b: Point): number {
  return Math.round(greatCircleMetres(a, b) * DETOUR_FACTOR);
}

export const withinReach = (a: Point, b: Point): boolean => walkingMetres(a, b) <= WALK_LIMIT_M;

/** A place where households live (a grid unit: a villagers' group or a building) and how many. */
export type Place = Point & { key: string; households: number };
export type Candidate = Place & { covers: number };

/**
 * Where new stations would cover the most households still outside the circle: a greedy search.
 * Candidates are the places themselves (a station goes where people live: a group's or a
 * building's point). Each round picks the candidate whose circle holds the most still-uncovered
 * households (ties: the smaller key, so the answer is stable), marks them covered, and repeats
 * `count` times or until nothing more is gained. Greedy max-coverage is within 1 − 1/e of the best
 * set; it is the standard answer for siting a few service points.
 */
export function greedyCandidates(uncovered: readonly Place[], count: number): Candidate[] {
  const left = new Map(uncovered.filter((p) => p.households > 0).map((p) => [p.key, p]));
  // the neighbours each candidate would cover, worked out once (a cell index keeps it near-linear)
  const cell = 0.01;
  const cells = new Map<string, Place[]>();
  const cellOf = (p: Point) => `${Math.floor(p.lng / cell)}:${Math.floor(p.lat / cell)}`;
  for (const p of left.values()) {
    const k = cellOf(p);
    const list = cells.get(k);
    if (list) list.push(p);
    else cells.set(k, [p]);
  }
  const reach = new Map<string, Place[]>();
  for (const c of left.values()) {
    const cx = Math.floor(c.lng / cell);
    const cy = Math.floor(c.lat / cell);
    const near: Place[] = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const p of cells.get(`${cx + dx}:${cy + dy}`) ?? []) if (withinReach(c, p)) near.push(p);
    reach.set(c.key, near);
  }
  const picked: Candidate[] = [];
  const candidates = [...left.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  while (picked.length < count && left.size > 0) {
    let best: Candidate | null = null;
    for (const c of candidates) {
      let covers = 0;
      for (const p of reach.get(c.key)!) if (left.has(p.key)) covers += p.households;
      if (covers > 0 && (!best || covers > best.covers)) best = { ...c, covers };
    }
    if (!best) break;
    picked.push(best);
    for (const p of reach.get(best.key)!) left.delete(p.key);
  }
  return picked;
}
