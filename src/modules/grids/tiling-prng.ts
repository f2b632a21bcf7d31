/**
 * Small deterministic pseudo-random helpers for the synthetic grid tiling.
 * Never use Math.random in the tiling: the same input and seed must always give
 * byte-identical output.
 */

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Hashes strings and numbers into a 32-bit seed (FNV-1a over UTF-16 code units,
 * parts separated, followed by a murmur3 finaliser). Used to derive independent
 * per-node streams so results do not depend on traversal order.
 */
export function hashSeed(...parts: ReadonlyArray<string | number>): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `#${part}` : `$${part}`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A PRNG stream derived from the given parts. */
export function streamFor(...parts: ReadonlyArray<string | number>): () => number {
  return mulberry32(hashSeed(...parts));
}
