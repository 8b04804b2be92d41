import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BasisConfigError, createBasis } from '@kanjs/basis-core';
import { fourier } from '@kanjs/basis-fourier';
import '@kanjs/basis-fourier/register';
import {
  cudaHarness,
  fourierValues,
  referenceGradientError,
  referenceValueError,
  rng,
  snippetSuites,
  uniform,
  wgslHarness,
} from '@kanjs/testing';

const wgsl = await wgslHarness();
const cuda = cudaHarness();

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => wgsl?.destroy());

/** x [batch, 3]: 0, multiples of π/2 (where the reduction switches quadrant), ±20, and random points on [-2π, 2π]. */
function inputs(seed: number): Float64Array {
  const x = uniform(rng(seed), 40 * 3, -2 * Math.PI, 2 * Math.PI);
  x.set([0, Math.PI / 2, -Math.PI / 2, Math.PI, -Math.PI, 3 * Math.PI / 2, 20, -20].map(Math.fround));
  return x;
}

describe('fourier basis', () => {
  it('defaults to G = 5: K = 10 functions, no state, on [-π, π]', () => {
    const basis = createBasis('fourier', 3);
    expect(basis.size).toBe(10);
    expect(basis.config).toEqual({ name: 'fourier', gridSize: 5 });
    expect(basis.stateSpecs).toEqual([]);
    expect(basis.domain).toEqual([-Math.PI, Math.PI]);
  });

  for (const gridSize of [1, 3, 5, 8]) {
    it(`matches cos(kx), sin(kx) in float64, G=${gridSize}`, () => {
      const basis = fourier({ gridSize }, 3);
      expect(referenceValueError(basis, {}, inputs(gridSize), (x) => fourierValues(x, gridSize))).toBeLessThanOrEqual(1e-5);
    });
  }

  it('puts the cosines first, as FourierKAN does', () => {
    const basis = fourier({ gridSize: 2 }, 1);
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[0]]), {}).dataSync());
    expect([...values]).toEqual([1, 1, 0, 0]);
  });

  it('has input gradients that match finite differences of the float64 reference', () => {
    const basis = fourier({ gridSize: 4 }, 3);
    const x = uniform(rng(11), 8 * 3, -3, 3);
    expect(referenceGradientError(basis, {}, x, (v) => fourierValues(v, 4))).toBeLessThanOrEqual(1e-4);
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => fourier({ gridSize: 0 }, 2)).toThrow('fourier basis: gridSize must be ≥ 1, got 0.');
    expect(() => fourier({ gridSize: 1.5 }, 2)).toThrow('fourier basis: gridSize must be an integer, got 1.5.');
    expect(() => fourier({ gridSize: '5' }, 2)).toThrow('fourier basis: gridSize must be a finite number, got "5".');
    expect(() => fourier({ grid_size: 3 }, 2)).toThrow('fourier basis: unknown option "grid_size"; expected one of gridSize.');
    expect(() => fourier({}, 1.5)).toThrow('fourier basis: inFeatures must be an integer ≥ 1, got 1.5.');
    expect(() => fourier({ gridSize: 0 }, 2)).toThrow(BasisConfigError);
  });

  it('round-trips its config through JSON', () => {
    const basis = createBasis({ name: 'fourier', gridSize: 7 }, 4);
    const again = createBasis(JSON.parse(JSON.stringify(basis.config)), 4);
    expect(again.config).toEqual(basis.config);
    expect(again.size).toBe(14);
  });
});

snippetSuites('fourier', wgsl, cuda, {
  wgsl: [1, 3, 5, 8].map((gridSize) => ({
    label: `equals evaluate and its autodiff derivative, G=${gridSize}`,
    basis: fourier({ gridSize }, 3),
    x: Float32Array.from(inputs(gridSize)),
  })),
  cudaCompile: fourier({ gridSize: 5 }, 2),
  cudaRun: [{ label: 'G=5', basis: fourier({ gridSize: 5 }, 3), x: Float32Array.from(inputs(5)) }],
});
