// The fused AdamW step (ADAMW_KERNEL): a launch updates up to four variables (blockIdx.y picks one), each
// element once: p, m and v are read, and the new p, m and v written, with the composition's float32 operations
// in its order (the _rn intrinsics keep NVRTC from contracting them into FMAs). A training step of a
// [784, 64, 10] FastKAN updates 10 variables in 3 launches instead of about 140.
import { ADAMW_KERNEL, type AdamWAttrs } from '@kanjs/kernels';
import type { KernelConfig, TensorInfo } from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend.js';

/** Variables per launch: 8 fixed arguments plus 9 per variable stay within the addon's 48. */
export const ADAMW_SLOTS = 4;

const slotParams = (k: number) =>
  `const float* __restrict__ p${k}, const float* __restrict__ g${k}, const float* __restrict__ m${k}, const float* __restrict__ v${k}, float* __restrict__ op${k}, float* __restrict__ om${k}, float* __restrict__ ov${k}, int n${k}, float decay${k}`;
const pick = (name: string) => Array.from({ length: ADAMW_SLOTS }, (_, k) => k).reduceRight((rest, k) => `slot == ${k} ? ${name}${k} : ${rest}`, `${name}0`);

const SOURCE = `extern "C" __global__ void kan_adamw(const float* __restrict__ acc1, const float* __restrict__ acc2, float b1, float omb1,
    float b2, float omb2, float eps, float negLr,
    ${Array.from({ length: ADAMW_SLOTS }, (_, k) => slotParams(k)).join(',\n    ')}) {
  const int slot = blockIdx.y;
  const float* __restrict__ P = ${pick('p')};
  const float* __restrict__ G = ${pick('g')};
  const float* __restrict__ M = ${pick('m')};
  const float* __restrict__ V = ${pick('v')};
  float* __restrict__ OP = ${pick('op')};
  float* __restrict__ OM = ${pick('om')};
  float* __restrict__ OV = ${pick('ov')};
  const int n = ${pick('n')};
  const float decay = ${pick('decay')};
  const float oma1 = __fsub_rn(1.0f, acc1[0]), oma2 = __fsub_rn(1.0f, acc2[0]);
  for (int j = blockIdx.x * blockDim.x + threadIdx.x; j < n; j += gridDim.x * blockDim.x) {
    const float g = G[j];
    const float p = __fmul_rn(P[j], decay);
    const float m = __fadd_rn(__fmul_rn(M[j], b1), __fmul_rn(g, omb1));
    const float v = __fadd_rn(__fmul_rn(V[j], b2), __fmul_rn(__fmul_rn(g, g), omb2));
    const float step = __fmul_rn(__fdiv_rn(__fdiv_rn(m, oma1), __fadd_rn(__fsqrt_rn(__fdiv_rn(v, oma2)), eps)), negLr);
    OP[j] = __fadd_rn(step, p);
    OM[j] = m;
    OV[j] = v;
  }
}
`;

const adamw: KernelConfig = {
  kernelName: ADAMW_KERNEL,
  backendName: 'cuda',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const cuda = backend as CudaBackend;
    const [acc1, acc2, ...rest] = inputs as unknown as TensorInfo[];
    const { beta1, beta2, epsilon, learningRate, decays } = attrs as unknown as AdamWAttrs;
    const count = rest.length / 4;
    if (!Number.isInteger(count) || decays.length !== count) {
      throw new Error(`cuda: ${ADAMW_KERNEL} expects [accBeta1, accBeta2] and 4 inputs per variable with one decay each; got ${inputs.length} inputs and ${decays.length} decays.`);
    }
    const fn = cuda.compiled('kan_adamw', SOURCE);
    const outputs: TensorInfo[] = []; // p', m', v' of variable i at 3i, 3i + 1, 3i + 2
    const size = (t: TensorInfo) => t.shape.reduce((a, b) => a * b, 1);
    for (let first = 0; first < count; first += ADAMW_SLOTS) {
      const group = Array.from({ length: Math.min(ADAMW_SLOTS, count - first) }, (_, k) => first + k);
      for (const i of group) for (let j = 0; j < 3; j++) outputs.push(cuda.makeOutput(rest[4 * i]!.shape, 'float32'));
      const args: number[] = [cuda.pointer(acc1!), cuda.pointer(acc2!), beta1, 1 - beta1, beta2, 1 - beta2, epsilon, -learningRate];
      for (let k = 0; k < ADAMW_SLOTS; k++) {
        const i = group[Math.min(k, group.length - 1)]!; // unused slots repeat the last variable; no block reads them
        const [p, g, m, v] = rest.slice(4 * i, 4 * i + 4) as [TensorInfo, TensorInfo, TensorInfo, TensorInfo];
        const [op, om, ov] = outputs.slice(3 * i, 3 * i + 3) as [TensorInfo, TensorInfo, TensorInfo];
        args.push(cuda.pointer(p), cuda.pointer(g), cuda.pointer(m), cuda.pointer(v), cuda.pointer(op), cuda.pointer(om), cuda.pointer(ov), size(p), decays[i]!);
      }
      const largest = Math.max(...group.map((i) => size(rest[4 * i]!)));
      if (largest > 0) {
        const blocks = Math.min(Math.ceil(largest / 256), cuda.device.multiprocessors * 8);
        cuda.launch(fn, [blocks, group.length, 1], [256, 1, 1], 0, `ppffffff${'pppppppif'.repeat(ADAMW_SLOTS)}`, args);
      }
    }
    return outputs;
  },
};

export const ADAMW_CUDA_KERNELS: KernelConfig[] = [adamw];
