/**
 * A small seeded PRNG (mulberry32), uniform in [0, 1): every seeded data set, split, shuffle and
 * initialisation in src/ml (and the benchmarks' data) draws from it, so a seed reproduces a run.
 *
 * @example const rnd = mulberry32(42); rnd(); // the same number for seed 42, every time
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
