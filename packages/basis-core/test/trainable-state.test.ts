// Trainable basis state: which state a basis trains, and the learnable option of centred bases.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { centredBasis, trainableStateNames } from '@kanjs/basis-core';

/** A hat basis max(0, 1 − |z|) on the centred grid, with and without the learnable option. */
const hat = (learnable: boolean) => centredBasis({ name: 'hat', profile: (z) => tf.relu(tf.sub(1, tf.abs(z))), learnable });

describe('trainable basis state', () => {
  it('names the trainable state tensors in order, none for a fixed basis', () => {
    expect(trainableStateNames(hat(true)({}, 2))).toEqual([]);
    expect(trainableStateNames(hat(true)({ learnable: true }, 2))).toEqual(['centres', 'log_widths']);
  });

  it('gives a centred basis per-input trainable centres and log-widths when learnable, with its grid as the start', () => {
    const basis = hat(true)({ numCenters: 3, gridMin: 0, gridMax: 1, learnable: true }, 2);
    expect(basis.config).toEqual({ name: 'hat', numCenters: 3, gridMin: 0, gridMax: 1, learnable: true });
    expect(basis.stateSpecs.map((s) => [s.name, s.shape])).toEqual([['centres', [2, 3]], ['log_widths', [2]]]);
    expect([...basis.stateSpecs[0]!.initial()]).toEqual([0, 0.5, 1, 0, 0.5, 1]);
    // Input 1 moved: centres 0.25 apart from 0.2, width 0.5; x = 0.45 sits on its second centre.
    const values = tf.tidy(() =>
      basis.evaluate(tf.tensor2d([[0.25, 0.45]]), { centres: tf.tensor2d([[0, 0.5, 1], [0.2, 0.45, 0.7]]), log_widths: tf.tensor1d([Math.log(0.5), Math.log(0.5)]) }).dataSync(),
    );
    [0.5, 0.5, 0, 0.5, 1, 0.5].forEach((v, n) => expect(values[n]).toBeCloseTo(v, 6));
  });

  it('accepts the learnable option only where the basis offers it', () => {
    expect(() => hat(false)({ learnable: true }, 2)).toThrow('hat basis: unknown option "learnable"; expected one of numCenters, gridMin, gridMax.');
  });
});
