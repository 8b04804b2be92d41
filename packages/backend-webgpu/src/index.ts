// @kanjs/backend-webgpu: the fused kanjs kernels (WGSL) on tfjs-backend-webgpu, in the browser and in Node
// through Dawn (the `webgpu` package).
export { prepareWebGPUBackend } from './prepare-backend.js';
export { registerWebGPUKernels } from './register-all-kernels.js';
export { ensureWebGPU, summarise as summariseAdapter, type AdapterSummary } from './dawn/dawn.js';
export { supportsBasis } from './kernels/basis-linear.js';
