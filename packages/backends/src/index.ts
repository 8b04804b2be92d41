export { useBackend, listBackends, BACKEND_NAMES, BackendError, type BackendName, type BackendInfo, type BackendAvailability, type UseBackendOptions } from './backends.js';
export { hasFusedKernel } from './fused-kernel.js';
export type { WasmThreadDetails } from './wasm-threads.js';
export type { AdapterSummary } from '@kanjs/backend-webgpu';
