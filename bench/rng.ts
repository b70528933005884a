// Deterministic randomness for the synthetic graph: a seeded PRNG and a Zipf sampler (popular head, long tail).

/** mulberry32: small, fast, good enough for data generation; the same seed gives the same graph everywhere. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [min, max]. */
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** Poisson-ish count with the given mean (geometric), for long-tailed fan-outs. */
    geometric: (mean: number): number => {
      if (mean <= 0) return 0;
      const p = 1 / (1 + mean);
      return Math.floor(Math.log(1 - next()) / Math.log(1 - p));
    },
  };
}
export type Rng = ReturnType<typeof createRng>;

/** Samples indexes 0..n-1 with weight 1/(i+1)^s: index 0 is the most popular. */
export function zipf(rng: Rng, n: number, s = 1): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / Math.pow(i + 1, s);
    cumulative[i] = total;
  }
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
