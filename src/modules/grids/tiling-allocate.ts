/**
 * Deterministic distribution of a county's grid quota over its village-level units.
 */
import { streamFor } from './tiling-prng.js';

/** Village-level unit kind: "c" community (urban, 社区/居委会), "v" village (rural, 村委会). */
export type UnitKind = 'c' | 'v';

export interface AllocationUnit {
  readonly code: string;
  readonly kind: UnitKind;
}

/** Grid quota of a county: rural grids go to villages, community grids to communities. */
export interface GridTarget {
  readonly rural: number;
  readonly community: number;
}

/**
 * What to do when the target asks for grids of a kind the county has no unit of
 * (e.g. community grids in a county without communities):
 * - "reassign" (default): give them to the units of the other kind, so the county
 *   total is preserved;
 * - "drop": do not create them (the returned totals are then below the target);
 * - "error": throw a RangeError.
 * If the county has no village-level unit at all, nothing can be assigned and
 * "reassign" behaves like "drop".
 */
export type MissingKindPolicy = 'reassign' | 'drop' | 'error';

export interface AllocateOptions {
  /** Seed for the per-unit weights; default 1. */
  readonly seed?: number;
  readonly whenKindMissing?: MissingKindPolicy;
  /** Relative spread of the per-unit weights, in [0, 1); default 0.4 (weights in [0.6, 1.4]). */
  readonly spread?: number;
}

export interface GridAllocation {
  /** Grids per unit code, in input order. */
  readonly counts: ReadonlyMap<string, number>;
  /** Grids actually assigned to villages (rural units). */
  readonly rural: number;
  /** Grids actually assigned to communities. */
  readonly community: number;
  /** Grids moved from a missing kind to the other kind ("reassign"). */
  readonly reassigned: number;
  /** Grids of the target that were not created ("drop", or no unit at all). */
  readonly dropped: number;
}

/**
 * Splits `total` into integers proportional to `weights` (largest-remainder
 * method, ties to the lower index), each at least `minEach`.
 * Requires total >= minEach * weights.length.
 */
export function largestRemainder(total: number, weights: readonly number[], minEach = 0): number[] {
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new RangeError(`cannot split ${total} over no weight`);
    return [];
  }
  const rest = total - minEach * n;
  if (rest < 0) throw new RangeError(`cannot give ${minEach} each to ${n} parts out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!(sum > 0) || weights.some((w) => !(w >= 0)))
    throw new RangeError('weights must be non-negative, sum > 0');
  const quotas = weights.map((w) => (w / sum) * rest);
  const parts = quotas.map((q) => Math.floor(q));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ frac: q - Math.floor(q), i }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) {
    const index = order[k]?.i ?? 0;
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts.map((p) => p + minEach);
}

/**
 * Distributes `total` grids over `units` of one kind: proportional to a seeded
 * pseudo-random weight per unit, largest remainder, at least 1 each. When there
 * are fewer grids than units, the heaviest `total` units get one grid each and
 * the others none.
 */
function distribute(units: readonly AllocationUnit[], total: number, seed: number, spread: number): number[] {
  const weights = units.map((u) => 1 + spread * (2 * streamFor(seed, 'grid-weight', u.code)() - 1));
  if (total >= units.length) return largestRemainder(total, weights, 1);
  const chosen = new Set(
    weights
      .map((w, i) => ({ w, i }))
      .sort((a, b) => b.w - a.w || a.i - b.i)
      .slice(0, total)
      .map((x) => x.i),
  );
  return units.map((_, i) => (chosen.has(i) ? 1 : 0));
}

function checkCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer: ${value}`);
}

/**
 * Decides how many grids each village-level unit gets: `target.rural` grids over
 * the villages ("v"), `target.community` grids over the communities ("c").
 * Deterministic for a given input and seed. See MissingKindPolicy for a target
 * kind without units.
 */
export function allocateGridCounts(
  units: readonly AllocationUnit[],
  target: GridTarget,
  options: AllocateOptions = {},
): GridAllocation {
  checkCount('target.rural', target.rural);
  checkCount('target.community', target.community);
  const seed = options.seed ?? 1;
  const spread = options.spread ?? 0.4;
  if (!(spread >= 0 && spread < 1)) throw new RangeError(`spread must be in [0, 1): ${spread}`);
  const policy = options.whenKindMissing ?? 'reassign';
  if (new Set(units.map((u) => u.code)).size !== units.length) throw new RangeError('duplicate unit codes');

  const villages = units.filter((u) => u.kind === 'v');
  const communities = units.filter((u) => u.kind === 'c');
  let rural = target.rural;
  let community = target.community;
  let reassigned = 0;
  let dropped = 0;
  const settle = (missing: number, otherExists: boolean, label: string): number => {
    if (missing === 0) return 0;
    if (policy === 'error')
      throw new RangeError(`target asks for ${missing} ${label} grids but there is no such unit`);
    if (policy === 'reassign' && otherExists) {
      reassigned += missing;
      return missing;
    }
    dropped += missing;
    return 0;
  };
  if (villages.length === 0) {
    community += settle(rural, communities.length > 0, 'rural');
    rural = 0;
  }
  if (communities.length === 0) {
    rural += settle(community, villages.length > 0, 'community');
    community = 0;
  }

  const byCode = new Map<string, number>();
  distribute(villages, rural, seed, spread).forEach((n, i) => byCode.set(villages[i]?.code ?? '', n));
  distribute(communities, community, seed, spread).forEach((n, i) =>
    byCode.set(communities[i]?.code ?? '', n),
  );
  const counts = new Map(units.map((u) => [u.code, byCode.get(u.code) ?? 0] as const));
  return { counts, rural, community, reassigned, dropped };
}
