// A basis whose WGSL snippet does not compile (a type error) runs the generic path on webgpu, with one warning
// that names the basis and the line, instead of fused kernels that Dawn rejects and that leave zeros. Checked
// both ways: a basis registered before prepareWebGPUBackend (checked there) and one first used after (checked
// on first use, which already runs the generic path).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState, kan } from '@kanjs/kan-layers';
import { rng, uniform } from '@kanjs/testing';
import { checkFusedBasis } from '../src/index.js';
import { activate, webgpuForTests } from './gpu.js';
import { registerBrokenGaussian } from './broken-basis.js';

const warnings: string[] = [];
const warn = vi.spyOn(console, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
const snippetWarnings = (name: string) => warnings.filter((m) => m.includes(`the WGSL snippet of the ${name} basis`));

registerBrokenGaussian('broken-early');
const gpu = await webgpuForTests(); // prepareWebGPUBackend checks every registered basis, broken-early included

afterAll(() => warn.mockRestore());

function random(shape: [number, number], seed: number): tf.Tensor2D {
  return tf.tensor2d(Float32Array.from(uniform(rng(seed), shape[0] * shape[1], -1.5, 1.5)), shape);
}

/** basisLinear through the layers' op and through the generic composition, on the active backend. */
async function bothPaths(basis: Basis, seed: number): Promise<{ op: Float32Array; generic: Float32Array }> {
  const x = random([9, basis.inFeatures], seed);
  const w = random([basis.inFeatures * basis.size, 5], seed + 1);
  const state = initialState(basis);
  const op = (await basisLinear(x, w, basis, state).data()) as Float32Array;
  const generic = (await genericBasisLinear(x, w, basis, state).data()) as Float32Array;
  tf.dispose([x, w, ...Object.values(state)]);
  return { op, generic };
}

describe.skipIf(gpu.skip)('a basis whose WGSL snippet does not compile, on webgpu', () => {
  beforeAll(async () => {
    await activate('webgpu');
  });

  it('was found by prepareWebGPUBackend: one warning naming the basis, the snippet line and the message', () => {
    const found = snippetWarnings('broken-early');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^@kanjs\/backend-webgpu: the WGSL snippet of the broken-early basis does not compile, so it runs the generic path \(evaluate \+ matMul\) on webgpu: line 4:\d+ of the snippet: .*u32.*f32.*\(`let z: u32 = \(x - kan_state\(k\)\) \/ KAN_H;`\)\.$/);
    expect(hasFusedBasisLinear('webgpu', createBasis('broken-early', 3))).toBe(false);
    expect(hasFusedBasisLinear('webgpu', createBasis('gaussian', 3))).toBe(true);
  });

  it('gives the generic path’s outputs (not zeros), and no second warning', async () => {
    const { op, generic } = await bothPaths(createBasis('broken-early', 6), 10);
    expect(Array.from(op)).toEqual(Array.from(generic));
    expect(generic.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    expect(snippetWarnings('broken-early')).toHaveLength(1);
  });

  it('trains and predicts in a model like the same model on cpu', async () => {
    const build = () => kan({ layers: [6, 4, 3], layer: 'fastkan', basis: 'broken-early', useLayerNorm: false, seed: 3 });
    const x = random([8, 6], 20);
    const model = build();
    const onGpu = (await (model.predict(x) as tf.Tensor).data()) as Float32Array;
    const grads = tf.variableGrads(() => tf.sum(tf.square(model.apply(x, { training: true }) as tf.Tensor)) as tf.Scalar);
    const gradNorm = (await tf.norm(tf.concat(Object.values(grads.grads).map((g) => tf.reshape(g, [-1])))).data())[0]!;
    await activate('cpu');
    const reference = build();
    const xCpu = random([8, 6], 20);
    const onCpu = (await (reference.predict(xCpu) as tf.Tensor).data()) as Float32Array;
    const cpuGrads = tf.variableGrads(() => tf.sum(tf.square(reference.apply(xCpu, { training: true }) as tf.Tensor)) as tf.Scalar);
    const cpuNorm = (await tf.norm(tf.concat(Object.values(cpuGrads.grads).map((g) => tf.reshape(g, [-1])))).data())[0]!;
    onCpu.forEach((v, i) => expect(onGpu[i]).toBeCloseTo(v, 5));
    expect(onCpu.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    expect(Math.abs(gradNorm - cpuNorm) / cpuNorm).toBeLessThan(1e-4);
    tf.dispose([xCpu, ...Object.values(cpuGrads.grads)]);
    reference.dispose();
    await activate('webgpu');
    tf.dispose([x, ...Object.values(grads.grads)]);
    model.dispose();
  });

  it('is checked on first use when registered later: that call already runs the generic path, then one warning', async () => {
    registerBrokenGaussian('broken-late');
    const basis = createBasis('broken-late', 5);
    const first = await bothPaths(basis, 30);
    expect(Array.from(first.op)).toEqual(Array.from(first.generic));
    expect(await checkFusedBasis(basis)).toBe(false);
    expect(hasFusedBasisLinear('webgpu', basis)).toBe(false);
    const again = await bothPaths(basis, 31);
    expect(Array.from(again.op)).toEqual(Array.from(again.generic));
    expect(snippetWarnings('broken-late')).toHaveLength(1);
    expect(snippetWarnings('broken-late')[0]).toContain('line 4:');
  });

  it('leaves bases whose snippets compile fused, without a warning', async () => {
    for (const config of [{ name: 'gaussian', numCenters: 5 }, { name: 'bspline', gridSize: 3 }]) {
      const basis = createBasis(config, 4);
      expect(await checkFusedBasis(basis)).toBe(true);
      expect(hasFusedBasisLinear('webgpu', basis)).toBe(true);
    }
    expect(warnings.filter((m) => m.includes('WGSL snippet') && !m.includes('broken-'))).toEqual([]);
  });
});
