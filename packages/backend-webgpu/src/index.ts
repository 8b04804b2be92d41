// @kanjs/backend-webgpu: the fused kanjs kernels (WGSL) on tfjs-backend-webgpu, in the browser and in Node
// through Dawn (the `webgpu` package). Importing it also makes it known to @kanjs/backends' router, which in
// a bundled browser app cannot load it by name.
import { prepareWebGPUBackend } from './prepare-backend.js';
import { registerWebGPUKernels } from './register-all-kernels.js';
import { ensureWebGPU, summarise as summariseAdapter } from './dawn/dawn.js';
import { checkFusedBasis, supportsBasis } from './kernels/basis-linear.js';

export { prepareWebGPUBackend, registerWebGPUKernels, ensureWebGPU, summariseAdapter, supportsBasis, checkFusedBasis };
export type { AdapterSummary } from './dawn/dawn.js';

/** The key under which the router finds this module once it is imported (see @kanjs/backends). */
const ROUTER_KEY = Symbol.for('@kanjs/backend-webgpu');
(globalThis as Record<symbol, unknown>)[ROUTER_KEY] = { prepareWebGPUBackend, registerWebGPUKernels, ensureWebGPU, summariseAdapter, supportsBasis, checkFusedBasis };
