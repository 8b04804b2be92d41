/// <reference lib="dom" />
// In the browser: a basis whose WGSL snippet has a type error, registered before prepareWebGPUBackend (checked
// there) and one registered after (checked on its first call). The page records the console warnings, whether
// each basis runs fused, and basisLinear's outputs on webgpu, the generic composition's on webgpu and on cpu.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-layers';
import { createBasis, type Basis } from '@kanjs/basis-core';
import { hasFusedBasisLinear } from '@kanjs/kernels';
import { basisLinear, genericBasisLinear, initialState } from '@kanjs/kan-layers';
import { checkFusedBasis, prepareWebGPUBackend } from '@kanjs/backend-webgpu';
import { registerBrokenGaussian } from '../broken-basis.js';

const warnings: string[] = [];
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  warnings.push(args.map(String).join(' '));
  warn(...args);
};

const status = document.getElementById('status')!;
const show = (state: string, text: string) => {
  status.dataset['state'] = state;
  status.textContent = text;
};

/** basisLinear and the generic composition on the active backend, for fixed inputs. */
async function outputs(basis: Basis): Promise<{ op: number[]; generic: number[] }> {
  const x = tf.tensor2d(Array.from({ length: 7 * basis.inFeatures }, (_, i) => Math.sin(i * 0.37) * 1.5), [7, basis.inFeatures]);
  const w = tf.tensor2d(Array.from({ length: basis.inFeatures * basis.size * 3 }, (_, i) => Math.cos(i * 0.11)), [basis.inFeatures * basis.size, 3]);
  const state = initialState(basis);
  const op = Array.from(await basisLinear(x, w, basis, state).data());
  const generic = Array.from(await genericBasisLinear(x, w, basis, state).data());
  tf.dispose([x, w, ...Object.values(state)]);
  return { op, generic };
}

async function main(): Promise<void> {
  registerBrokenGaussian('broken-early');
  const gpu = await prepareWebGPUBackend();
  if ('reason' in gpu) throw new Error(`no WebGPU: ${gpu.reason}`);
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend did not start');
  const early = createBasis('broken-early', 5);
  const earlyOnGpu = await outputs(early);
  registerBrokenGaussian('broken-late');
  const late = createBasis('broken-late', 4);
  const lateFirstCall = await outputs(late);
  const lateChecked = await checkFusedBasis(late);
  const gaussian = createBasis('gaussian', 4);
  const gaussianChecked = await checkFusedBasis(gaussian);
  const fused = { early: hasFusedBasisLinear('webgpu', early), late: hasFusedBasisLinear('webgpu', late), gaussian: hasFusedBasisLinear('webgpu', gaussian) };
  await tf.setBackend('cpu');
  const earlyOnCpu = await outputs(early);
  const result = { backend: 'webgpu', warnings, fused, lateChecked, gaussianChecked, earlyOnGpu, lateFirstCall, earlyOnCpu };
  document.getElementById('result')!.textContent = JSON.stringify(result);
  show('done', 'done');
}

main().catch((error: unknown) => show('error', (error as Error).message));
