/** A seeded uniform generator on [0, 1) (mulberry32), so that every test case reproduces. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` values uniform on [low, high), rounded to float32 so that float32 and float64 code see the same inputs. */
export function uniform(random: () => number, count: number, low = -1, high = 1): Float64Array {
  return Float64Array.from({ length: count }, () => Math.fround(low + (high - low) * random()));
}

/** Strictly increasing random knots per input, [inFeatures, count] row-major: from about −1.5, steps in [0.05, 0.55). */
export function randomKnots(random: () => number, inFeatures: number, count: number): Float32Array {
  const knots = new Float32Array(inFeatures * count);
  for (let i = 0; i < inFeatures; i++) {
    let t = -1.5 + random() * 0.2;
    for (let j = 0; j < count; j++) {
      knots[i * count + j] = t;
      t += 0.05 + random() * 0.5;
    }
  }
  return knots;
}
