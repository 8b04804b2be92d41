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
});
