import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { describe, expect, it } from 'vitest';
import { fourier } from '@kanjs/basis-fourier';
import '@kanjs/basis-fourier/register';
import { basisSuite, fourierValues, rng, snippetHarnesses, uniform } from '@kanjs/testing';

/** x [batch, 3]: 0, multiples of π/2 (where the reduction switches quadrant), ±20, and random points on [-2π, 2π]. */
function inputs(seed: number): Float64Array {
  const x = uniform(rng(seed), 40 * 3, -2 * Math.PI, 2 * Math.PI);
  x.set([0, Math.PI / 2, -Math.PI / 2, Math.PI, -Math.PI, 3 * Math.PI / 2, 20, -20].map(Math.fround));
  return x;
}

basisSuite(await snippetHarnesses(), fourier, {
  created: { label: 'defaults to G = 5: K = 10 functions, no state, on [-π, π]', size: 10, config: { name: 'fourier', gridSize: 5 }, state: [], domain: [-Math.PI, Math.PI] },
  values: {
    formula: 'cos(kx), sin(kx)',
    cases: [1, 3, 5, 8].map((gridSize) => ({ label: `G=${gridSize}`, basis: fourier({ gridSize }, 3), x: inputs(gridSize), reference: (x) => fourierValues(x, gridSize) })),
  },
  gradient: { basis: fourier({ gridSize: 4 }, 3), x: uniform(rng(11), 8 * 3, -3, 3), reference: (x) => fourierValues(x, 4) },
  invalid: [
    [{ gridSize: 0 }, 'fourier basis: gridSize must be ≥ 1, got 0.'],
    [{ gridSize: 1.5 }, 'fourier basis: gridSize must be an integer, got 1.5.'],
    [{ gridSize: '5' }, 'fourier basis: gridSize must be a finite number, got "5".'],
    [{ grid_size: 3 }, 'fourier basis: unknown option "grid_size"; expected one of gridSize.'],
    [{}, 'fourier basis: inFeatures must be an integer ≥ 1, got 1.5.', 1.5],
  ],
  roundTrip: { config: { name: 'fourier', gridSize: 7 }, size: 14 },
  snippets: {
    cudaCompile: fourier({ gridSize: 5 }, 2),
    cudaRun: [{ label: 'G=5', basis: fourier({ gridSize: 5 }, 3), x: Float32Array.from(inputs(5)) }],
  },
});

describe('fourier basis', () => {
  it('puts the cosines first, as FourierKAN does', () => {
    const basis = fourier({ gridSize: 2 }, 1);
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[0]]), {}).dataSync());
    expect([...values]).toEqual([1, 1, 0, 0]);
  });
});
