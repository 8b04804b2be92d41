/** A seeded uniform generator on [0, 1) (mulberry32, from basis-core), so that every test case reproduces. */
export { seededRandom as rng } from '@kanjs/basis-core';

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

/**
 * Inputs x [K + 30, 3] for a basis on centres c [K]: row j is cⱼ in every column (exactly on the centre), the
 * rest uniform on [low − margin, high + margin].
 */
export function centredInputs(random: () => number, centres: Float32Array, [low, high]: readonly [number, number], margin: number): Float64Array {
  const x = uniform(random, (centres.length + 30) * 3, low - margin, high + margin);
  centres.forEach((c, j) => x.fill(c, j * 3, j * 3 + 3));
  return x;
}
