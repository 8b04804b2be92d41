// cpuFormOf: which CPU forms the CPU backends' fused kernels take, checked against the basis's size and state.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { Basis, BasisCpuForm, BasisStateSpec } from '@kanjs/basis-core';
import { cpuFormOf } from '../src/index.js';

function basis(size: number, inFeatures: number, stateShapes: number[][], cpu?: BasisCpuForm): Basis {
  const stateSpecs: BasisStateSpec[] = stateShapes.map((shape, i) => ({ name: `s${i}`, shape, initial: () => new Float32Array(shape.reduce((a, b) => a * b, 1)) }));
  return {
    name: 'test',
    inFeatures,
    size,
    domain: [-1, 1],
    config: { name: 'test' },
    stateSpecs,
    evaluate: (x) => tf.zeros([x.shape[0], inFeatures, size]) as tf.Tensor3D,
    ...(cpu === undefined ? {} : { cpu }),
  };
}

describe('cpuFormOf', () => {
  it('takes a radial form with K centres and a B-spline with K = knots − order − 1 per input', () => {
    const radial: BasisCpuForm = { kind: 'radial', profile: 'gaussian', width: 0.5 };
    expect(cpuFormOf(basis(8, 3, [[8]], radial))).toEqual(radial);
    const spline: BasisCpuForm = { kind: 'bspline', order: 3, knots: 12 };
    expect(cpuFormOf(basis(8, 5, [[5, 12]], spline))).toEqual(spline);
  });

  it('refuses a basis without a form, with other state, or with a form the kernels do not know', () => {
    expect(cpuFormOf(basis(8, 3, [[8]]))).toBeUndefined();
    expect(cpuFormOf(basis(8, 3, [[7]], { kind: 'radial', profile: 'gaussian', width: 1 }))).toBeUndefined();
    expect(cpuFormOf(basis(8, 3, [[8], [3]], { kind: 'radial', profile: 'rswaf', width: 1 }))).toBeUndefined();
    expect(cpuFormOf(basis(8, 3, [[8]], { kind: 'radial', profile: 'cauchy', width: 1 } as unknown as BasisCpuForm))).toBeUndefined();
    expect(cpuFormOf(basis(9, 5, [[5, 12]], { kind: 'bspline', order: 3, knots: 12 }))).toBeUndefined();
    expect(cpuFormOf(basis(18, 1, [[1, 36]], { kind: 'bspline', order: 17, knots: 36 }))).toBeUndefined();
  });

  it('takes a recurrence with K coefficients each and no state, Fourier with an even K, a wavelet with [K] and [in]', () => {
    const recurrence: BasisCpuForm = { kind: 'recurrence', a: [0, 1, 2], b: [0, 0, 0], c: [0, 0, 1] };
    expect(cpuFormOf(basis(3, 4, [], recurrence))).toEqual(recurrence);
    expect(cpuFormOf(basis(6, 4, [], { kind: 'fourier' }))).toEqual({ kind: 'fourier' });
    const wavelet: BasisCpuForm = { kind: 'wavelet', profile: 'mexican-hat', amplitude: 1 };
    expect(cpuFormOf(basis(8, 3, [[8], [3]], wavelet))).toEqual(wavelet);
  });

  it('refuses those forms where the sizes, the state or the coefficients do not fit', () => {
    expect(cpuFormOf(basis(4, 4, [], { kind: 'recurrence', a: [0, 1, 2], b: [0, 0, 0], c: [0, 0, 1] }))).toBeUndefined();
    expect(cpuFormOf(basis(3, 4, [[3]], { kind: 'recurrence', a: [0, 1, 2], b: [0, 0, 0], c: [0, 0, 1] }))).toBeUndefined();
    expect(cpuFormOf(basis(3, 4, [], { kind: 'recurrence', a: [0, 1, Number.NaN], b: [0, 0, 0], c: [0, 0, 1] }))).toBeUndefined();
    expect(cpuFormOf(basis(5, 4, [], { kind: 'fourier' }))).toBeUndefined();
    expect(cpuFormOf(basis(8, 3, [[8]], { kind: 'wavelet', profile: 'mexican-hat', amplitude: 1 }))).toBeUndefined();
    expect(cpuFormOf(basis(8, 3, [[8], [4]], { kind: 'wavelet', profile: 'mexican-hat', amplitude: 1 }))).toBeUndefined();
    expect(cpuFormOf(basis(8, 3, [[8], [3]], { kind: 'wavelet', profile: 'morlet', amplitude: 1 } as unknown as BasisCpuForm))).toBeUndefined();
  });
});
