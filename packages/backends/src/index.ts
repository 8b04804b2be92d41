export { useBackend, listBackends, BACKEND_NAMES, BackendError, type BackendName, type BackendInfo, type BackendAvailability, type UseBackendOptions } from './backends.js';
export { summarise as summariseAdapter, SWIFTSHADER_ICD, type AdapterSummary } from './webgpu/dawn.js';
export { registerWebGPUBasisLinear } from './webgpu/kernels.js';
