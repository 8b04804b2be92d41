import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers'; // registers the gradients in Node
import { beforeAll, describe, expect, it } from 'vitest';
import { createBasis } from '@kanjs/basis-core';
import { gaussian, torchLinspace } from '@kanjs/basis-gaussian';
import '@kanjs/basis-gaussian/register';
import { finiteDifferences, gaussianValues, relativeError, rng, uniform } from '@kanjs/testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('gaussian basis', () => {
  it('defaults to fast-kan: 8 centres on [-2, 2], h the spacing', () => {
    const basis = createBasis('gaussian', 5);
    expect(basis.size).toBe(8);
    expect(basis.config).toEqual({ name: 'gaussian', numCenters: 8, gridMin: -2, gridMax: 2, denominator: 4 / 7 });
    expect(basis.stateSpecs[0]!.shape).toEqual([8]);
  });

  it('places centres evenly in float32, ends exact', () => {
    const centres = torchLinspace(-2, 2, 8);
    expect(centres[0]).toBe(-2);
    expect(centres[7]).toBe(2);
    centres.forEach((c, j) => expect(Math.abs(c - (-2 + (4 * j) / 7))).toBeLessThanOrEqual(2.5e-7));
    expect([...torchLinspace(-1, 3, 5)]).toEqual([-1, 0, 1, 2, 3]);
  });

  for (const numCenters of [5, 8, 12]) {
    it(`matches exp(−((x − cⱼ)/h)²) in float64, K=${numCenters}`, () => {
      const random = rng(numCenters);
      const [batch, inFeatures] = [9, 4];
      const basis = gaussian({ numCenters, gridMin: -1.5, gridMax: 2.5 }, inFeatures);
      const x = uniform(random, batch * inFeatures, -3, 3);
      const centres = basis.stateSpecs[0]!.initial();
      const actual = tf.tidy(() => basis.evaluate(tf.tensor2d(Float32Array.from(x), [batch, inFeatures]), { grid: tf.tensor1d(centres) }).dataSync());
      const expected = [...x].flatMap((v) => [...gaussianValues(v, centres, 4 / (numCenters - 1))]);
      expect(relativeError(actual, expected)).toBeLessThanOrEqual(1e-6);
    });
  }

  it('uses a custom denominator', () => {
    const basis = gaussian({ numCenters: 3, gridMin: 0, gridMax: 1, denominator: 0.25 }, 1);
    const values = tf.tidy(() => basis.evaluate(tf.tensor2d([[0.25]]), { grid: tf.tensor1d(basis.stateSpecs[0]!.initial()) }).dataSync());
    expect([...values]).toEqual([Math.exp(-1), Math.exp(-1), Math.exp(-9)].map((v) => expect.closeTo(v, 7)));
  });

  it('has input gradients that match finite differences of the float64 reference', () => {
    const random = rng(3);
    const [batch, inFeatures] = [4, 3];
    const basis = gaussian({}, inFeatures);
    const centres = basis.stateSpecs[0]!.initial();
    const x = uniform(random, batch * inFeatures, -2.5, 2.5);
    const weights = uniform(random, batch * inFeatures * 8);
    const grid = tf.tensor1d(centres);
    const grad = tf.tidy(() =>
      tf.grad((xs: tf.Tensor) => tf.sum(tf.mul(basis.evaluate(xs as tf.Tensor2D, { grid }), tf.tensor3d(Float32Array.from(weights), [batch, inFeatures, 8]))))(
        tf.tensor2d(Float32Array.from(x), [batch, inFeatures]),
      ).dataSync(),
    );
    const loss = () => [...x].reduce((total, v, n) => total + gaussianValues(v, centres, 4 / 7).reduce((s, phi, c) => s + phi * weights[n * 8 + c]!, 0), 0);
    expect(relativeError(grad, finiteDifferences(loss, x))).toBeLessThanOrEqual(1e-4);
    grid.dispose();
  });

  it('rejects invalid configs with one clear error naming the field', () => {
    expect(() => gaussian({ numCenters: 1 }, 2)).toThrow('gaussian basis: numCenters must be ≥ 2, got 1.');
    expect(() => gaussian({ gridMin: 1, gridMax: 1 }, 2)).toThrow('gaussian basis: gridMin must be < gridMax, got gridMin 1 and gridMax 1.');
    expect(() => gaussian({ denominator: 0 }, 2)).toThrow('gaussian basis: denominator must be > 0, got 0.');
    expect(() => gaussian({ denominator: -1 }, 2)).toThrow('gaussian basis: denominator must be > 0, got -1.');
    expect(() => gaussian({ centers: 4 }, 2)).toThrow(/unknown option "centers"; expected one of numCenters, gridMin, gridMax, denominator/);
  });
});
