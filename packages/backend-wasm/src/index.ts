// @kanjs/backend-wasm: the fused kanjs kernels in wasm SIMD, on tfjs-backend-wasm and tfjs-backend-cpu, in Node
// and in the browser. Importing it also makes it known to @kanjs/backends' router, which in a bundled browser
// app cannot load it by name.
import { registerWasmKernels } from './register-all-kernels.js';
import { supportsBasis } from './kernels/basis-linear.js';
import { hasWasmSimd, kernelThreads, setKernelThreads, type KernelThreads } from './wasm/module.js';
import { setFusedStepKernels } from './step-kernels.js';

export { registerWasmKernels, supportsBasis, hasWasmSimd, setFusedStepKernels, setKernelThreads, kernelThreads };
export type { KernelThreads };

/** The key under which the router finds this module once it is imported (see @kanjs/backends). */
const ROUTER_KEY = Symbol.for('@kanjs/backend-wasm');
(globalThis as Record<symbol, unknown>)[ROUTER_KEY] = { registerWasmKernels, supportsBasis, hasWasmSimd, setKernelThreads };
